/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.sarnet;

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

class SarNetworkTest {

    private static Block sarnet() {
        return ModelRegistry.get("sarnet").newBlock(ModelTesting.config());
    }

    @Test
    void isRegisteredAsOneSarNetPerTask() {
        assertEquals(
                PaperSetting.MULTI_SCENARIO_SINGLE_TASK, ModelRegistry.get("sarnet").getSetting());
        Block block = sarnet();
        assertTrue(block instanceof PerTaskNetworks);
        assertTrue(((PerTaskNetworks) block).getNetwork(1) instanceof SarNetwork);
    }

    @Test
    void theRowsScenarioChangesItsOutput() {
        try (NDManager manager = BlockTesting.manager()) {
            Block block = sarnet();
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
        // 2 shared and 1 own expert per scenario instead of 8 and 2: the same structure, a third of
        // the operations, so the training check stays fast on a shared machine
        ModelTesting.assertLossFalls(
                SarNetwork.forTasks(
                        ModelTesting.config().toBuilder()
                                .optOption(SarNetwork.SHARED_EXPERTS, 2)
                                .optOption(SarNetwork.SCENARIO_EXPERTS, 1)
                                .build()));
    }
}
