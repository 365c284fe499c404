/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.sarnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.sapenet.model.testing.BlockTesting.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import org.sapenet.model.testing.BlockTesting;

class ScenarioExpertMixtureTest {

    private static final int S = 2;
    private static final int SHARED = 2;
    private static final int OWN = 1;
    private static final int M = 3;
    private static final int K = 2;
    private static final double EPS = 1e-5;

    private static ScenarioExpertMixture mixture() {
        return ScenarioExpertMixture.builder()
                .setScenarioCount(S)
                .setInputWidth(M)
                .optSharedExperts(SHARED)
                .optScenarioExperts(OWN)
                .optExpertWidth(K)
                .build();
    }

    private static ScenarioExpertMixture randomMixture(NDManager manager) {
        ScenarioExpertMixture mixture = mixture();
        mixture.initialize(manager, DataType.FLOAT32, new Shape(5, M), new Shape(5));
        long seed = 100;
        for (Pair<String, Parameter> p : mixture.getParameters()) {
            float[] v = BlockTesting.randomise(mixture, p.getKey(), seed++);
            if (p.getKey().endsWith("runningVar")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = 0.5f + v[i] * v[i];
                }
                BlockTesting.setByFullName(mixture, p.getKey(), v);
            }
        }
        return mixture;
    }

    /** Expert output in double, BatchNorm with running statistics. */
    private static double[] expert(ScenarioExpertMixture mixture, String prefix, float[] x, int r) {
        float[] g = BlockTesting.values(mixture, prefix + "_01batchNorm_gamma");
        float[] b = BlockTesting.values(mixture, prefix + "_01batchNorm_beta");
        float[] mu = BlockTesting.values(mixture, prefix + "_01batchNorm_runningMean");
        float[] var = BlockTesting.values(mixture, prefix + "_01batchNorm_runningVar");
        float[] w = BlockTesting.values(mixture, prefix + "_weight");
        float[] bias = BlockTesting.values(mixture, prefix + "_bias");
        double[] y = new double[K];
        for (int o = 0; o < K; o++) {
            double sum = bias[o];
            for (int j = 0; j < M; j++) {
                double n = (x[r * M + j] - mu[j]) / Math.sqrt(var[j] + EPS) * g[j] + b[j];
                sum += n * w[o * M + j];
            }
            y[o] = sum;
        }
        return y;
    }

    @Test
    void eachScenariosGateWeighsTheSharedExpertsAndItsOwn() {
        try (NDManager manager = BlockTesting.manager()) {
            ScenarioExpertMixture mixture = randomMixture(manager);
            float[] x = BlockTesting.uniform(7, 5 * M);
            long[] scenario = {1, 0, 1, 1, 0};
            float[] y =
                    BlockTesting.forward(
                                    mixture,
                                    manager,
                                    false,
                                    BlockTesting.matrix(manager, x, 5, M),
                                    BlockTesting.scenarios(manager, scenario))
                            .head()
                            .toFloatArray();
            float[] gw = BlockTesting.values(mixture, "gateWeight");
            float[] gb = BlockTesting.values(mixture, "gateBias");
            int gated = SHARED + OWN;
            double[] expected = new double[5 * K];
            for (int r = 0; r < 5; r++) {
                int s = (int) scenario[r];
                double[][] experts = new double[gated][];
                experts[0] = expert(mixture, "01shared0", x, r);
                experts[1] = expert(mixture, "02shared1", x, r);
                experts[2] =
                        expert(mixture, String.format("%02dscenario%dExpert0", 3 + s, s), x, r);
                double[] logits = new double[gated];
                double max = Double.NEGATIVE_INFINITY;
                for (int e = 0; e < gated; e++) {
                    double sum = gb[s * gated + e];
                    for (int j = 0; j < M; j++) {
                        sum += (double) x[r * M + j] * gw[(s * gated + e) * M + j];
                    }
                    logits[e] = sum;
                    max = Math.max(max, sum);
                }
                double z = 0;
                for (int e = 0; e < gated; e++) {
                    z += Math.exp(logits[e] - max);
                }
                for (int e = 0; e < gated; e++) {
                    double g = Math.exp(logits[e] - max) / z;
                    for (int o = 0; o < K; o++) {
                        expected[r * K + o] += g * experts[e][o];
                    }
                }
            }
            assertClose(expected, y, 1e-5, "gated experts");
        }
    }

    @Test
    void scenarioExpertsNormaliseWithTheirScenariosRowsOnly() {
        try (NDManager manager = BlockTesting.manager()) {
            ScenarioExpertMixture mixture = mixture();
            mixture.initialize(manager, DataType.FLOAT32, new Shape(5, M), new Shape(5));
            float[] x = BlockTesting.uniform(8, 5 * M);
            long[] scenario = {1, 0, 1, 1, 0};
            BlockTesting.forward(
                    mixture,
                    manager,
                    true,
                    BlockTesting.matrix(manager, x, 5, M),
                    BlockTesting.scenarios(manager, scenario));
            double[] allMean = new double[M];
            double[] ownMean = new double[M];
            for (int j = 0; j < M; j++) {
                int n = 0;
                for (int r = 0; r < 5; r++) {
                    allMean[j] += x[r * M + j] / 5.0;
                    if (scenario[r] == 1) {
                        ownMean[j] += x[r * M + j];
                        n++;
                    }
                }
                // DJL BatchNorm: running = 0.9 running + 0.1 batch, from zero
                allMean[j] *= 0.1;
                ownMean[j] = 0.1 * ownMean[j] / n;
            }
            assertClose(
                    allMean,
                    BlockTesting.values(mixture, "01shared0_01batchNorm_runningMean"),
                    1e-6,
                    "shared expert sees every row");
            assertClose(
                    ownMean,
                    BlockTesting.values(mixture, "04scenario1Expert0_01batchNorm_runningMean"),
                    1e-6,
                    "scenario 1's expert sees scenario 1's rows");
        }
    }

    @Test
    void gradientsReachEveryParameterAndSaveLoadKeepsRunningStatistics() throws Exception {
        try (NDManager manager = BlockTesting.manager()) {
            ScenarioExpertMixture mixture = mixture();
            mixture.initialize(manager, DataType.FLOAT32, new Shape(6, M), new Shape(6));
            NDArray x = BlockTesting.matrix(manager, BlockTesting.uniform(9, 6 * M), 6, M);
            NDArray scenario = BlockTesting.scenarios(manager, 0, 1, 0, 1, 1, 0);
            BlockTesting.assertGradientsReachEveryParameter(
                    mixture, manager, BlockTesting.weightedSum(10), x, scenario);
            float[] expected =
                    BlockTesting.forward(mixture, manager, false, x, scenario)
                            .head()
                            .toFloatArray();
            ScenarioExpertMixture loaded = mixture();
            BlockTesting.copyParameters(mixture, loaded, manager);
            assertArrayEquals(
                    BlockTesting.values(mixture, "03scenario0Expert0_01batchNorm_runningVar"),
                    BlockTesting.values(loaded, "03scenario0Expert0_01batchNorm_runningVar"));
            assertArrayEquals(
                    expected,
                    BlockTesting.forward(loaded, manager, false, x, scenario)
                            .head()
                            .toFloatArray());
        }
    }
}
