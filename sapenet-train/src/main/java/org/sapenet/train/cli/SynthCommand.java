/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sapenet.data.synth.SynthReport;
import org.sapenet.data.synth.SyntheticAliccp;
import org.sapenet.data.synth.SyntheticAliccpRaw;
import org.sapenet.data.synth.SyntheticKuaisar;
import org.sapenet.data.synth.SyntheticProfile;
import org.sapenet.data.synth.SyntheticVocabulary;
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
            paramLabel = "FORMAT",
            description =
                    "Output format: aliccp (processed AliCCP CSVs; default), aliccp-raw (raw"
                            + " Tianchi files), kuaisar (raw KuaiSAR files).")
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

    @Option(
            names = "--profile",
            defaultValue = "aliccp",
            paramLabel = "NAME",
            description =
                    "Scenario mix and label rates of --format aliccp: aliccp (shares 0.38/0.01/0.61,"
                            + " CTR ~5%%; default) or balanced (0.40/0.20/0.40, CTR ~25%%, every"
                            + " scenario measurable at a few hundred thousand rows).")
    String profile;

    @Option(
            names = "--vocabulary",
            defaultValue = "small",
            paramLabel = "NAME",
            description =
                    "Vocabulary sizes of --format aliccp: small (2,000 users, 3,000 items, 12,239"
                            + " embedding rows in all; default) or aliccp-full (AliCCP's estimated"
                            + " full shape: 238,635 users, 467,298 items, 263,942 shops, 106,399"
                            + " brands, 1,560,493 embedding rows in all).")
    String vocabulary;

    @Option(names = "--force", description = "Replace existing files in DIR.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        SyntheticProfile mix = SyntheticProfile.of(profile);
        SyntheticVocabulary sizes = SyntheticVocabulary.of(vocabulary);
        if ("aliccp-raw".equals(format) || "kuaisar".equals(format)) {
            if (mix != SyntheticProfile.ALICCP) {
                throw new IllegalArgumentException(
                        "--profile applies to --format aliccp only, got --format " + format);
            }
            if (sizes != SyntheticVocabulary.SMALL) {
                throw new IllegalArgumentException(
                        "--vocabulary applies to --format aliccp only, got --format " + format);
            }
        }
        long started = System.nanoTime();
        SynthReport report;
        switch (format) {
            case "aliccp":
                report = SyntheticAliccp.write(out, rows, seed, force, mix, sizes);
                break;
            case "aliccp-raw":
                report = SyntheticAliccpRaw.write(out, rows, seed, force);
                break;
            case "kuaisar":
                report = SyntheticKuaisar.write(out, rows, seed, force);
                break;
            default:
                throw new IllegalArgumentException(
                        "--format must be aliccp, aliccp-raw or kuaisar, got '" + format + "'");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if ("aliccp".equals(format)) {
            System.out.printf(
                    Locale.ROOT,
                    "wrote %d synthetic AliCCP rows (seed %d, profile %s) to %s in %.1f s%n%n",
                    rows,
                    seed,
                    mix.cliName(),
                    out,
                    seconds);
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "wrote %d synthetic %s rows (seed %d) to %s in %.1f s%n%n",
                    rows,
                    format,
                    seed,
                    out,
                    seconds);
        }
        System.out.println("oracle AUC (true probabilities vs drawn labels):");
        System.out.print(report.toTable());
        System.out.printf("%nsaved %s%n", out.resolve(SyntheticAliccp.ORACLE_FILE));
        return 0;
    }
}
