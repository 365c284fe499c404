/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.sapenet.data.dataset.StoreDataset;
import org.sapenet.data.source.aliccp.AliccpPreparer;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.data.synth.SyntheticAliccp;

/**
 * Prints the data pipeline's throughput and peak heap: synthesise N rows, prepare them into a
 * store, iterate the training split into batches (file order and shuffled).
 *
 * <pre>
 * mvn -o -q -B package -DskipTests
 * java -Xmx1g -cp "sapenet-train/target/sapenet-train-0.1.0-SNAPSHOT.jar:$(cat sapenet-train/target/classpath.txt)" \
 *     org.sapenet.data.bench.DataBenchmark 1000000 /tmp/sapenet-bench
 * </pre>
 *
 * The work folder must not exist (it is created and deleted at the end).
 */
public final class DataBenchmark {

    private DataBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the row count and a work folder (default 1000000 and /tmp/sapenet-bench)
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        Path work = Path.of(args.length > 1 ? args[1] : "/tmp/sapenet-bench");
        if (Files.exists(work)) {
            throw new IllegalArgumentException(work + " exists: give a new work folder");
        }
        int batchSize = 2048;
        System.out.printf(
                Locale.ROOT,
                "rows %d, %d cores, max heap %d MiB%n",
                rows,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        Path csv = work.resolve("csv");
        Path store = work.resolve("store");
        try {
            resetPeaks();
            long t0 = System.nanoTime();
            SyntheticAliccp.write(csv, rows, 42);
            report("synth", rows, t0);

            resetPeaks();
            t0 = System.nanoTime();
            AliccpPreparer.builder().setInput(csv).setOutput(store).build().prepare();
            report("prepare", rows, t0);

            PreparedStore opened = PreparedStore.open(store);
            resetPeaks();
            t0 = System.nanoTime();
            opened.verifyChecksums();
            report("verify checksums", rows, t0);

            try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                String[] windows = System.getProperty("bench.windows", "1024x32").split(",");
                for (int pass = 0; pass < 3; pass++) {
                    iterate(manager, opened, batchSize, false, 1, 1);
                    for (String window : windows) {
                        String[] parts = window.split("x");
                        iterate(
                                manager,
                                opened,
                                batchSize,
                                true,
                                Integer.parseInt(parts[0]),
                                Integer.parseInt(parts[1]));
                    }
                }
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void iterate(
            NDManager manager,
            PreparedStore store,
            int batchSize,
            boolean shuffle,
            int blockRows,
            int windowBlocks) {
        StoreDataset data =
                StoreDataset.builder()
                        .setStore(store, Split.TRAIN)
                        .setBatchSize(batchSize)
                        .optShuffle(shuffle)
                        .optShuffleWindow(blockRows, windowBlocks)
                        .optSeed(1)
                        .build();
        resetPeaks();
        long started = System.nanoTime();
        long seen = 0;
        for (Batch batch : data.getData(manager)) {
            seen += batch.getSize();
            batch.close();
        }
        report(
                "batches B="
                        + batchSize
                        + (shuffle ? " shuffled " + blockRows + "x" + windowBlocks : " in order"),
                seen,
                started);
    }

    private static void report(String phase, long rows, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = (processCpuNanos() - cpuAtStart) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%-28s %10d rows %7.2f s wall %7.2f s cpu %10.0f rows/s   peak heap %5d MiB%n",
                phase,
                rows,
                seconds,
                cpu,
                rows / seconds,
                peakHeap() >> 20);
    }

    private static long cpuAtStart;

    /** CPU time of the whole process (all threads), to read figures on a shared machine. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os =
                ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
    }

    private static void resetPeaks() {
        System.gc();
        cpuAtStart = processCpuNanos();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
