/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sapenet.model.testing.BlockTesting.assertClose;
import static org.sapenet.model.testing.BlockTesting.forward;
import static org.sapenet.model.testing.BlockTesting.init;
import static org.sapenet.model.testing.BlockTesting.set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;
import org.sapenet.model.testing.BlockTesting;
import org.sapenet.model.testing.Ref;

class StarFusionTest {

    private static StarFusion fixed(NDManager m) {
        StarFusion star =
                StarFusion.builder().setScenarios(2).setInputWidth(2).optWidths(2, 3).build();
        init(m, star, new Shape(3, 2), new Shape(3));
        set(star, "sharedWeight", 1, 2, 3, 4);
        set(star, "scenarioWeights", 1, 0, 0, 1, 2, -1, 0.5f, 0);
        set(star, "sharedBias", 0.1f, 0.2f);
        set(star, "scenarioBiases", 1, 2, -1, -2);
        return star;
    }

    @Test
    void fusedLayerUsesTheElementwiseProductAndBiasSumOfTheOwnScenario() {
        try (NDManager m = BlockTesting.manager()) {
            StarFusion star = fixed(m);
            NDArray e = m.create(new float[] {1, 1, 2, -1, 0.5f, 0.5f}, new Shape(3, 2));
            NDArray scenario = m.create(new int[] {1, 0, 1});
            NDArray z = star.fuse(new ParameterStore(m, false), e, scenario, false);
            // Row 0, s = 1: W = [[2, -2], [1.5, 0]] -> (0, 1.5) + (0.1, 0.2) + (-1, -2).
            // Row 1, s = 0: W = [[1, 0], [0, 4]] -> (2, -4) + (0.1, 0.2) + (1, 2).
            // Row 2, s = 1: (0, 0.75) + (0.1, 0.2) + (-1, -2).
            assertClose(
                    new double[] {-0.9, -0.3, 3.1, -1.8, -0.9, -1.05},
                    z.toFloatArray(),
                    1e-6,
                    "output");
        }
    }

    @Test
    void hStarIsMainOfZPlusSkipOfE() {
        // Scenario 0 has 6 rows, enough for the composed path (W_main (W_shared ⊙ W_0), from 4
        // rows at these widths); scenario 1 has 2 and takes z explicitly. Both must match.
        try (NDManager m = BlockTesting.manager()) {
            StarFusion star = fixed(m);
            NDArray e =
                    m.create(
                            new float[] {
                                1, 1, 2, -1, 0.5f, 0.5f, -1, 3, 0, 2, 1.5f, -0.5f, 4, 1, -2, -3
                            },
                            new Shape(8, 2));
            NDArray scenario = m.create(new long[] {1, 0, 0, 0, 1, 0, 0, 0});
            double[] z = Ref.values(star.fuse(new ParameterStore(m, false), e, scenario, false));
            double[] x = Ref.values(e);
            double[] expected = new double[8 * 3];
            for (int r = 0; r < 8; r++) {
                double[] main =
                        Ref.mlpLayer(
                                Ref.row(z, r, 2),
                                Ref.param(star, "main_weight"),
                                Ref.param(star, "main_bias"),
                                Ref.param(star, "main_gamma"),
                                Ref.param(star, "main_beta"),
                                0,
                                3);
                double[] skip =
                        Ref.mlpLayer(
                                Ref.row(x, r, 2),
                                Ref.param(star, "skip_weight"),
                                Ref.param(star, "skip_bias"),
                                Ref.param(star, "skip_gamma"),
                                Ref.param(star, "skip_beta"),
                                0,
                                3);
                for (int i = 0; i < 3; i++) {
                    expected[r * 3 + i] = main[i] + skip[i];
                }
            }
            NDArray h = forward(star, m, false, e, scenario).singletonOrThrow();
            assertClose(expected, h.toFloatArray(), 1e-5, "output");
        }
    }

    @Test
    void frozenBlockComposesOnceAndRebuildsForLoadedParameters() throws Exception {
        try (NDManager m = BlockTesting.manager()) {
            NDArray e =
                    m.create(
                            new float[] {
                                1, 1, 2, -1, 0.5f, 0.5f, -1, 3, 0, 2, 1.5f, -0.5f, 4, 1, -2, -3
                            },
                            new Shape(8, 2));
            NDArray scenario = m.create(new long[] {1, 0, 0, 0, 1, 0, 0, 0});
            StarFusion star = fixed(m);
            double[] trainable = values(forward(star, m, false, e, scenario));
            star.freezeParameters(true);
            assertClose(
                    trainable,
                    forward(star, m, false, e, scenario).singletonOrThrow().toFloatArray(),
                    1e-6,
                    "output");
            assertClose(
                    trainable,
                    forward(star, m, false, e, scenario).singletonOrThrow().toFloatArray(),
                    1e-6,
                    "output");

            // Loading parameters replaces the arrays: the composed weights follow.
            StarFusion other = fixed(m);
            set(other, "sharedWeight", -1, 0.5f, 2, 1);
            set(other, "scenarioBiases", 0, 1, 3, -2);
            double[] expected = values(forward(other, m, false, e, scenario));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            other.saveParameters(new DataOutputStream(bytes));
            star.loadParameters(
                    m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertClose(
                    expected,
                    forward(star, m, false, e, scenario).singletonOrThrow().toFloatArray(),
                    1e-6,
                    "output");
        }
    }

    private static double[] values(NDList out) {
        return Ref.values(out.singletonOrThrow());
    }

    @Test
    void rejectsScenarioIdsOutsideTheModel() {
        try (NDManager m = BlockTesting.manager()) {
            StarFusion star = fixed(m);
            NDArray e = m.ones(new Shape(2, 2));
            IllegalArgumentException ex =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    star.forward(
                                            new ParameterStore(m, false),
                                            new NDList(e, m.create(new int[] {0, 2})),
                                            false));
            assertTrue(ex.getMessage().contains("Scenario id 2 at batch row 1"), ex.getMessage());
        }
    }
}
