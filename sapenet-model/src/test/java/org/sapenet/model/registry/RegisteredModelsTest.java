/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.testing.BlockTesting;
import org.sapenet.model.testing.ModelTesting;

/**
 * The checks every registered model must pass, one parameterised test each over the registry's
 * names, on the tiny config of {@link ModelTesting#config()} (F_s = 3, F_d = 2, S = 3, T = 2, d =
 * 4). What is particular to a model (its structure, its options, how fast it learns) is tested in
 * its own package.
 */
class RegisteredModelsTest {

    private static final ModelConfig CONFIG = ModelTesting.config();

    static Stream<String> models() {
        return ModelRegistry.all().stream().map(ModelSpec::getName);
    }

    private static Supplier<Block> model(String name) {
        ModelSpec spec = ModelRegistry.get(name);
        return () -> spec.newBlock(CONFIG);
    }

    @ParameterizedTest
    @MethodSource("models")
    void givesOneLogitPerTaskAndRejectsAnIncompleteInput(String name) {
        try (NDManager manager = BlockTesting.manager()) {
            Block block = model(name).get();
            ModelTesting.initialize(block, manager, 4);
            NDList inputs = ModelTesting.inputs(manager, 5, 1);
            for (float v : ModelTesting.logits(block, manager, false, inputs)) {
                assertTrue(Float.isFinite(v), name + ": logit " + v);
            }
            Shape[] shapes = {new Shape(7, 3), new Shape(7, 2), new Shape(7)};
            assertEquals(new Shape(7, 2), block.getOutputShapes(shapes)[0], name);
            NDList features = ModelInputs.features(inputs);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    BlockTesting.forward(
                                            block,
                                            manager,
                                            false,
                                            features.toArray(new NDArray[0])),
                            name);
            assertTrue(e.getMessage().contains("got 2 arrays"), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void routesByTheScenarioExactlyWhenItsSettingIsMultiScenario(String name) {
        if (ModelRegistry.get(name).getSetting().isMultiScenario()) {
            ModelTesting.assertRowwise(model(name), CONFIG);
            return;
        }
        try (NDManager manager = BlockTesting.manager()) {
            Block block = model(name).get();
            ModelTesting.initialize(block, manager, 6);
            NDList inputs =
                    ModelTesting.plantedBatch(CONFIG, 6, new Random(2)).inputs(manager, CONFIG);
            float[] out = ModelTesting.logits(block, manager, false, inputs);
            inputs.set(ModelInputs.SCENARIO, manager.create(new int[] {2, 2, 1, 0, 0, 1}));
            assertArrayEquals(out, ModelTesting.logits(block, manager, false, inputs), name);
            // The scenario's feature (the last sparse field, as AliCCP's 301) does count.
            ModelInputs.sparse(inputs).set(new NDIndex(":, 2"), 7);
            assertFalse(
                    Arrays.equals(out, ModelTesting.logits(block, manager, false, inputs)), name);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void rowsKeepTheirOutputsWhenTheBatchIsPermuted(String name) {
        ModelTesting.assertRowsKeepTheirOutputsWhenTheBatchIsPermuted(model(name).get());
    }

    @ParameterizedTest
    @MethodSource("models")
    void gradientsReachEveryParameter(String name) {
        ModelTesting.assertGradientsReachEveryParameter(model(name), CONFIG, Set.of());
    }

    @ParameterizedTest
    @MethodSource("models")
    void gradientsDoNotChangeWhenMemoryIsCollectedBeforeBackward(String name) throws Exception {
        ModelTesting.assertGradientsSurviveGarbageCollection(model(name), CONFIG);
    }

    @ParameterizedTest
    @MethodSource("models")
    void theSameSeedGivesTheSameLosses(String name) {
        ModelTesting.assertDeterministic(model(name), CONFIG);
    }

    @ParameterizedTest
    @MethodSource("models")
    void trainingStepsLeaveNoArraysInTheModelsManager(String name) {
        ModelTesting.assertNoArraysAccumulate(model(name), CONFIG);
    }

    @ParameterizedTest
    @MethodSource("models")
    void saveAndLoadKeepOutputsAndRunningStatistics(String name) throws Exception {
        ModelTesting.assertSaveLoadRoundTrip(model(name));
    }
}
