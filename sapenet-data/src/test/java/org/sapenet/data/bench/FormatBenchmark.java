/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.bench;

import java.io.IOException;
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
 * Each format is prepared R times (default 2) from the same synthetic input, each time into a new
 * store: the first run pays the JIT's warm-up, as a {@code prepare} command does.
 *
 * <pre>
 * mvn -o -q -B package -DskipTests
 * java -Xmx1g -cp "sapenet-data/target/test-classes:sapenet-train/target/sapenet-train-0.1.0-SNAPSHOT.jar:$(cat sapenet-train/target/classpath.txt)" \
 *     org.sapenet.data.bench.FormatBenchmark 1000000 /tmp/sapenet-format-bench [aliccp-raw,kuaisar,csv] [R]
 * </pre>
 *
 * The work folder must not exist (it is created and deleted at the end).
 */
public final class FormatBenchmark {

    private FormatBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args the row count, a work folder, optionally a comma-separated format list and the
     *     runs per format
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
        Path work = Path.of(args.length > 1 ? args[1] : "/tmp/sapenet-format-bench");
        List<String> formats =
                List.of((args.length > 2 ? args[2] : "aliccp-raw,kuaisar,csv").split(","));
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
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
                PhaseMeter phase = PhaseMeter.start();
                SyntheticAliccpRaw.write(raw, rows, 42, false);
                phase.report("synth aliccp-raw", rows);
                for (int run = 1; run <= runs; run++) {
                    phase = PhaseMeter.start();
                    AliccpRawPreparer.builder()
                            .setInput(raw)
                            .setOutput(work.resolve("aliccp-raw-store-" + run))
                            .build()
                            .prepare();
                    phase.report("prepare aliccp-raw #" + run, rows);
                }
            }
            if (formats.contains("kuaisar")) {
                Path raw = work.resolve("kuaisar");
                PhaseMeter phase = PhaseMeter.start();
                SyntheticKuaisar.write(raw, rows, 42, false);
                phase.report("synth kuaisar", rows);
                for (int run = 1; run <= runs; run++) {
                    phase = PhaseMeter.start();
                    KuaisarPreparer.builder()
                            .setInput(raw)
                            .setOutput(work.resolve("kuaisar-store-" + run))
                            .build()
                            .prepare();
                    phase.report("prepare kuaisar #" + run, rows);
                }
            }
            if (formats.contains("csv")) {
                Path csv = work.resolve("csv");
                PhaseMeter phase = PhaseMeter.start();
                SyntheticAliccp.write(csv, rows, 42);
                phase.report("synth csv (processed AliCCP)", rows);
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
                for (int run = 1; run <= runs; run++) {
                    phase = PhaseMeter.start();
                    SchemaCsvPreparer.builder()
                            .setSchema(CsvSchema.read(schema, 10, 0), schema)
                            .optFile(Split.TRAIN, csv.resolve(SyntheticAliccp.dataFile("train")))
                            .optFile(Split.VAL, csv.resolve(SyntheticAliccp.dataFile("val")))
                            .optFile(Split.TEST, csv.resolve(SyntheticAliccp.dataFile("test")))
                            .setOutput(work.resolve("csv-store-" + run))
                            .build()
                            .prepare();
                    phase.report("prepare csv --schema #" + run, rows);
                }
            }
        } finally {
            DataBenchmark.deleteTree(work);
        }
    }
}
