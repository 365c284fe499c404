/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.synth.SyntheticProfile;
import org.sapenet.data.synth.SyntheticVocabulary;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.ModelSpec;
import org.sapenet.model.runtime.Engines;
import org.sapenet.train.demo.SyntheticStore;
import org.sapenet.train.run.Versions;

/**
 * The whole of {@code sapenet bench}'s measurement: resolves the models, synthesises the data
 * (unless a store is given), warms up once, then measures every model at every batch size with
 * {@link ThroughputBench}.
 */
public final class BenchRun {

    private BenchRun() {}

    /**
     * Runs the measurements, logging progress as it goes.
     *
     * @param options what to measure
     * @param log where the progress lines go
     * @return the measurements and their conditions
     * @throws IOException when the data cannot be written or read
     * @throws IllegalArgumentException for an unknown model, a batch size below 1, or steps out of
     *     range
     */
    public static BenchReport run(BenchOptions options, PrintStream log) throws IOException {
        List<String> names = new ArrayList<>();
        if (options.models() == null || options.models().isEmpty()) {
            for (ModelSpec spec : ModelRegistry.all()) {
                names.add(spec.getName());
            }
        } else {
            for (String name : options.models()) {
                names.add(ModelRegistry.get(name.trim()).getName());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("No models are registered");
        }
        int largest = 0;
        for (int b : options.batchSizes()) {
            if (b < 1) {
                throw new IllegalArgumentException("Batch sizes must be positive, got " + b);
            }
            largest = Math.max(largest, b);
        }
        if (options.data() != null && options.vocabulary() != SyntheticVocabulary.SMALL) {
            throw new IllegalArgumentException(
                    "--vocabulary applies to synthetic data, not to --data " + options.data());
        }
        Path temp = null;
        try {
            Path storeDir = options.data();
            if (storeDir == null) {
                long total =
                        options.rows() != null
                                ? options.rows()
                                : Math.max(20_000L, 4L * largest + 4);
                temp = Files.createTempDirectory("sapenet-bench");
                log.printf(
                        "synthesising %,d AliCCP-format rows (vocabulary %s) in %s ...%n",
                        total, options.vocabulary().cliName(), temp);
                storeDir =
                        SyntheticStore.create(
                                        temp,
                                        total,
                                        1,
                                        SyntheticProfile.ALICCP,
                                        options.vocabulary())
                                .storeDir();
            }
            PreparedStore store = PreparedStore.open(storeDir);
            long embeddingRows = 0;
            for (int size : store.vocabularySizes()) {
                embeddingRows += size;
            }
            log.printf(
                    "%,d embedding rows in %d sparse fields; %s embedding updates%n",
                    embeddingRows,
                    store.vocabularySizes().length,
                    options.sparseEmbeddingUpdates() ? "row-sparse (lazy)" : "dense");
            ThroughputBench bench =
                    new ThroughputBench(
                            store,
                            Engines.device(),
                            options.warmup(),
                            options.steps(),
                            options.sparseEmbeddingUpdates());
            // The first measurement in a JVM also pays for JIT compilation and the native
            // allocator's growth: run one unrecorded pass first so every model is measured warm.
            log.printf("warming up with %s at batch %d ...%n", names.get(0), largest);
            bench.measure(names.get(0), largest);
            List<BenchResult> results = new ArrayList<>();
            for (String name : names) {
                for (int b : options.batchSizes()) {
                    log.printf("measuring %s at batch %d ...%n", name, b);
                    results.add(bench.measure(name, b));
                }
            }
            return new BenchReport(
                    Engines.device().toString(),
                    System.getProperty(Engines.THREADS_PROPERTY, "default"),
                    Runtime.getRuntime().availableProcessors(),
                    Versions.all(),
                    options.data() == null ? "synthetic" : options.data().toString(),
                    options.data() == null ? options.vocabulary().cliName() : "store",
                    embeddingRows,
                    options.sparseEmbeddingUpdates() ? "row-sparse" : "dense",
                    options.warmup(),
                    options.steps(),
                    List.copyOf(results));
        } finally {
            if (temp != null) {
                AtomicFiles.deleteRecursively(temp);
            }
        }
    }
}
