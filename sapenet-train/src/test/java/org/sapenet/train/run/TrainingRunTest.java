/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.source.kuaisar.KuaisarPreparer;
import org.sapenet.data.store.Split;
import org.sapenet.data.synth.SyntheticKuaisar;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.serve.checkpoint.BlockBuilder;
import org.sapenet.serve.testing.TinyMsmtBlock;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.options.TrainingOptions;
import org.sapenet.train.state.ParameterSnapshot;
import org.sapenet.train.state.RunFolder;

class TrainingRunTest {

    @TempDir Path dir;

    private static TrainingRun.Builder run(Path out, int epochs) {
        return TrainingRun.builder()
                .setStore(SyntheticStores.small())
                .setModel("tiny", new TinyMsmtBlock.Builder())
                .setOut(out)
                .optOptions(
                        TrainingOptions.builder()
                                .optEpochs(epochs)
                                .optBatchSize(512)
                                .optLearningRate(1e-2f)
                                .optSeed(3))
                .optConfig(b -> b.optEmbeddingDim(4))
                .optDevice(Device.cpu())
                .optProgress(false);
    }

    @Test
    void trainsWritesMetricsAndEvaluateReproducesTheTestMetrics() throws IOException {
        Path out = dir.resolve("run");
        RunMetrics metrics = run(out, 1).build().run();
        assertEquals("finished", metrics.getStatus());
        assertTrue(Files.isRegularFile(out.resolve("metrics.json")));
        assertTrue(Files.isDirectory(out.resolve("model")));
        RunMetrics read = TrainingRun.readMetrics(out.resolve("metrics.json"));
        assertEquals("finished", read.getStatus());
        assertEquals(1, read.getHistory().size());
        assertNotNull(read.getVersions().get("djl"));
        EvaluationResult test = read.getTest();
        assertEquals(6, test.getGroups().size(), "S = 3 scenarios x T = 2 tasks");
        EvaluationResult again =
                CheckpointEvaluation.evaluate(
                        out.resolve("model"),
                        SyntheticStores.small(),
                        Split.TEST,
                        4096,
                        Device.cpu(),
                        TinyMsmtBlock::new);
        assertEquals(
                RunFolder.gson().toJson(test),
                RunFolder.gson().toJson(again),
                "evaluate on the saved model gives the run's test metrics");
    }

    @Test
    void evaluateRefusesAStoreTheCheckpointDoesNotFit() throws IOException {
        Path out = dir.resolve("run");
        run(out, 1).build().run();
        SyntheticKuaisar.write(dir.resolve("kuaisar-raw"), 300, 5, false);
        Path other = dir.resolve("kuaisar");
        KuaisarPreparer.builder()
                .setInput(dir.resolve("kuaisar-raw"))
                .setOutput(other)
                .build()
                .prepare();
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                CheckpointEvaluation.evaluate(
                                        out.resolve("model"),
                                        other,
                                        Split.TEST,
                                        4096,
                                        Device.cpu(),
                                        TinyMsmtBlock::new));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "The checkpoint "
                                        + out.resolve("model")
                                        + " does not fit the store "
                                        + other
                                        + ": The store's sparse fields ["),
                e.getMessage());
    }

    /**
     * The metrics.json written after each epoch counts the parameters already: a run that stops
     * after its epochs (here: its checkpoint's model cannot be built again) leaves the in-progress
     * file, whose count is that of the weights it saved.
     */
    @Test
    void metricsWrittenAfterAnEpochCountTheParameters() throws IOException {
        Path out = dir.resolve("run");
        IllegalStateException stop =
                assertThrows(
                        IllegalStateException.class,
                        () -> run(out, 1).setModel("tiny", new BuildsOnce()).build().run());
        assertEquals(BuildsOnce.REFUSED, stop.getMessage());
        RunMetrics during = TrainingRun.readMetrics(out.resolve("metrics.json"));
        assertEquals("running", during.getStatus());
        assertEquals(1, during.getHistory().size());
        long saved = RunFolder.open(out, true, false).readResume().current().parameterCount();
        assertTrue(saved > 0);
        assertEquals(saved, during.getParameters());
    }

    /** Builds {@link TinyMsmtBlock} once (the run's block) and refuses the checkpoint's rebuild. */
    public static final class BuildsOnce implements BlockBuilder {
        static final String REFUSED = "built once already";
        private int built;

        /** For the checkpoint writer's check. */
        public BuildsOnce() {}

        @Override
        public Block newBlock(ModelConfig config) {
            if (built++ > 0) {
                throw new IllegalStateException(REFUSED);
            }
            return new TinyMsmtBlock(config);
        }
    }

    @Test
    void resumeAfterAStoppedRunEndsWithTheUninterruptedWeights() throws IOException {
        Path straight = dir.resolve("straight");
        run(straight, 2).build().run();
        Path stopped = dir.resolve("stopped");
        run(stopped, 1).build().run();
        ParameterSnapshot afterOne = RunFolder.open(stopped, true, false).readResume().current();
        RunMetrics resumed = run(stopped, 2).optResume(true).build().run();
        assertEquals(2, resumed.getHistory().size());
        ParameterSnapshot a = RunFolder.open(straight, true, false).readResume().current();
        ParameterSnapshot b = RunFolder.open(stopped, true, false).readResume().current();
        assertFalse(afterOne.sameValues(a));
        assertTrue(b.sameValues(a), "resumed run's weights are bitwise the uninterrupted run's");
        RunMetrics straightMetrics = TrainingRun.readMetrics(straight.resolve("metrics.json"));
        assertEquals(
                RunFolder.gson().toJson(straightMetrics.getTest()),
                RunFolder.gson().toJson(resumed.getTest()));
    }

    /**
     * The same weights on the same rows in the same batches give the same metrics: evaluating a
     * run's model uses the run's evaluation batch size (333 here: PyTorch rounds a 333-row batch
     * differently from a 4096-row one, which showed in the last digits of the LogLoss).
     */
    @Test
    void evaluateOnARunsModelUsesTheRunsBatchesAndGivesItsValMetrics() throws IOException {
        Path out = dir.resolve("run");
        RunMetrics metrics =
                run(out, 1)
                        .optOptions(
                                TrainingOptions.builder()
                                        .optEpochs(1)
                                        .optBatchSize(512)
                                        .optEvalBatchSize(333)
                                        .optLearningRate(1e-2f)
                                        .optSeed(3))
                        .build()
                        .run();
        Path model = out.resolve("model");
        assertEquals(333, CheckpointEvaluation.runBatchSize(model));
        assertEquals(
                CheckpointEvaluation.DEFAULT_BATCH_SIZE,
                CheckpointEvaluation.runBatchSize(dir.resolve("elsewhere/model")));
        EvaluationResult val =
                CheckpointEvaluation.evaluate(
                        model,
                        SyntheticStores.small(),
                        Split.VAL,
                        CheckpointEvaluation.runBatchSize(model),
                        Device.cpu(),
                        TinyMsmtBlock::new);
        assertEquals(RunFolder.gson().toJson(metrics.getVal()), RunFolder.gson().toJson(val));
        assertEquals(metrics.getHistory().get(0).getValMeanGroupAuc(), val.getMeanGroupAuc());
    }
}
