/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sapenet.model.testing.BlockTesting.assertClose;
import static org.sapenet.model.testing.BlockTesting.forward;
import static org.sapenet.model.testing.BlockTesting.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sapenet.model.runtime.Engines;
import org.sapenet.model.testing.BlockTesting;
import org.sapenet.model.testing.Ref;

/** Experts, PLE, per-(s, t) gates and towers against double-precision references. */
class RoutedBlocksTest {

    @Test
    void parallelMlpLayerEqualsKSeparateMlpLayersInBothInputModes() {
        try (NDManager m = BlockTesting.manager()) {
            Engines.pytorch().setRandomSeed(1);
            ParallelMlpLayer layer =
                    ParallelMlpLayer.builder()
                            .setBranches(3)
                            .setInputWidth(4)
                            .setOutputWidth(5)
                            .build();
            init(m, layer, new Shape(2, 4));
            double[] w = Ref.param(layer, "weight");
            double[] b = Ref.param(layer, "bias");
            // Non-trivial gains and shifts.
            BlockTesting.set(layer, "gamma", range(15, 0.5, 0.1));
            BlockTesting.set(layer, "beta", range(15, -0.3, 0.05));
            double[] g = Ref.param(layer, "gamma");
            double[] be = Ref.param(layer, "beta");
            NDArray shared = m.randomNormal(new Shape(2, 4));
            NDArray perBranch = m.randomNormal(new Shape(2, 3, 4));
            double[] xs = Ref.values(shared);
            double[] xp = Ref.values(perBranch);
            double[] expShared = new double[30];
            double[] expPer = new double[30];
            for (int r = 0; r < 2; r++) {
                for (int k = 0; k < 3; k++) {
                    double[] ys = Ref.mlpLayer(Ref.row(xs, r, 4), w, b, g, be, k, 5);
                    double[] yp = Ref.mlpLayer(Ref.row(xp, r * 3 + k, 4), w, b, g, be, k, 5);
                    System.arraycopy(ys, 0, expShared, (r * 3 + k) * 5, 5);
                    System.arraycopy(yp, 0, expPer, (r * 3 + k) * 5, 5);
                }
            }
            assertClose(
                    expShared,
                    forward(layer, m, false, shared).singletonOrThrow().toFloatArray(),
                    1e-5,
                    "output");
            assertClose(
                    expPer,
                    forward(layer, m, false, perBranch).singletonOrThrow().toFloatArray(),
                    1e-5,
                    "output");
        }
    }

