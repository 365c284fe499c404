/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.star;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sapenet.model.testing.BlockTesting.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sapenet.model.testing.BlockTesting;

class PartitionedNormalizationTest {

    private static final int S = 3;
    private static final int M = 4;
    private static final double EPS = 1e-5;

    private static PartitionedNormalization block(NDManager manager) {
        PartitionedNormalization pn =
                PartitionedNormalization.builder().setScenarioCount(S).setWidth(M).build();
        pn.initialize(manager, DataType.FLOAT32, new Shape(6, M), new Shape(6));
        BlockTesting.randomise(pn, "gamma", 1);
        BlockTesting.randomise(pn, "beta", 2);
        BlockTesting.randomise(pn, "scenarioGamma", 3);
        BlockTesting.randomise(pn, "scenarioBeta", 4);
        return pn;
    }

    @Test
    void trainingUsesEachScenariosBatchStatisticsAndUpdatesItsRunningStatistics() {
        try (NDManager manager = BlockTesting.manager()) {
            PartitionedNormalization pn = block(manager);
            float[] x = BlockTesting.uniform(7, 6 * M);
            long[] scenario = {0, 1, 0, 1, 0, 1}; // scenario 2 absent
            float[] out =
                    BlockTesting.forward(
                                    pn,
                                    manager,
                                    true,
                                    BlockTesting.matrix(manager, x, 6, M),
                                    BlockTesting.scenarios(manager, scenario))
                            .head()
                            .toFloatArray();
            float[] g = BlockTesting.values(pn, "gamma");
            float[] b = BlockTesting.values(pn, "beta");
            float[] gs = BlockTesting.values(pn, "scenarioGamma");
            float[] bs = BlockTesting.values(pn, "scenarioBeta");
            double[] expected = new double[6 * M];
            double[] runningMean = new double[S * M];
            double[] runningVar = new double[S * M];
            java.util.Arrays.fill(runningVar, 1.0);
            for (int s = 0; s < 2; s++) {
                for (int j = 0; j < M; j++) {
                    double mean = 0;
                    int n = 0;
                    for (int r = 0; r < 6; r++) {
                        if (scenario[r] == s) {
                            mean += x[r * M + j];
                            n++;
                        }
                    }
                    mean /= n;
                    double var = 0;
                    for (int r = 0; r < 6; r++) {
                        if (scenario[r] == s) {
                            var += Math.pow(x[r * M + j] - mean, 2);
                        }
                    }
                    var /= n;
                    for (int r = 0; r < 6; r++) {
                        if (scenario[r] == s) {
                            expected[r * M + j] =
                                    (double) g[j]
                                                    * gs[s * M + j]
                                                    * (x[r * M + j] - mean)
                                                    / Math.sqrt(var + EPS)
                                            + b[j]
                                            + bs[s * M + j];
                        }
                    }
                    runningMean[s * M + j] = 0.1 * mean;
                    runningVar[s * M + j] = 0.9 + 0.1 * var * n / (n - 1);
                }
            }
            assertClose(expected, out, 1e-4, "normalised rows");
            assertClose(runningMean, BlockTesting.values(pn, "runningMean"), 1e-6, "running mean");
            assertClose(runningVar, BlockTesting.values(pn, "runningVar"), 1e-5, "running var");
        }
    }

    @Test
    void inferenceUsesTheOwnScenariosRunningStatistics() {
        try (NDManager manager = BlockTesting.manager()) {
            PartitionedNormalization pn = block(manager);
            float[] mu = BlockTesting.randomise(pn, "runningMean", 11);
            float[] var = BlockTesting.uniform(12, S * M);
            for (int i = 0; i < var.length; i++) {
                var[i] = 0.5f + var[i] * var[i];
            }
            BlockTesting.setByFullName(pn, "runningVar", var);
            float[] x = BlockTesting.uniform(13, 5 * M);
            long[] scenario = {2, 0, 1, 2, 0};
            float[] out =
                    BlockTesting.forward(
                                    pn,
                                    manager,
                                    false,
                                    BlockTesting.matrix(manager, x, 5, M),
                                    BlockTesting.scenarios(manager, scenario))
                            .head()
                            .toFloatArray();
            float[] g = BlockTesting.values(pn, "gamma");
            float[] b = BlockTesting.values(pn, "beta");
            float[] gs = BlockTesting.values(pn, "scenarioGamma");
            float[] bs = BlockTesting.values(pn, "scenarioBeta");
            double[] expected = new double[5 * M];
            for (int r = 0; r < 5; r++) {
                int s = (int) scenario[r];
                for (int j = 0; j < M; j++) {
                    int k = s * M + j;
                    expected[r * M + j] =
                            (double) g[j] * gs[k] * (x[r * M + j] - mu[k]) / Math.sqrt(var[k] + EPS)
                                    + b[j]
                                    + bs[k];
                }
            }
            assertClose(expected, out, 1e-4, "normalised rows");
            assertArrayEquals(mu, BlockTesting.values(pn, "runningMean"), "inference left μ");
        }
    }

