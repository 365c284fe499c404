/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.example;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sapenet.serve.translate.Scores;
import org.sapenet.serve.translate.ScoringRows;
import org.sapenet.serve.translate.ScoringTranslatorFactory;

/**
 * Use a SAPENet model in your DJL app: a checkpoint folder loads through DJL's {@link Criteria}
 * alone (its {@code serving.properties} names the block and translator factories; no {@code
 * optBlock}, no project code beyond sapenet-model and sapenet-serve on the class path), and scores
 * raw rows keyed by column name, each in its own scenario.
 *
 * <pre>
 * java -cp ... org.sapenet.serve.example.ScoreWithCriteriaExample CHECKPOINT_DIR ROWS.csv [N]
 * </pre>
 */
public final class ScoreWithCriteriaExample {

    private ScoreWithCriteriaExample() {}

    /**
     * Scores the first rows of a CSV and prints them.
     *
     * @param args the checkpoint folder, a CSV with the training columns, optionally a row count
     * @throws Exception when loading or scoring fails
     */
    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args[0]);
        List<Map<String, String>> rows =
                readRows(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 10);
        Scores scores = score(checkpoint, rows);
        for (int r = 0; r < scores.size(); r++) {
            StringBuilder line =
                    new StringBuilder("row " + r + " scenario " + scores.scenarioName(r));
            for (int t = 0; t < scores.getTasks().size(); t++) {
                line.append(' ')
                        .append(scores.getTasks().get(t))
                        .append('=')
                        .append(scores.probability(r, t));
            }
            System.out.println(line);
        }
    }

    /**
     * Loads a checkpoint with Criteria and scores rows in one forward pass.
     *
     * @param checkpoint the checkpoint folder
     * @param rows raw rows keyed by source column name
     * @return per row, the scenario and the probability of each task
     * @throws Exception when loading or scoring fails
     */
    public static Scores score(Path checkpoint, List<Map<String, String>> rows) throws Exception {
        Criteria<ScoringRows, Scores> criteria =
                Criteria.builder()
                        .setTypes(ScoringRows.class, Scores.class)
                        .optModelPath(checkpoint)
                        .optTranslatorFactory(new ScoringTranslatorFactory())
                        .build();
        try (ZooModel<ScoringRows, Scores> model = criteria.loadModel();
                Predictor<ScoringRows, Scores> predictor = model.newPredictor()) {
            return predictor.predict(ScoringRows.of(rows));
        }
    }

    private static List<Map<String, String>> readRows(Path csv, int limit) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv)) {
            String[] header = in.readLine().split(",", -1);
            String line;
            while (rows.size() < limit && (line = in.readLine()) != null) {
                String[] cells = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
