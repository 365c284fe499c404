/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.sarnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;
import org.sapenet.model.baselines.singletask.PerTaskNetworks;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.PaperSetting;
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
        ModelTesting.assertScenarioSpecificParametersRouteEachRow(sarnet());
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
