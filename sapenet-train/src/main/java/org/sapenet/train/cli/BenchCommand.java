/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sapenet.data.synth.SyntheticVocabulary;
import org.sapenet.train.bench.BenchOptions;
import org.sapenet.train.bench.BenchReport;
import org.sapenet.train.bench.BenchRun;
import org.sapenet.train.state.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sapenet bench}: training throughput per model and batch size. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure training throughput (rows/s, data pipeline included) per model and batch size"
                    + " on synthetic AliCCP-shaped data, with each step split into data, forward,"
                    + " backward and optimizer time.",
            "Prints a table and writes it as JSON."
        })
final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "LIST",
            description = "Models to measure (default: every registered model).")
    List<String> models;

    @Option(
            names = "--batch-sizes",
            split = ",",
            paramLabel = "LIST",
            defaultValue = "512,4096,32768",
            description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(
            names = "--steps",
            paramLabel = "N",
            defaultValue = "10",
            description = "Measured steps per model and batch size (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "2",
            description = "Unmeasured steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--rows",
            paramLabel = "N",
            description =
                    "Synthetic rows to generate (default: enough for two full batches of the"
                            + " largest size in the training split, at least 20000).")
    Long rows;

    @Option(
            names = "--data",
            paramLabel = "STORE",
            description = "Measure on this prepared store instead of synthetic data.")
    Path data;

    @Option(
            names = "--vocabulary",
            defaultValue = "small",
            paramLabel = "NAME",
            description =
                    "Vocabulary sizes of the synthetic data: small (2,000 users, 3,000 items,"
                            + " 12,239 embedding rows in all; default) or aliccp-full (AliCCP's"
                            + " estimated full shape: 238,635 users, 467,298 items, 263,942 shops,"
                            + " 106,399 brands, 1,560,493 embedding rows in all; see `synth"
                            + " --vocabulary`).")
    String vocabulary;

    @Option(
            names = "--sparse-embedding-updates",
            description =
                    "Update the embedding tables row-sparsely (lazy Adam: only the rows of the"
                            + " batch's ids), as `train --sparse-embedding-updates` does.")
    boolean sparseEmbeddingUpdates;

    @Option(
            names = "--out",
            paramLabel = "FILE.json",
            defaultValue = "bench.json",
            description = "Where to write the results (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--force", description = "Replace an existing --out file.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out) && !force) {
            throw new IllegalArgumentException(
                    out + " already exists: choose another --out or pass --force");
        }
        BenchReport report =
                BenchRun.run(
                        new BenchOptions(
                                models,
                                batchSizes,
                                steps,
                                warmup,
                                rows,
                                data,
                                SyntheticVocabulary.of(vocabulary),
                                sparseEmbeddingUpdates),
                        System.err);
        System.out.print(report.table());
        RunFolder.writeJson(out, report.document());
        System.out.println("wrote " + out);
        return 0;
    }
}
