/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.m2m;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.PaperSetting;
import org.sapenet.model.testing.BlockTesting;
import org.sapenet.model.testing.ModelTesting;

class M2mNetworkTest {

    private static Block m2m() {
        return ModelRegistry.get("m2m").newBlock(ModelTesting.config());
    }

    @Test
    void isRegisteredAsOneMultiTaskNetwork() {
        assertEquals(PaperSetting.MULTI_SCENARIO_MULTI_TASK, ModelRegistry.get("m2m").getSetting());
        assertTrue(m2m() instanceof M2mNetwork);
    }

    @Test
    void theScenarioDrivesTheGeneratedWeightsAndTheTasksDiffer() {
        try (NDManager manager = BlockTesting.manager()) {
            Block block = m2m();
            ModelTesting.initialize(block, manager, 6);
            BlockTesting.randomise(block, "scenarioEmbedding", 1);
            BlockTesting.randomise(block, "taskEmbedding", 2);
            NDList inputs = ModelTesting.inputs(manager, 6, 3);
            float[] before = ModelTesting.logits(block, manager, false, inputs);
            assertNotEquals(before[0], before[1], "tasks 0 and 1 differ");
            inputs.set(2, manager.create(new long[] {2, 1, 2, 2, 2, 2}));
            float[] after = ModelTesting.logits(block, manager, false, inputs);
            assertEquals(before[2], after[2], 1e-6f, "row 1 stays in scenario 1");
            assertNotEquals(before[0], after[0], "row 0 moved from scenario 0 to 2");
            inputs.set(2, manager.create(new long[] {0, 1, 2, 0, 1, 3}));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> ModelTesting.logits(block, manager, false, inputs));
            assertTrue(e.getMessage().contains("row 5"), e.getMessage());
        }
    }

    @Test
    void lossFallsOnAPlantedSignal() {
        // a smaller step than the other baselines: Adam moves each generator entry by lr, and a
        // generated weight sums k of them, so the generated layers move k times faster
        ModelTesting.assertLossFalls(m2m(), 50, 0.005f);
    }
}
