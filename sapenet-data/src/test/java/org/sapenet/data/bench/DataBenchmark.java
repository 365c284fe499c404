/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.io.IOException;
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
            PhaseMeter phase = PhaseMeter.start();
            SyntheticAliccp.write(csv, rows, 42);
            phase.report("synth", rows);

            phase = PhaseMeter.start();
            AliccpPreparer.builder().setInput(csv).setOutput(store).build().prepare();
            phase.report("prepare", rows);

            PreparedStore opened = PreparedStore.open(store);
            phase = PhaseMeter.start();
            opened.verifyChecksums();
            phase.report("verify checksums", rows);

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
        PhaseMeter phase = PhaseMeter.start();
        long seen = 0;
        for (Batch batch : data.getData(manager)) {
            seen += batch.getSize();
            batch.close();
        }
        phase.report(
                "batches B="
                        + batchSize
                        + (shuffle ? " shuffled " + blockRows + "x" + windowBlocks : " in order"),
                seen);
    }

    static void deleteTree(Path root) throws IOException {
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
