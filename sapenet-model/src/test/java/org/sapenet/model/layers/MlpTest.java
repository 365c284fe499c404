/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sapenet.model.testing.BlockTesting.assertClose;
import static org.sapenet.model.testing.BlockTesting.forward;
import static org.sapenet.model.testing.BlockTesting.init;
import static org.sapenet.model.testing.BlockTesting.set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sapenet.model.testing.BlockTesting;

class MlpTest {

    static final float[] W = {0.5f, -1f, 0.25f, 1f, 0.5f, -0.5f, -0.2f, 0.3f, 0.9f};
    static final float[] B = {0.1f, -0.2f, 0.3f};
    static final float[] G = {1f, 2f, 0.5f};
    static final float[] BETA = {0f, 0.1f, -0.1f};

    /** Linear (out x in weight), LayerNorm (biased variance, eps 1e-5), ReLU, in double. */
    static double[] mlpLayer(
            double[] x, float[] w, float[] b, float[] g, float[] beta, int in, int out) {
        int rows = x.length / in;
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            double[] z = new double[out];
            double mean = 0;
            for (int o = 0; o < out; o++) {
                z[o] = b[o];
                for (int i = 0; i < in; i++) {
                    z[o] += w[o * in + i] * x[r * in + i];
                }
                mean += z[o] / out;
            }
            double var = 0;
            for (int o = 0; o < out; o++) {
                var += (z[o] - mean) * (z[o] - mean) / out;
            }
            for (int o = 0; o < out; o++) {
                double n = (z[o] - mean) / Math.sqrt(var + 1e-5) * g[o] + beta[o];
                y[r * out + o] = Math.max(0, n);
            }
        }
        return y;
    }

    @Test
    void mlpLayerIsLinearLayerNormRelu() {
        try (NDManager m = BlockTesting.manager()) {
            MlpLayer layer = MlpLayer.builder().setInputWidth(3).setOutputWidth(3).build();
            init(m, layer, new Shape(2, 3));
            set(layer, "weight", W);
            set(layer, "bias", B);
            set(layer, "gamma", G);
            set(layer, "beta", BETA);
            float[] x = {1f, 2f, -1f, 0.5f, -0.3f, 2f};
            NDArray y = forward(layer, m, false, m.create(x, new Shape(2, 3))).singletonOrThrow();
            assertEquals(new Shape(2, 3), y.getShape());
            double[] xd = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                xd[i] = x[i];
            }
            assertClose(mlpLayer(xd, W, B, G, BETA, 3, 3), y.toFloatArray(), 1e-5, "output");
        }
    }

    @Test
    void mlpStacksLayersAndEndsInAPlainLinear() {
        try (NDManager m = BlockTesting.manager()) {
            Mlp mlp = Mlp.builder().setInputWidth(3).setWidths(3).optOutputWidth(1).build();
            init(m, mlp, new Shape(2, 3));
            set(mlp, "layer0_weight", W);
            set(mlp, "layer0_bias", B);
            set(mlp, "layer0_gamma", G);
            set(mlp, "layer0_beta", BETA);
            set(mlp, "outputWeight", 1f, -2f, 0.5f);
            set(mlp, "outputBias", 0.3f);
            float[] x = {1f, 2f, -1f, 0.5f, -0.3f, 2f};
            NDArray y = forward(mlp, m, false, m.create(x, new Shape(2, 3))).singletonOrThrow();
            assertEquals(new Shape(2, 1), y.getShape());
            double[] xd = {1, 2, -1, 0.5f, -0.3f, 2};
            double[] h = mlpLayer(xd, W, B, G, BETA, 3, 3);
            double[] expected = new double[2];
            for (int r = 0; r < 2; r++) {
                expected[r] = 0.3 + h[r * 3] - 2 * h[r * 3 + 1] + 0.5 * h[r * 3 + 2];
            }
            assertClose(expected, y.toFloatArray(), 1e-5, "output");
            assertArrayEquals(
                    new Shape[] {new Shape(7, 2, 1)},
                    mlp.getOutputShapes(new Shape[] {new Shape(7, 2, 3)}));
        }
    }

    @Test
    void initialisationIsXavierUniformWithZeroBias() {
        try (NDManager m = BlockTesting.manager()) {
            MlpLayer layer = MlpLayer.builder().setInputWidth(300).setOutputWidth(200).build();
            init(m, layer, new Shape(1, 300));
            float[] w = BlockTesting.find(layer, "weight").getArray().toFloatArray();
            double bound = Math.sqrt(6.0 / 500);
            double max = 0;
            double sumSq = 0;
            for (float v : w) {
                max = Math.max(max, Math.abs(v));
                sumSq += v * v;
            }
            assertTrue(max <= bound + 1e-7, "max " + max + " > bound " + bound);
            // Uniform(-c, c) has variance c^2 / 3.
            assertEquals(bound * bound / 3, sumSq / w.length, bound * bound / 3 * 0.05);
            for (float v : BlockTesting.find(layer, "bias").getArray().toFloatArray()) {
                assertEquals(0f, v);
            }
        }
    }

    @Test
    void buildersRejectBadWidths() {
        assertThrows(IllegalArgumentException.class, () -> MlpLayer.builder().build());
        assertThrows(
                IllegalArgumentException.class,
                () -> Mlp.builder().setInputWidth(3).setWidths(4, 0).build());
        assertThrows(IllegalArgumentException.class, () -> Mlp.builder().setInputWidth(3).build());
    }
}
