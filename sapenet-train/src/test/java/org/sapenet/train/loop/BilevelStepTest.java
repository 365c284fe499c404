/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.Batch;
import ai.djl.util.Pair;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.model.MixingParameters;
import org.sapenet.model.baselines.m3oe.M3oe;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.loss.MultiTaskLoss;
import org.sapenet.serve.testing.TinyMsmtBlock;
import org.sapenet.train.options.DatasetPreset;
import org.sapenet.train.options.TrainingOptions;
import org.sapenet.train.state.ParameterSnapshot;
import org.sapenet.train.state.RunFolder;

class BilevelStepTest {

    private static final ArrayBatchSource TRAIN = new ArrayBatchSource(256, 1);
    private static final ArrayBatchSource VAL = new ArrayBatchSource(128, 2);

    @TempDir Path dir;

    private static TrainingOptions options(int epochs, boolean bilevel) {
        return TrainingOptions.builder()
                .optEpochs(epochs)
                .optBatchSize(64)
                .optLearningRate(1e-2f)
                .optPatience(50)
                .optSeed(7)
                .optBilevel(bilevel)
                .build(DatasetPreset.GENERIC);
    }

    private static TrainingLoop.Outcome trainM3oe(Path run, TrainingOptions options, boolean resume)
            throws IOException {
        ModelConfig config = ArrayBatchSource.config();
        return TrainingLoop.builder()
                .setModel("m3oe", M3oe.of(config), config)
                .setOptions(options)
                .setData(TRAIN, VAL)
                .setRunFolder(RunFolder.open(run, resume, false), resume)
                .optDevice(Device.cpu())
                .optProgress(false)
                .build()
                .run();
    }

    @Test
    void updatesOnlyTheMixingParametersAndLeavesNoOtherGradient() throws IOException {
        ModelConfig config = ArrayBatchSource.config();
        M3oe block = M3oe.of(config);
        try (Model model = TrainingLoop.initialise("m3oe", block, config, 7, Device.cpu())) {
            Set<Parameter> mixing = Collections.newSetFromMap(new IdentityHashMap<>());
            mixing.addAll(block.getMixingParameters());
            assertEquals(4, mixing.size(), "M3oE: λ scenario, λ task, α_d, α_t");
            ParameterSnapshot before = ParameterSnapshot.of(block);
            BilevelStep step =
                    new BilevelStep(
                            block,
                            MultiTaskLoss.of(config),
                            BilevelStep.newOptimizer(),
                            model.getNDManager(),
                            Device.cpu());
            Iterator<Batch> it = VAL.batches(model.getNDManager(), 64, 3L);
            try (Batch batch = it.next()) {
                assertTrue(Float.isFinite(step.run(batch)));
            }
            ParameterSnapshot after = ParameterSnapshot.of(block);
            assertFalse(before.sameValues(after), "the step changed something");
            int seenMixing = 0;
            for (Pair<String, Parameter> pair : block.getParameters()) {
                String name = pair.getKey();
                if (mixing.contains(pair.getValue())) {
                    seenMixing++;
                    float[] a = before.get(name);
                    float[] b = after.get(name);
                    for (int i = 0; i < a.length; i++) {
                        // Adam's first step moves each weight by about lr = 1e-3.
                        assertEquals(1e-3, Math.abs(a[i] - b[i]), 1e-4, name + " moved by lr");
                    }
                } else {
                    assertArrayEquals(before.get(name), after.get(name), name + " is unchanged");
                    NDArray gradient = pair.getValue().getArray().getGradient();
                    for (float g : gradient.toFloatArray()) {
                        assertEquals(0f, g, name + " has no gradient left");
                    }
                    gradient.close();
                }
            }
            assertEquals(4, seenMixing);
        }
    }

    @Test
    void trainingWithTheBilevelUpdateDiffersFromTrainingWithout() throws IOException {
        ParameterSnapshot plain;
        ParameterSnapshot bilevel;
        try (Model model = trainM3oe(dir.resolve("a"), options(1, false), false).model()) {
            plain = ParameterSnapshot.of(model.getBlock());
        }
        try (Model model = trainM3oe(dir.resolve("b"), options(1, true), false).model()) {
            bilevel = ParameterSnapshot.of(model.getBlock());
        }
        assertFalse(plain.sameValues(bilevel));
        // metrics.json and state.json write the same TrainingOptions object under "options".
        JsonObject state =
                JsonParser.parseString(
                                Files.readString(dir.resolve("b/resume/epoch-0001/state.json")))
                        .getAsJsonObject();
        assertTrue(state.getAsJsonObject("options").get("bilevel").getAsBoolean(), "recorded");
    }

    @Test
    void resumedBilevelRunEndsWithTheUninterruptedRunsWeightsBitwise() throws IOException {
        ParameterSnapshot uninterrupted;
        try (Model model = trainM3oe(dir.resolve("a"), options(2, true), false).model()) {
            uninterrupted = ParameterSnapshot.of(model.getBlock());
        }
        trainM3oe(dir.resolve("b"), options(1, true), false).model().close();
        assertTrue(
                Files.exists(dir.resolve("b/resume/epoch-0001/bilevel.bin")),
                "the second Adam's state is saved");
        try (Model model = trainM3oe(dir.resolve("b"), options(2, true), true).model()) {
            assertTrue(
                    ParameterSnapshot.of(model.getBlock()).sameValues(uninterrupted),
                    "resumed weights equal the uninterrupted run's");
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> trainM3oe(dir.resolve("b"), options(3, false), true));
        assertTrue(e.getMessage().contains("--bilevel"), e.getMessage());
    }

    @Test
    void refusesAModelWithoutMixingParameters() throws IOException {
        ModelConfig config = ArrayBatchSource.config();
        Block tiny = new TinyMsmtBlock(config);
        assertFalse(tiny instanceof MixingParameters);
        TrainingLoop.Builder builder =
                TrainingLoop.builder()
                        .setModel("tiny", tiny, config)
                        .setOptions(options(1, true))
                        .setData(TRAIN, VAL)
                        .setRunFolder(RunFolder.open(dir.resolve("a"), false, false), false)
                        .optDevice(Device.cpu());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(e.getMessage().contains("--bilevel"), e.getMessage());
        assertTrue(e.getMessage().contains("tiny"), e.getMessage());
    }
}