    @Test
    void aLoneRowInTrainingUsesTheRunningStatisticsAndLeavesThem() {
        try (NDManager manager = BlockTesting.manager()) {
            PartitionedNormalization pn = block(manager);
            float[] x = BlockTesting.uniform(21, 3 * M);
            NDArray xs = BlockTesting.matrix(manager, x, 3, M);
            NDArray scenario = BlockTesting.scenarios(manager, 0, 0, 2);
            float[] before = BlockTesting.values(pn, "runningMean");
            float[] train =
                    BlockTesting.forward(pn, manager, true, xs, scenario).head().toFloatArray();
            float[] after = BlockTesting.values(pn, "runningMean");
            for (int j = 0; j < M; j++) {
                assertTrue(after[j] != before[j], "scenario 0 (2 rows) updated");
                assertTrue(after[2 * M + j] == before[2 * M + j], "scenario 2 (1 row) untouched");
            }
            float[] infer =
                    BlockTesting.forward(pn, manager, false, xs, scenario).head().toFloatArray();
            for (int j = 0; j < M; j++) {
                assertTrue(Math.abs(train[2 * M + j] - infer[2 * M + j]) < 1e-6, "lone row");
            }
        }
    }

    @Test
    void runningStatisticsSurviveSaveAndLoad() throws Exception {
        try (NDManager manager = BlockTesting.manager()) {
            PartitionedNormalization pn = block(manager);
            NDArray xs = BlockTesting.matrix(manager, BlockTesting.uniform(31, 6 * M), 6, M);
            NDArray scenario = BlockTesting.scenarios(manager, 0, 1, 2, 0, 1, 2);
            BlockTesting.forward(pn, manager, true, xs, scenario);
            float[] expected =
                    BlockTesting.forward(pn, manager, false, xs, scenario).head().toFloatArray();
            PartitionedNormalization loaded =
                    PartitionedNormalization.builder().setScenarioCount(S).setWidth(M).build();
            BlockTesting.copyParameters(pn, loaded, manager);
            assertArrayEquals(
                    BlockTesting.values(pn, "runningVar"),
                    BlockTesting.values(loaded, "runningVar"));
            assertArrayEquals(
                    expected,
                    BlockTesting.forward(loaded, manager, false, xs, scenario)
                            .head()
                            .toFloatArray());
        }
    }

    @Test
    void gradientsReachEveryTrainableParameter() {
        try (NDManager manager = BlockTesting.manager()) {
            PartitionedNormalization pn = block(manager);
            BlockTesting.assertGradientsReachEveryParameter(
                    pn,
                    manager,
                    BlockTesting.weightedSum(5),
                    BlockTesting.matrix(manager, BlockTesting.uniform(41, 6 * M), 6, M),
                    BlockTesting.scenarios(manager, 0, 1, 2, 2, 1, 0));
        }
    }

    @Test
    void rejectsScenarioIdsOutOfRangeAndBadBuilders() {
        try (NDManager manager = BlockTesting.manager()) {
            PartitionedNormalization pn = block(manager);
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    BlockTesting.forward(
                                            pn,
                                            manager,
                                            false,
                                            BlockTesting.matrix(manager, new float[2 * M], 2, M),
                                            BlockTesting.scenarios(manager, 0, 3)));
            assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> PartitionedNormalization.builder().setScenarioCount(2).build());
    }
}
