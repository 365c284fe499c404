/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.source.aliccp.AliccpRawPreparer;
import org.sapenet.data.source.csv.CsvSchema;
import org.sapenet.data.source.csv.SchemaCsvPreparer;
import org.sapenet.data.source.kuaisar.KuaisarPreparer;
import org.sapenet.data.store.Split;
import org.sapenet.data.synth.SyntheticAliccp;
import org.sapenet.data.synth.SyntheticAliccpRaw;
import org.sapenet.data.synth.SyntheticKuaisar;

/**
 * Prints the rows/s and peak heap of {@code prepare} for the aliccp-raw, kuaisar and csv formats on
 * N synthetic rows (synthesis is timed separately and not counted). aliccp-raw counts skeleton
 * rows, kuaisar interaction rows (recommendation + search), csv data rows (the processed AliCCP
 * synthetic CSVs described by a 33-column schema: every sparse value goes through a vocabulary).
 *
 * <pre>
 * mvn -o -q -B package -DskipTests
 * java -Xmx1g -cp "sapenet-data/target/test-classes:sapenet-train/target/sapenet-train-0.1.0-SNAPSHOT.jar:$(cat sapenet-train/target/classpath.txt)" \
 *     org.sapenet.data.bench.FormatBenchmark 1000000 /tmp/sapenet-format-bench [aliccp-raw,kuaisar,csv]
 * </pre>
 *
 * The work folder must not exist (it is created and deleted at the end).
 */
public final class FormatBenchmark {

    private static long cpuAtStart;

    private FormatBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the row count, a work folder and optionally a comma-separated format list
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        Path work = Path.of(args.length > 1 ? args[1] : "/tmp/sapenet-format-bench");
        List<String> formats =
                List.of((args.length > 2 ? args[2] : "aliccp-raw,kuaisar,csv").split(","));
        if (Files.exists(work)) {
            throw new IllegalArgumentException(work + " exists: give a new work folder");
        }
        System.out.printf(
                Locale.ROOT,
                "rows %d, %d cores, max heap %d MiB%n",
                rows,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try {
            if (formats.contains("aliccp-raw")) {
                Path raw = work.resolve("aliccp-raw");
                resetPeaks();
                long t0 = System.nanoTime();
                SyntheticAliccpRaw.write(raw, rows, 42, false);
                report("synth aliccp-raw", rows, t0);
                resetPeaks();
                t0 = System.nanoTime();
                AliccpRawPreparer.builder()
                        .setInput(raw)
                        .setOutput(work.resolve("aliccp-raw-store"))
                        .build()
                        .prepare();
                report("prepare aliccp-raw", rows, t0);
            }
            if (formats.contains("kuaisar")) {
                Path raw = work.resolve("kuaisar");
                resetPeaks();
                long t0 = System.nanoTime();
                SyntheticKuaisar.write(raw, rows, 42, false);
                report("synth kuaisar", rows, t0);
                resetPeaks();
                t0 = System.nanoTime();
                KuaisarPreparer.builder()
                        .setInput(raw)
                        .setOutput(work.resolve("kuaisar-store"))
                        .build()
                        .prepare();
                report("prepare kuaisar", rows, t0);
            }
            if (formats.contains("csv")) {
                Path csv = work.resolve("csv");
                resetPeaks();
                long t0 = System.nanoTime();
                SyntheticAliccp.write(csv, rows, 42);
                report("synth csv (processed AliCCP)", rows, t0);
                List<String> sparse = new ArrayList<>();
                for (String field : AliccpSchema.SPARSE_FIELDS) {
                    sparse.add('"' + field + '"');
                }
                List<String> dense = new ArrayList<>();
                for (String field : AliccpSchema.DENSE_FIELDS) {
                    dense.add("{\"name\": \"" + field + "\", \"scaling\": \"minmax\"}");
                }
                Path schema = csv.resolve("schema.json");
                Files.writeString(
                        schema,
                        "{\"sparse\": ["
                                + String.join(", ", sparse)
                                + "], \"dense\": ["
                                + String.join(", ", dense)
                                + "], \"scenario\": {\"column\": \"301\", \"values\": [\"1\", \"2\","
                                + " \"3\"]}, \"tasks\": [\"click\", \"purchase\"]}",
                        StandardCharsets.UTF_8);
                resetPeaks();
                t0 = System.nanoTime();
                SchemaCsvPreparer.builder()
                        .setSchema(CsvSchema.read(schema, 10, 0), schema)
                        .optFile(Split.TRAIN, csv.resolve(SyntheticAliccp.dataFile("train")))
                        .optFile(Split.VAL, csv.resolve(SyntheticAliccp.dataFile("val")))
                        .optFile(Split.TEST, csv.resolve(SyntheticAliccp.dataFile("test")))
                        .setOutput(work.resolve("csv-store"))
                        .build()
                        .prepare();
                report("prepare csv --schema", rows, t0);
            }
        } finally {
            deleteTree(work);
        }
    }

    private static void report(String phase, long rows, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = (processCpuNanos() - cpuAtStart) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%-30s %9d rows %7.2f s wall %7.2f s cpu %9.0f rows/s   peak heap %5d MiB%n",
                phase,
                rows,
                seconds,
                cpu,
                rows / seconds,
                peakHeap() >> 20);
    }

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
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path path : all) {
                Files.delete(path);
            }
        }
    }
}
