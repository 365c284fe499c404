/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sapenet.data.synth.OracleReport;
import org.sapenet.data.synth.SyntheticAliccp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes synthetic data with known truth in a source format. */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = {
            "Write synthetic data drawn from a known model, with each row's true probabilities",
            "and the oracle AUC per (split, scenario, task) (printed and saved as oracle.json)."
        })
final class SynthCommand implements Callable<Integer> {

    @Option(
            names = "--format",
            defaultValue = "aliccp",
            paramLabel = "aliccp",
            description = "Output format: aliccp (processed AliCCP CSVs; default).")
    String format;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "Rows in all.")
    long rows;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--force", description = "Replace existing files in DIR.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (!"aliccp".equals(format)) {
            throw new IllegalArgumentException("--format must be aliccp, got '" + format + "'");
        }
        long started = System.nanoTime();
        OracleReport report = SyntheticAliccp.write(out, rows, seed, force);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "wrote %d synthetic AliCCP rows (seed %d) to %s in %.1f s%n%n",
                rows,
                seed,
                out,
                seconds);
        System.out.println("oracle AUC (true probabilities vs drawn labels):");
        System.out.print(report.toTable());
        System.out.printf("%nsaved %s%n", out.resolve(SyntheticAliccp.ORACLE_FILE));
        return 0;
    }
}