    private static float[] range(int n, double start, double step) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (start + i * step);
        }
        return v;
    }

    /** Output of expert k of an {@link Experts} block with one layer. */
    private static double[] expert(Experts block, String prefix, int k, double[] x, int out) {
        return Ref.mlpLayer(
                x,
                Ref.param(block, prefix + "layer0_weight"),
                Ref.param(block, prefix + "layer0_bias"),
                Ref.param(block, prefix + "layer0_gamma"),
                Ref.param(block, prefix + "layer0_beta"),
                k,
                out);
    }

    private static double[] expertOf(Ple ple, String prefix, int k, double[] x, int out) {
        return Ref.mlpLayer(
                x,
                Ref.param(ple, prefix + "_layer0_weight"),
                Ref.param(ple, prefix + "_layer0_bias"),
                Ref.param(ple, prefix + "_layer0_gamma"),
                Ref.param(ple, prefix + "_layer0_beta"),
                k,
                out);
    }

    private static double[] gate(Ple ple, String prefix, double[] x, double[][] experts) {
        double[] logits =
                Ref.linear(
                        x,
                        Ref.param(ple, prefix + "_weight"),
                        0,
                        Ref.param(ple, prefix + "_bias"),
                        0,
                        experts.length);
        double[] p = Ref.softmax(logits);
        double[] out = new double[experts[0].length];
        for (int e = 0; e < experts.length; e++) {
            for (int c = 0; c < out.length; c++) {
                out[c] += p[e] * experts[e][c];
            }
        }
        return out;
    }

    @Test
    void pleMatchesTangEtAlWithASharedGateOnEveryLevelButTheLast() {
        int tasks = 2;
        int experts = 2;
        int[] widths = {4, 3};
        try (NDManager m = BlockTesting.manager()) {
            Engines.pytorch().setRandomSeed(2);
            Ple ple =
                    Ple.builder()
                            .setTasks(tasks)
                            .setInputWidth(5)
                            .optExpertsPerGroup(experts)
                            .optWidths(widths)
                            .build();
            init(m, ple, new Shape(3, 5));
            assertEquals(
                    0,
                    BlockTesting.names(ple).stream()
                            .filter(n -> n.startsWith("level1_sharedGate"))
                            .count(),
                    "no shared gate on the last level");
            NDArray h = m.randomNormal(new Shape(3, 5));
            double[] x = Ref.values(h);
            double[] expected = new double[3 * tasks * 3];
            for (int r = 0; r < 3; r++) {
                double[] shared = Ref.row(x, r, 5);
                double[][] task = {shared, shared};
                for (int l = 0; l < 2; l++) {
                    String lv = "level" + l;
                    double[][] sharedOut = new double[experts][];
                    for (int k = 0; k < experts; k++) {
                        sharedOut[k] = expertOf(ple, lv + "_sharedExperts", k, shared, widths[l]);
                    }
                    double[][] all = new double[experts * (tasks + 1)][];
                    System.arraycopy(sharedOut, 0, all, 0, experts);
                    double[][] nextTask = new double[tasks][];
                    for (int t = 0; t < tasks; t++) {
                        double[][] cand = new double[2 * experts][];
                        System.arraycopy(sharedOut, 0, cand, 0, experts);
                        for (int k = 0; k < experts; k++) {
                            cand[experts + k] =
                                    expertOf(ple, lv + "_taskExperts" + t, k, task[t], widths[l]);
                            all[experts * (t + 1) + k] = cand[experts + k];
                        }
                        nextTask[t] = gate(ple, lv + "_taskGate" + t, task[t], cand);
                    }
                    if (l == 0) {
                        shared = gate(ple, lv + "_sharedGate", shared, all);
                    }
                    task = nextTask;
                }
                for (int t = 0; t < tasks; t++) {
                    System.arraycopy(task[t], 0, expected, (r * tasks + t) * 3, 3);
                }
            }
            NDArray out = forward(ple, m, false, h).singletonOrThrow();
            assertEquals(new Shape(3, tasks, 3), out.getShape());
            assertClose(expected, out.toFloatArray(), 1e-5, "output");
        }
    }

    @Test
    void scenarioTaskGateUsesTheOwnScenariosGatePerTask() {
        try (NDManager m = BlockTesting.manager()) {
            Engines.pytorch().setRandomSeed(3);
            ScenarioTaskGate gates =
                    ScenarioTaskGate.builder()
                            .setScenarios(3)
                            .setTasks(2)
                            .setExperts(3)
                            .setInputWidth(4)
                            .build();
            init(m, gates, new Shape(4, 4), new Shape(4, 3, 2), new Shape(4));
            BlockTesting.set(gates, "bias", range(18, -1, 0.11));
            double[] w = Ref.param(gates, "weight");
            double[] b = Ref.param(gates, "bias");
            NDArray x = m.randomNormal(new Shape(4, 4));
            NDArray experts = m.randomNormal(new Shape(4, 3, 2));
            int[] scenario = {2, 0, 2, 1};
            double[] xs = Ref.values(x);
            double[] ex = Ref.values(experts);
            double[] expected = new double[4 * 2 * 2];
            for (int r = 0; r < 4; r++) {
                int s = scenario[r];
                for (int t = 0; t < 2; t++) {
                    double[] logits =
                            Ref.linear(
                                    Ref.row(xs, r, 4),
                                    w,
                                    (s * 2 + t) * 3 * 4,
                                    b,
                                    (s * 2 + t) * 3,
                                    3);
                    double[] p = Ref.softmax(logits);
                    for (int c = 0; c < 2; c++) {
                        for (int e = 0; e < 3; e++) {
                            expected[(r * 2 + t) * 2 + c] += p[e] * ex[(r * 3 + e) * 2 + c];
                        }
                    }
                }
            }
            NDArray out =
                    forward(gates, m, false, x, experts, m.create(scenario)).singletonOrThrow();
            assertClose(expected, out.toFloatArray(), 1e-5, "output");
        }
    }

    @Test
    void scenarioTaskGatesReadTheirInputDetachedByDefault() {
        try (NDManager m = BlockTesting.manager()) {
            for (boolean detach : new boolean[] {true, false}) {
                ScenarioTaskGate gates =
                        ScenarioTaskGate.builder()
                                .setScenarios(2)
                                .setTasks(2)
                                .setExperts(2)
                                .setInputWidth(3)
                                .optDetachInput(detach)
                                .build();
                init(m, gates, new Shape(2, 3), new Shape(2, 2, 2), new Shape(2));
                NDArray x = m.randomNormal(new Shape(2, 3));
                x.setRequiresGradient(true);
                NDArray experts = m.randomNormal(new Shape(2, 2, 2));
                try (ai.djl.training.GradientCollector gc =
                        Engines.pytorch().newGradientCollector()) {
                    NDArray y =
                            gates.forward(
                                            new ai.djl.training.ParameterStore(m, false),
                                            new ai.djl.ndarray.NDList(
                                                    x, experts, m.create(new int[] {1, 0})),
                                            true)
                                    .singletonOrThrow();
                    gc.backward(y.mul(y).sum());
                }
                float norm = x.getGradient().abs().sum().getFloat();
                assertEquals(detach, norm == 0f, "detach = " + detach + ", |grad| = " + norm);
            }
        }
    }

    @Test
    void towersRouteEachRowToItsOwnScenariosTowers() {
        int s = 3;
        int t = 2;
        int w = 3;
        int u = 4;
        try (NDManager m = BlockTesting.manager()) {
            Engines.pytorch().setRandomSeed(4);
            ScenarioTaskTowers towers =
                    ScenarioTaskTowers.builder()
                            .optScenarios(s)
                            .setTasks(t)
                            .setInputWidth(w)
                            .optHiddenWidth(u)
                            .build();
            init(m, towers, new Shape(5, t, w), new Shape(5));
            BlockTesting.set(towers, "outputBias", range(s * t, -0.5, 0.2));
            BlockTesting.set(towers, "gamma", range(s * t * u, 0.6, 0.05));
            double[] w1 = Ref.param(towers, "hiddenWeight");
            double[] b1 = Ref.param(towers, "hiddenBias");
            double[] g = Ref.param(towers, "gamma");
            double[] be = Ref.param(towers, "beta");
            double[] w2 = Ref.param(towers, "outputWeight");
            double[] b2 = Ref.param(towers, "outputBias");
            NDArray f = m.randomNormal(new Shape(5, t, w));
            int[] scenario = {1, 1, 0, 2, 1};
            double[] fs = Ref.values(f);
            double[] expected = new double[5 * t];
            for (int r = 0; r < 5; r++) {
                for (int k = 0; k < t; k++) {
                    int tower = scenario[r] * t + k;
                    double[] hidden =
                            Ref.mlpLayer(Ref.row(fs, r * t + k, w), w1, b1, g, be, tower, u);
                    expected[r * t + k] = Ref.linear(hidden, w2, tower * u, b2, tower, 1)[0];
                }
            }
            NDArray out = forward(towers, m, false, f, m.create(scenario)).singletonOrThrow();
            assertEquals(new Shape(5, t), out.getShape());
            assertClose(expected, out.toFloatArray(), 1e-5, "output");
        }
    }

    @Test
    void expertsStackLayersPerExpert() {
        try (NDManager m = BlockTesting.manager()) {
            Engines.pytorch().setRandomSeed(5);
            Experts experts =
                    Experts.builder().setExperts(2).setInputWidth(3).setWidths(4, 2).build();
            init(m, experts, new Shape(2, 3));
            NDArray x = m.randomNormal(new Shape(2, 3));
            double[] xs = Ref.values(x);
            double[] expected = new double[2 * 2 * 2];
            for (int r = 0; r < 2; r++) {
                for (int k = 0; k < 2; k++) {
                    double[] h = expert(experts, "", k, Ref.row(xs, r, 3), 4);
                    double[] y =
                            Ref.mlpLayer(
                                    h,
                                    Ref.param(experts, "layer1_weight"),
                                    Ref.param(experts, "layer1_bias"),
                                    Ref.param(experts, "layer1_gamma"),
                                    Ref.param(experts, "layer1_beta"),
                                    k,
                                    2);
                    System.arraycopy(y, 0, expected, (r * 2 + k) * 2, 2);
                }
            }
            assertClose(
                    expected,
                    forward(experts, m, false, x).singletonOrThrow().toFloatArray(),
                    1e-5,
                    "output");
        }
    }
}
