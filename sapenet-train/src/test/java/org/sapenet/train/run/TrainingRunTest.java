/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.store.Split;
import org.sapenet.train.metrics.EvaluationResult;

class TrainingRunTest {

    @TempDir Path dir;

    private static TrainingRun.Builder run(Path out, int epochs) {
        return TrainingRun.builder()
                .setStore(SyntheticStores.small())
                .setModel("tiny", TinyModel::new)
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
                        TinyModel::new);
        assertEquals(
                RunFolder.gson().toJson(test),
                RunFolder.gson().toJson(again),
                "evaluate on the saved model gives the run's test metrics");
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
}
