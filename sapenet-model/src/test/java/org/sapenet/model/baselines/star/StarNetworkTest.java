/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.star;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import org.junit.jupiter.api.Test;
import org.sapenet.model.baselines.singletask.PerTaskNetworks;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.PaperSetting;
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
        ModelTesting.assertScenarioSpecificParametersRouteEachRow(star());
    }

    @Test
    void lossFallsOnAPlantedSignal() {
        ModelTesting.assertLossFalls(star());
    }
}
