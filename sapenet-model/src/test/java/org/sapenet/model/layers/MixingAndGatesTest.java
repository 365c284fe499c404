/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.sapenet.model.testing.BlockTesting.assertClose;
import static org.sapenet.model.testing.BlockTesting.forward;
import static org.sapenet.model.testing.BlockTesting.init;
import static org.sapenet.model.testing.BlockTesting.set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sapenet.model.runtime.Engines;
import org.sapenet.model.testing.BlockTesting;
import org.sapenet.model.testing.Ref;

class MixingAndGatesTest {

    private static final float[] G = {1, 2, -1, 0, 3, 1, 0.5f, -2, 4, 4, -3, 1};
    private static final float[] THETA = {1f, 0f, -2f};

    /** ḡ_k = λ_k g_k + (1 - λ_k) / (K - 1) Σ_{j≠k} g_j, for row r, branch k. */
    private static double[] mixed(int r, int k, double[] lambda) {
        double[] out = new double[2];
        for (int c = 0; c < 2; c++) {
            double others = 0;
            for (int j = 0; j < 3; j++) {
                if (j != k) {
                    others += G[(r * 3 + j) * 2 + c];
                }
            }
            out[c] = lambda[k] * G[(r * 3 + k) * 2 + c] + (1 - lambda[k]) / 2 * others;
        }
        return out;
    }

    @Test
    void balancedMixingForThreeScenariosEveryBranchAndOwnBranch() {
        try (NDManager m = BlockTesting.manager()) {
            BalancedMixing mixing = BalancedMixing.builder().setBranches(3).build();
            init(m, mixing, new Shape(2, 3, 2));
            assertEquals(
                    1f,
                    BlockTesting.find(mixing, "theta").getArray().toFloatArray()[0],
                    "θ init 1");
            set(mixing, "theta", THETA);
            double[] lambda = new double[3];
            for (int k = 0; k < 3; k++) {
                lambda[k] = Ref.sigmoid(THETA[k]);
            }
            NDArray g = m.create(G, new Shape(2, 3, 2));
            double[] all = new double[12];
            for (int r = 0; r < 2; r++) {
                for (int k = 0; k < 3; k++) {
                    System.arraycopy(mixed(r, k, lambda), 0, all, (r * 3 + k) * 2, 2);
                }
            }
            assertClose(
                    all,
                    forward(mixing, m, false, g).singletonOrThrow().toFloatArray(),
                    1e-6,
                    "output");
            NDArray own =
                    forward(mixing, m, false, g, m.create(new int[] {2, 0})).singletonOrThrow();
            double[] expected = new double[4];
            System.arraycopy(mixed(0, 2, lambda), 0, expected, 0, 2);
            System.arraycopy(mixed(1, 0, lambda), 0, expected, 2, 2);
            assertClose(expected, own.toFloatArray(), 1e-6, "output");
        }
    }

    @Test
    void sharedLambdaUsesOneScalarForEveryBranch() {
        try (NDManager m = BlockTesting.manager()) {
            BalancedMixing mixing = BalancedMixing.builder().setBranches(3).optShared(true).build();
            init(m, mixing, new Shape(2, 3, 2));
            set(mixing, "theta", -0.5f);
            double l = Ref.sigmoid(-0.5);
            double[] lambda = {l, l, l};
            NDArray own =
                    forward(
                                    mixing,
                                    m,
                                    false,
                                    m.create(G, new Shape(2, 3, 2)),
                                    m.create(new int[] {1, 2}))
                            .singletonOrThrow();
            double[] expected = new double[4];
            System.arraycopy(mixed(0, 1, lambda), 0, expected, 0, 2);
            System.arraycopy(mixed(1, 2, lambda), 0, expected, 2, 2);
            assertClose(expected, own.toFloatArray(), 1e-6, "output");
        }
    }

