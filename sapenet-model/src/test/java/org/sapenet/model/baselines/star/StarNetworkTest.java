/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.star;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;
import org.sapenet.model.baselines.singletask.PerTaskNetworks;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.PaperSetting;
import org.sapenet.model.testing.BlockTesting;
import org.sapenet.model.testing.ModelTesting;

class StarNetworkTest {

    private static Block star() {
        return ModelRegistry.get("star").newBlock(ModelTesting.config());
    }

    @Test
    void isRegisteredAsOneStarPerTask() {
        assertEquals(
                PaperSetting.MULTI_SCENARIO_SINGLE_TASK, ModelRegistry.get("star").getSetting());
        Block block = star();
        assertTrue(block instanceof PerTaskNetworks);
        assertTrue(((PerTaskNetworks) block).getNetwork(1) instanceof StarNetwork);
    }

    @Test
    void theRowsScenarioChangesItsOutput() {
        try (NDManager manager = BlockTesting.manager()) {
            Block block = star();
            ModelTesting.initialize(block, manager, 6);
            for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
                if (p.getKey().contains("scenario") && !p.getKey().contains("running")) {
                    BlockTesting.randomise(block, p.getKey(), p.getKey().hashCode());
                }
            }
            NDList inputs = ModelTesting.inputs(manager, 6, 1);
            float[] before = ModelTesting.logits(block, manager, false, inputs);
            inputs.set(2, manager.create(new long[] {1, 1, 1, 1, 1, 1}));
            float[] after = ModelTesting.logits(block, manager, false, inputs);
            assertEquals(before[2], after[2], 1e-6f, "row 1 was already scenario 1");
            assertNotEquals(before[0], after[0], "row 0 moved from scenario 0 to 1");
        }
    }

    @Test
    void lossFallsOnAPlantedSignal() {
        ModelTesting.assertLossFalls(star());
    }
}
