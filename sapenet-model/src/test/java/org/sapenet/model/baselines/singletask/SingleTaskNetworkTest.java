/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.singletask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.PaperSetting;
import org.sapenet.model.testing.BlockTesting;
import org.sapenet.model.testing.ModelTesting;

class SingleTaskNetworkTest {

    private static Block singleTask() {
        return ModelRegistry.get("single-task").newBlock(ModelTesting.config());
    }

    @Test
    void isRegisteredAsOneMlpPerTask() {
        assertEquals(
                PaperSetting.SINGLE_SCENARIO_SINGLE_TASK,
                ModelRegistry.get("single-task").getSetting());
        PerTaskNetworks block = (PerTaskNetworks) singleTask();
        assertEquals(ModelTesting.TASKS, block.numTasks());
        assertTrue(block.getNetwork(0) instanceof SingleTaskNetwork);
    }

    @Test
    void eachTasksColumnComesFromItsOwnNetworkOnly() {
        try (NDManager manager = BlockTesting.manager()) {
            PerTaskNetworks block = (PerTaskNetworks) singleTask();
            ModelTesting.initialize(block, manager, 6);
            NDList inputs = ModelTesting.inputs(manager, 6, 2);
            float[] before = ModelTesting.logits(block, manager, false, inputs);
            // the two networks were initialised apart
            assertNotEquals(before[0], before[1]);
            // changing task 1's network leaves task 0's column alone
            for (Pair<String, Parameter> p : block.getNetwork(1).getParameters()) {
                p.getValue().getArray().muli(1.5f);
            }
            float[] after = ModelTesting.logits(block, manager, false, inputs);
            for (int r = 0; r < 6; r++) {
                assertEquals(before[r * 2], after[r * 2], 0f, "task 0, row " + r);
                assertNotEquals(before[r * 2 + 1], after[r * 2 + 1], "task 1, row " + r);
            }
            // the loss of task 0 sends no gradient to task 1's network
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                for (Pair<String, Parameter> p : block.getParameters()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
                NDArray y =
                        BlockTesting.forward(block, manager, true, inputs.toArray(new NDArray[0]))
                                .head();
                gc.backward(y.get(new NDIndex(":, 0")).sum());
            }
            for (Pair<String, Parameter> p : block.getNetwork(0).getParameters()) {
                assertTrue(
                        p.getValue().getArray().getGradient().abs().max().getFloat() > 0f,
                        "task 0 " + p.getKey());
            }
            for (Pair<String, Parameter> p : block.getNetwork(1).getParameters()) {
                assertEquals(
                        0f,
                        p.getValue().getArray().getGradient().abs().max().getFloat(),
                        "task 1 " + p.getKey());
            }
        }
    }

    @Test
    void refusesASharedNetwork() {
        Block shared = SingleTaskNetwork.of(ModelTesting.config());
        assertThrows(IllegalArgumentException.class, () -> PerTaskNetworks.of(2, t -> shared));
        assertThrows(IllegalArgumentException.class, () -> PerTaskNetworks.of(0, t -> shared));
    }

    @Test
    void lossFallsOnAPlantedSignal() {
        ModelTesting.assertLossFalls(singleTask());
    }
}
