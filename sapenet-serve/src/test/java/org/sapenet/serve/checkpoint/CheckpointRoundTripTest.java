/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.testing.SampleRows;
import org.sapenet.serve.testing.TestModels;
import org.sapenet.serve.translate.Scores;
import org.sapenet.serve.translate.ScoringBatch;
import org.sapenet.serve.translate.ScoringRows;

class CheckpointRoundTripTest {

    @TempDir Path tmp;

    @Test
    void writtenCheckpointPredictsAsTheModelInMemory() throws Exception {
        ModelConfig config = TestModels.aliccpConfig();
        List<Map<String, String>> rows =
                SampleRows.read(
                        TestModels.sampleDir()
                                .resolve("scenario-wise-rec/ali_ccp_test_sample.csv"));
        ScoringBatch batch = SampleRows.encode(config, rows);
        Path dir = tmp.resolve("ckpt");
        float[] expected;
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Block block = TestModels.randomBlock(manager, config, 7);
            expected = TestModels.directProbabilities(block, batch);
            TestModels.write(dir, config, block, false);
            // Writing leaves the trained block usable.
            assertEquals(expected[0], TestModels.directProbabilities(block, batch)[0]);
        }
        for (String file :
                List.of(
                        "checkpoint.json",
                        "config.json",
                        "schema.json",
                        "serving.properties",
                        "ckpt-0000.params")) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file);
        }
        try (Checkpoint checkpoint = Checkpoint.load(dir, Device.cpu())) {
            assertEquals(config, checkpoint.getConfig());
            assertEquals(TestModels.modelName(), checkpoint.getModelName());
            try (Predictor<ScoringBatch, Scores> predictor = checkpoint.newPredictor();
                    Predictor<ScoringRows, Scores> rowsPredictor = checkpoint.newRowsPredictor()) {
                assertClose(expected, predictor.predict(batch));
                assertClose(expected, rowsPredictor.predict(ScoringRows.of(rows)));
            }
        }
    }

    static void assertClose(float[] expected, Scores scores) {
        int t = scores.getTasks().size();
        assertEquals(expected.length, scores.size() * t);
        boolean varied = false;
        for (int r = 0; r < scores.size(); r++) {
            for (int k = 0; k < t; k++) {
                assertEquals(expected[r * t + k], scores.probability(r, k), 1e-6, "row " + r);
                varied |= Math.abs(expected[r * t + k] - expected[0]) > 1e-3;
            }
        }
        assertTrue(varied, "probabilities should differ between rows");
    }
}
