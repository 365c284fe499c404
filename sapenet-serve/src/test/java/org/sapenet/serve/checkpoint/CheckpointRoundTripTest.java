/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.input.ScoringBatch;
import org.sapenet.serve.testing.SampleRows;
import org.sapenet.serve.testing.TestModels;
import org.sapenet.serve.testing.TinyMsmtBlock;
import org.sapenet.serve.translate.Scores;
import org.sapenet.serve.translate.ScoringRows;
import org.sapenet.serve.translate.ScoringTranslatorFactory;

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

    @Test
    void modelOutsideTheRegistryLoadsThroughItsBlockBuilder() throws Exception {
        ModelConfig config = TestModels.aliccpConfig();
        List<Map<String, String>> rows =
                SampleRows.read(
                        TestModels.sampleDir().resolve("scenario-wise-rec/ali_ccp_val_sample.csv"));
        ScoringBatch batch = SampleRows.encode(config, rows);
        Path dir = tmp.resolve("tiny");
        float[] expected;
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Block block = new TinyMsmtBlock.Builder().newBlock(config);
            block.initialize(
                    manager,
                    DataType.FLOAT32,
                    new Shape(1, config.numSparseFields()),
                    new Shape(1, config.numDenseFields()),
                    new Shape(1));
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                array.set(manager.randomUniform(-1f, 1f, array.getShape()).toFloatArray());
            }
            expected = TestModels.directProbabilities(block, batch);
            CheckpointWriter.write(
                    dir,
                    "tiny-test",
                    config,
                    block,
                    TestModels.aliccpSchema(config),
                    false,
                    new TinyMsmtBlock.Builder());
        }
        assertEquals(
                TinyMsmtBlock.Builder.class.getName(),
                CheckpointManifest.read(dir).getBlockBuilder());
        Criteria<ScoringBatch, Scores> criteria =
                Criteria.builder()
                        .setTypes(ScoringBatch.class, Scores.class)
                        .optModelPath(dir)
                        .optTranslatorFactory(new ScoringTranslatorFactory())
                        .build();
        try (ZooModel<ScoringBatch, Scores> model = criteria.loadModel();
                Predictor<ScoringBatch, Scores> predictor = model.newPredictor()) {
            assertTrue(model.getBlock() instanceof TinyMsmtBlock);
            assertClose(expected, predictor.predict(batch));
        }
        IllegalArgumentException lambda =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                CheckpointWriter.write(
                                        tmp.resolve("lambda"),
                                        "x",
                                        config,
                                        new TinyMsmtBlock(config),
                                        TestModels.aliccpSchema(config),
                                        false,
                                        c -> new TinyMsmtBlock(c)));
        assertTrue(lambda.getMessage().contains("not a lambda"), lambda.getMessage());
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
