/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.ModelSpec;
import org.sapenet.model.runtime.Engines;
import org.sapenet.train.bench.BenchResult;
import org.sapenet.train.bench.ThroughputBench;
import org.sapenet.train.demo.SyntheticStore;
import org.sapenet.train.run.RunFolder;
import org.sapenet.train.run.Versions;
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
        List<String> names = new ArrayList<>();
        if (models == null || models.isEmpty()) {
            for (ModelSpec spec : ModelRegistry.all()) {
                names.add(spec.getName());
            }
        } else {
            for (String name : models) {
                names.add(ModelRegistry.get(name.trim()).getName());
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("No models are registered");
        }
        int largest = 0;
        for (int b : batchSizes) {
            if (b < 1) {
                throw new IllegalArgumentException("Batch sizes must be positive, got " + b);
            }
            largest = Math.max(largest, b);
        }
        Path temp = null;
        try {
            Path storeDir = data;
            if (storeDir == null) {
                long total = rows != null ? rows : Math.max(20_000L, 4L * largest + 4);
                temp = Files.createTempDirectory("sapenet-bench");
                System.err.printf("synthesising %,d AliCCP-format rows in %s ...%n", total, temp);
                storeDir = SyntheticStore.create(temp, total, 1).storeDir();
            }
            ThroughputBench bench =
                    new ThroughputBench(
                            PreparedStore.open(storeDir), Engines.device(), warmup, steps);
            // The first measurement in a JVM also pays for JIT compilation and the native
            // allocator's growth: run one unrecorded pass first so every model is measured warm.
            System.err.printf("warming up with %s at batch %d ...%n", names.get(0), largest);
            bench.measure(names.get(0), largest);
            List<BenchResult> results = new ArrayList<>();
            for (String name : names) {
                for (int b : batchSizes) {
                    System.err.printf("measuring %s at batch %d ...%n", name, b);
                    results.add(bench.measure(name, b));
                }
            }
            System.out.print(ThroughputBench.table(results));
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("device", Engines.device().toString());
            document.put("threads", System.getProperty(SapenetCli.THREADS_PROPERTY, "default"));
            document.put("cores", Runtime.getRuntime().availableProcessors());
            document.put("versions", Versions.all());
            document.put("store", data == null ? "synthetic" : data.toString());
            document.put("warmupSteps", warmup);
            document.put("steps", steps);
            document.put("results", results);
            RunFolder.writeJson(out, document);
            System.out.println("wrote " + out);
            return 0;
        } finally {
            if (temp != null) {
                AtomicFiles.deleteRecursively(temp);
            }
        }
    }
}
