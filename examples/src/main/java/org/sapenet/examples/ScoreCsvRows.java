/*
 * SAPENet for the JVM.
 */
package org.sapenet.examples;

import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.sapenet.serve.translate.ScoringTranslatorFactory;

/**
 * Scores the first rows of a CSV with a SAPENet checkpoint through DJL's {@link Criteria} and the
 * generic {@code (Input, Output)} pair, as a DJL application does: the CSV text (header and rows,
 * the training source's columns) goes in, a JSON array with each row's scenario and one
 * probability per task comes out.
 *
 * <pre>
 * java -cp "target/classes:$(cat target/classpath.txt)" org.sapenet.examples.ScoreCsvRows \
 *     CHECKPOINT_DIR ROWS.csv [N (default 1000)]
 * </pre>
 *
 * <p>It prints the first three scored rows, checks that every row got a scenario and a probability
 * in [0, 1] per task (exit 1 otherwise), and reports the process CPU time of a second pass over
 * the same rows with the PyTorch thread count SAPENet chose (one, unless the application sets
 * {@code ai.djl.pytorch.num_threads}).
 */
public final class ScoreCsvRows {

    private ScoreCsvRows() {}

    /**
     * Runs the example.
     *
     * @param args the checkpoint folder, the CSV, optionally the number of rows
     * @throws Exception when loading or scoring fails
     */
    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args[0]);
        String csv = firstLines(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 1000);
        int rows = (int) csv.lines().count() - 1;

        Criteria<Input, Output> criteria =
                Criteria.builder()
                        .setTypes(Input.class, Output.class)
                        .optModelPath(checkpoint)
                        .optTranslatorFactory(new ScoringTranslatorFactory())
                        .build();
        try (ZooModel<Input, Output> model = criteria.loadModel();
                Predictor<Input, Output> predictor = model.newPredictor()) {
            Input input = new Input();
            input.add(csv); // or a JSON array of {column: value}; input.addProperty("scenario", "2")
            JsonArray scores = parse(predictor.predict(input));

            check(scores, rows);
            for (int r = 0; r < Math.min(3, scores.size()); r++) {
                System.out.println("row " + (r + 1) + ": " + scores.get(r));
            }
            long cpu = processCpuNanos();
            long wall = System.nanoTime();
            check(parse(predictor.predict(input)), rows);
            System.out.printf(
                    Locale.ROOT,
                    "scored %d rows: %.1f ms wall, %.1f ms process CPU, PyTorch threads %s%n",
                    rows,
                    (System.nanoTime() - wall) / 1e6,
                    (processCpuNanos() - cpu) / 1e6,
                    System.getProperty("ai.djl.pytorch.num_threads", "(PyTorch's default)"));
        }
    }

    private static JsonArray parse(Output output) {
        return JsonParser.parseString(output.getData().getAsString()).getAsJsonArray();
    }

    private static void check(JsonArray scores, int rows) {
        if (scores.size() != rows) {
            fail("expected " + rows + " scored rows, got " + scores.size());
        }
        for (JsonElement element : scores) {
            JsonObject row = element.getAsJsonObject();
            if (!row.has("scenario") || row.size() < 2) {
                fail("a row without its scenario or scores: " + row);
            }
            for (Map.Entry<String, JsonElement> e : row.entrySet()) {
                if (e.getKey().equals("scenario")) {
                    continue;
                }
                double p = e.getValue().getAsDouble();
                if (!(p >= 0 && p <= 1)) {
                    fail("probability of " + e.getKey() + " out of [0, 1]: " + row);
                }
            }
        }
    }

    private static void fail(String message) {
        System.err.println("ScoreCsvRows: " + message);
        System.exit(1);
    }

    private static String firstLines(Path csv, int rows) throws Exception {
        StringBuilder text = new StringBuilder();
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            String line = in.readLine();
            for (int r = 0; line != null && r <= rows; r++, line = in.readLine()) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
