/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.star;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.sapenet.model.testing.BlockTesting.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sapenet.model.testing.BlockTesting;

class StarFcnLayerTest {

    private static final int S = 3;
    private static final int IN = 4;
    private static final int OUT = 3;

    private static StarFcnLayer layer(NDManager manager) {
        StarFcnLayer layer =
                StarFcnLayer.builder()
                        .setScenarioCount(S)
                        .setInputWidth(IN)
                        .setOutputWidth(OUT)
                        .build();
        layer.initialize(manager, DataType.FLOAT32, new Shape(5, IN), new Shape(5));
        BlockTesting.randomise(layer, "weight", 1);
        BlockTesting.randomise(layer, "bias", 2);
        BlockTesting.randomise(layer, "scenarioWeight", 3);
        BlockTesting.randomise(layer, "scenarioBias", 4);
        return layer;
    }

    @Test
    void eachRowMeetsTheProductOfTheSharedAndItsOwnScenariosWeights() {
        try (NDManager manager = BlockTesting.manager()) {
            StarFcnLayer layer = layer(manager);
            float[] w = BlockTesting.values(layer, "weight");
            float[] b = BlockTesting.values(layer, "bias");
            float[] ws = BlockTesting.values(layer, "scenarioWeight");
            float[] bs = BlockTesting.values(layer, "scenarioBias");
            float[] x = BlockTesting.uniform(9, 5 * IN);
            long[] scenario = {2, 0, 2, 1, 0};
            float[] y =
                    BlockTesting.forward(
                                    layer,
                                    manager,
                                    false,
                                    BlockTesting.matrix(manager, x, 5, IN),
                                    BlockTesting.scenarios(manager, scenario))
                            .head()
                            .toFloatArray();
            double[] expected = new double[5 * OUT];
            for (int r = 0; r < 5; r++) {
                int s = (int) scenario[r];
                for (int o = 0; o < OUT; o++) {
                    double sum = b[o] + bs[s * OUT + o];
                    for (int i = 0; i < IN; i++) {
                        sum += (double) x[r * IN + i] * w[o * IN + i] * ws[(s * OUT + o) * IN + i];
                    }
                    expected[r * OUT + o] = sum;
                }
            }
            assertClose(expected, y, 1e-5, "star layer");
        }
    }

    @Test
    void aBatchOfOneScenarioAndSaveLoadGiveTheSameRows() throws Exception {
        try (NDManager manager = BlockTesting.manager()) {
            StarFcnLayer layer = layer(manager);
            NDArray x = BlockTesting.matrix(manager, BlockTesting.uniform(19, 4 * IN), 4, IN);
            float[] mixed =
                    BlockTesting.forward(
                                    layer,
                                    manager,
                                    false,
                                    x,
                                    BlockTesting.scenarios(manager, 1, 0, 1, 1))
                            .head()
                            .toFloatArray();
            float[] allOne =
                    BlockTesting.forward(
                                    layer,
                                    manager,
                                    false,
                                    x,
                                    BlockTesting.scenarios(manager, 1, 1, 1, 1))
                            .head()
                            .toFloatArray();
            for (int r : new int[] {0, 2, 3}) {
                for (int o = 0; o < OUT; o++) {
                    org.junit.jupiter.api.Assertions.assertEquals(
                            mixed[r * OUT + o], allOne[r * OUT + o], 1e-6f);
                }
            }
            StarFcnLayer loaded =
                    StarFcnLayer.builder()
                            .setScenarioCount(S)
                            .setInputWidth(IN)
                            .setOutputWidth(OUT)
                            .build();
            BlockTesting.copyParameters(layer, loaded, manager);
            assertArrayEquals(
                    mixed,
                    BlockTesting.forward(
                                    loaded,
                                    manager,
                                    false,
                                    x,
                                    BlockTesting.scenarios(manager, 1, 0, 1, 1))
                            .head()
                            .toFloatArray());
        }
    }

    @Test
    void gradientsReachTheSharedAndEveryPresentScenariosParameters() {
        try (NDManager manager = BlockTesting.manager()) {
            StarFcnLayer layer = layer(manager);
            BlockTesting.assertGradientsReachEveryParameter(
                    layer,
                    manager,
                    BlockTesting.weightedSum(3),
                    BlockTesting.matrix(manager, BlockTesting.uniform(29, 6 * IN), 6, IN),
                    BlockTesting.scenarios(manager, 0, 1, 2, 0, 1, 2));
        }
    }
}
