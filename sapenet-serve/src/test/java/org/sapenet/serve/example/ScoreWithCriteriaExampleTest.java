/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.checkpoint.CheckpointException;
import org.sapenet.serve.input.ScoringBatch;
import org.sapenet.serve.testing.SampleRows;
import org.sapenet.serve.testing.TestModels;
import org.sapenet.serve.translate.Scores;
import org.sapenet.serve.translate.ScoringTranslatorFactory;

/** Loads checkpoints through DJL's Criteria alone, as a user's application does. */
class ScoreWithCriteriaExampleTest {

    @TempDir static Path tmp;

    private static Path checkpoint;
    private static Path sample;
    private static List<Map<String, String>> rows;
    private static float[] expected;

    @BeforeAll
    static void writeCheckpoint() throws Exception {
        ModelConfig config = TestModels.aliccpConfig();
        sample = TestModels.sampleDir().resolve("scenario-wise-rec/ali_ccp_val_sample.csv");
        rows = SampleRows.read(sample);
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Block block = TestModels.randomBlock(manager, config, 23);
            expected = TestModels.directProbabilities(block, SampleRows.encode(config, rows));
            checkpoint = TestModels.write(tmp.resolve("my-model"), config, block, false);
        }
    }

    @Test
    void criteriaWithoutBlockScoresRawRowsAsTheModelInMemory() throws Exception {
        Scores scores = ScoreWithCriteriaExample.score(checkpoint, rows);
        assertProbabilities(scores);
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(rows.get(r).get("301"), scores.scenarioName(r));
        }
    }

    @Test
    void criteriaWithoutBlockScoresEncodedBatches() throws Exception {
        Criteria<ScoringBatch, Scores> criteria =
                Criteria.builder()
                        .setTypes(ScoringBatch.class, Scores.class)
                        .optModelPath(checkpoint)
                        .optTranslatorFactory(new ScoringTranslatorFactory())
                        .build();
        try (ZooModel<ScoringBatch, Scores> model = criteria.loadModel();
                Predictor<ScoringBatch, Scores> predictor = model.newPredictor()) {
            assertProbabilities(
                    predictor.predict(SampleRows.encode(TestModels.aliccpConfig(), rows)));
        }
    }

    @Test
    void plainCriteriaWithInputOutputNeedsOnlyThePath() throws Exception {
        Criteria<Input, Output> criteria =
                Criteria.builder()
                        .setTypes(Input.class, Output.class)
                        .optModelPath(checkpoint)
                        .build();
        String csv = String.join("\n", Files.readAllLines(sample));
        try (ZooModel<Input, Output> model = criteria.loadModel();
                Predictor<Input, Output> predictor = model.newPredictor()) {
            Input input = new Input();
            input.add(csv);
            JsonArray out =
                    JsonParser.parseString(predictor.predict(input).getData().getAsString())
                            .getAsJsonArray();
            assertEquals(rows.size(), out.size());
            for (int r = 0; r < rows.size(); r++) {
                JsonObject row = out.get(r).getAsJsonObject();
                assertEquals(rows.get(r).get("301"), row.get("scenario").getAsString());
                assertEquals(expected[2 * r], row.get("click").getAsFloat(), 1e-6);
                assertEquals(expected[2 * r + 1], row.get("purchase").getAsFloat(), 1e-6);
            }
        }
    }

    @Test
    void exampleMainPrintsScores() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            ScoreWithCriteriaExample.main(
                    new String[] {checkpoint.toString(), sample.toString(), "3"});
        } finally {
            System.setOut(out);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(3, text.lines().count(), text);
        assertTrue(text.startsWith("row 0 scenario "), text);
        assertTrue(text.contains(" click=") && text.contains(" purchase="), text);
    }

    @Test
    void renamedFolderLoadsWithThePathAlone() throws Exception {
        Path renamed = copyOf(checkpoint, tmp.resolve("renamed"));
        Criteria<ScoringBatch, Scores> typed =
                Criteria.builder()
                        .setTypes(ScoringBatch.class, Scores.class)
                        .optModelPath(renamed)
                        .optTranslatorFactory(new ScoringTranslatorFactory())
                        .build();
        try (ZooModel<ScoringBatch, Scores> model = typed.loadModel();
                Predictor<ScoringBatch, Scores> predictor = model.newPredictor()) {
            assertEquals("my-model", model.getName());
            assertProbabilities(
                    predictor.predict(SampleRows.encode(TestModels.aliccpConfig(), rows)));
        }
        Criteria<Input, Output> plain =
                Criteria.builder()
                        .setTypes(Input.class, Output.class)
                        .optModelPath(renamed)
                        .build();
        try (ZooModel<Input, Output> model = plain.loadModel();
                Predictor<Input, Output> predictor = model.newPredictor()) {
            Input input = new Input();
            input.add(String.join("\n", Files.readAllLines(sample)));
            JsonArray out =
                    JsonParser.parseString(predictor.predict(input).getData().getAsString())
                            .getAsJsonArray();
            assertEquals(expected[0], out.get(0).getAsJsonObject().get("click").getAsFloat(), 1e-6);
        }
    }

    @Test
    void renamedOlderCheckpointNeedsItsModelName() throws Exception {
        // A checkpoint written before serving.properties named the model: DJL takes the folder's
        // name, and the block factory says what to do.
        Path renamed = copyOf(checkpoint, tmp.resolve("renamed-old"));
        Path serving = renamed.resolve("serving.properties");
        Files.writeString(
                serving, Files.readString(serving).replaceAll("(?m)^option\\.modelName=.*\n", ""));
        Path manifestFile = renamed.resolve("checkpoint.json");
        JsonObject manifest =
                JsonParser.parseString(Files.readString(manifestFile)).getAsJsonObject();
        JsonObject entry = manifest.getAsJsonObject("files").getAsJsonObject("serving.properties");
        entry.addProperty("bytes", Files.size(serving));
        entry.addProperty("sha256", sha256(serving));
        Files.writeString(manifestFile, manifest.toString());
        Criteria.Builder<ScoringBatch, Scores> builder =
                Criteria.builder()
                        .setTypes(ScoringBatch.class, Scores.class)
                        .optModelPath(renamed)
                        .optTranslatorFactory(new ScoringTranslatorFactory());
        CheckpointException e =
                assertThrows(CheckpointException.class, () -> builder.build().loadModel().close());
        assertTrue(e.getMessage().contains("optModelName(\"my-model\")"), e.getMessage());
        try (ZooModel<ScoringBatch, Scores> model =
                builder.optModelName("my-model").build().loadModel()) {
            assertEquals("my-model", model.getName());
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static void assertProbabilities(Scores scores) {
        assertEquals(rows.size(), scores.size());
        for (int r = 0; r < scores.size(); r++) {
            for (int t = 0; t < 2; t++) {
                assertEquals(expected[2 * r + t], scores.probability(r, t), 1e-6, "row " + r);
            }
        }
    }
}