    @Test
    void balancedMixingIsTheIdentityForOneBranch() {
        try (NDManager m = BlockTesting.manager()) {
            BalancedMixing mixing = BalancedMixing.builder().setBranches(1).build();
            init(m, mixing, new Shape(2, 1, 3));
            assertNull(mixing.getTheta());
            assertEquals(List.of(), BlockTesting.names(mixing));
            float[] g = {1, -2, 3, 4, 5, -6};
            NDArray x = m.create(g, new Shape(2, 1, 3));
            assertClose(
                    new double[] {1, -2, 3, 4, 5, -6},
                    forward(mixing, m, false, x).singletonOrThrow().toFloatArray(),
                    0,
                    "output");
            NDArray own =
                    forward(mixing, m, false, x, m.create(new int[] {0, 0})).singletonOrThrow();
            assertEquals(new Shape(2, 3), own.getShape());
            assertClose(new double[] {1, -2, 3, 4, 5, -6}, own.toFloatArray(), 0, "output");
        }
    }

    @Test
    void expertGateIsASoftmaxWeightedSumOfExperts() {
        try (NDManager m = BlockTesting.manager()) {
            ExpertGate gate = ExpertGate.builder().setExperts(3).setInputWidth(2).build();
            init(m, gate, new Shape(1, 2), new Shape(1, 3, 2));
            set(gate, "weight", 1, 0, 0, 1, -1, 1);
            set(gate, "bias", 0, 0.5f, 0);
            NDArray x = m.create(new float[] {0.2f, -0.4f}, new Shape(1, 2));
            NDArray experts = m.create(new float[] {1, 2, -1, 0, 3, 3}, new Shape(1, 3, 2));
            // logits (0.2, -0.4 + 0.5, -0.2 - 0.4)
            double[] p = Ref.softmax(new double[] {0.2, 0.1, -0.6});
            double[] expected = {p[0] - p[1] + 3 * p[2], 2 * p[0] + 3 * p[2]};
            NDList out = forward(gate, m, false, x, experts);
            assertClose(expected, out.get(0).toFloatArray(), 1e-6, "output");
            assertClose(p, out.get(1).toFloatArray(), 1e-6, "output");
        }
    }

    @Test
    void aDetachedGateSendsNoGradientToItsInput() {
        try (NDManager m = BlockTesting.manager()) {
            for (boolean detach : new boolean[] {false, true}) {
                ExpertGate gate =
                        ExpertGate.builder()
                                .setExperts(2)
                                .setInputWidth(2)
                                .optDetachInput(detach)
                                .build();
                init(m, gate, new Shape(1, 2), new Shape(1, 2, 2));
                NDArray x = m.create(new float[] {0.3f, -0.7f}, new Shape(1, 2));
                x.setRequiresGradient(true);
                NDArray experts = m.create(new float[] {1, 2, -3, 0.5f}, new Shape(1, 2, 2));
                try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                    NDArray y =
                            gate.forward(new ParameterStore(m, false), new NDList(x, experts), true)
                                    .get(0);
                    gc.backward(y.sum());
                }
                double norm = x.getGradient().abs().sum().getFloat();
                assertEquals(detach, norm == 0, "detach = " + detach + ", |grad| = " + norm);
            }
        }
    }

    @Test
    void fusionAddsSigmoidWeightedOwnScenarioAndTaskExperts() {
        try (NDManager m = BlockTesting.manager()) {
            ScenarioTaskFusion fusion =
                    ScenarioTaskFusion.builder().setScenarios(2).setTasks(2).build();
            Shape f = new Shape(2, 2, 1);
            init(m, fusion, f, new Shape(2, 1), f, new Shape(2));
            set(fusion, "scenarioAlpha", 0.5f, -1f);
            set(fusion, "taskAlpha", 2f, 0f);
            NDArray h = m.create(new float[] {1, 2, 3, 4}, f);
            NDArray gBar = m.create(new float[] {10, 20}, new Shape(2, 1));
            NDArray qBar = m.create(new float[] {-1, 1, 2, -2}, f);
            NDArray out =
                    forward(fusion, m, false, h, gBar, qBar, m.create(new int[] {1, 0}))
                            .singletonOrThrow();
            double a0 = Ref.sigmoid(0.5);
            double a1 = Ref.sigmoid(-1);
            double t0 = Ref.sigmoid(2);
            double t1 = Ref.sigmoid(0);
            double[] expected = {
                1 + a1 * 10 - t0, 2 + a1 * 10 + t1, 3 + a0 * 20 + 2 * t0, 4 + a0 * 20 - 2 * t1
            };
            assertClose(expected, out.toFloatArray(), 1e-5, "output");
        }
    }
}
