/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.sarnet;

import static org.sapenet.model.testing.BlockTesting.assertClose;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sapenet.model.testing.BlockTesting;

class ScenarioTransformTest {

    @Test
    void scalesAndShiftsEachRowByItsOwnScenariosVectors() {
        int s = 3;
        int m = 4;
        try (NDManager manager = BlockTesting.manager()) {
            ScenarioTransform transform =
                    ScenarioTransform.builder().setScenarioCount(s).setWidth(m).build();
            transform.initialize(manager, DataType.FLOAT32, new Shape(4, m), new Shape(4));
            float[] w = BlockTesting.randomise(transform, "scale", 1);
            float[] b = BlockTesting.randomise(transform, "shift", 2);
            float[] x = BlockTesting.uniform(3, 4 * m);
            long[] scenario = {1, 2, 0, 1};
            float[] y =
                    BlockTesting.forward(
                                    transform,
                                    manager,
                                    false,
                                    BlockTesting.matrix(manager, x, 4, m),
                                    manager.create(new int[] {1, 2, 0, 1}))
                            .head()
                            .toFloatArray();
            double[] expected = new double[4 * m];
            for (int r = 0; r < 4; r++) {
                for (int j = 0; j < m; j++) {
                    int k = (int) scenario[r] * m + j;
                    expected[r * m + j] = (double) x[r * m + j] * w[k] + b[k];
                }
            }
            assertClose(expected, y, 1e-6, "x ⊙ w_s + b_s");
            BlockTesting.assertGradientsReachEveryParameter(
                    transform,
                    manager,
                    BlockTesting.weightedSum(4),
                    BlockTesting.matrix(manager, x, 4, m),
                    manager.create(new long[] {1, 2, 0, 1}));
        }
    }
}
