/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.m2m;

import static org.sapenet.model.testing.BlockTesting.assertClose;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import org.sapenet.model.testing.BlockTesting;

/** M2M's generated weights, checked against a double-precision reference computed here. */
class MetaBlocksTest {

    private static final int B = 2;
    private static final int C = 3;

    private static void randomiseAll(Block block, long seed) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            BlockTesting.randomise(block, p.getKey(), seed++);
        }
    }

    /** y[n] = h[n] W + b with W = reshape(Vw c + vw), b = Vb c + vb, for row r. */
    private static double[][] metaLinear(
            Block block, String prefix, double[][] h, float[] c, int r, int in, int out) {
        float[] vw = BlockTesting.values(block, prefix + "weightGenerator");
        float[] ow = BlockTesting.values(block, prefix + "weightOffset");
        float[] vb = BlockTesting.values(block, prefix + "biasGenerator");
        float[] ob = BlockTesting.values(block, prefix + "biasOffset");
        double[][] w = new double[in][out];
        double[] bias = new double[out];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                double sum = ow[i * out + o];
                for (int j = 0; j < C; j++) {
                    sum += (double) c[r * C + j] * vw[(i * out + o) * C + j];
                }
                w[i][o] = sum;
            }
        }
        for (int o = 0; o < out; o++) {
            double sum = ob[o];
            for (int j = 0; j < C; j++) {
                sum += (double) c[r * C + j] * vb[o * C + j];
            }
            bias[o] = sum;
        }
        double[][] y = new double[h.length][out];
        for (int n = 0; n < h.length; n++) {
            for (int o = 0; o < out; o++) {
                double sum = bias[o];
                for (int i = 0; i < in; i++) {
                    sum += h[n][i] * w[i][o];
                }
                y[n][o] = sum;
            }
        }
        return y;
    }

    @Test
    void metaLinearAppliesTheWeightsGeneratedFromEachRowsCondition() {
        int n = 2;
        int in = 2;
        int out = 3;
        try (NDManager manager = BlockTesting.manager()) {
            MetaLinear layer =
                    MetaLinear.builder()
                            .setInputWidth(in)
                            .setOutputWidth(out)
                            .setConditionWidth(C)
                            .build();
            layer.initialize(manager, DataType.FLOAT32, new Shape(B, n, in), new Shape(B, C));
            randomiseAll(layer, 1);
            float[] h = BlockTesting.uniform(5, B * n * in);
            float[] c = BlockTesting.uniform(6, B * C);
            float[] y =
                    BlockTesting.forward(
                                    layer,
                                    manager,
                                    false,
                                    manager.create(h, new Shape(B, n, in)),
                                    manager.create(c, new Shape(B, C)))
                            .head()
                            .toFloatArray();
            double[] expected = new double[B * n * out];
            for (int r = 0; r < B; r++) {
                double[][] hr = new double[n][in];
                for (int k = 0; k < n; k++) {
                    for (int i = 0; i < in; i++) {
                        hr[k][i] = h[(r * n + k) * in + i];
                    }
                }
                double[][] yr = metaLinear(layer, "", hr, c, r, in, out);
                for (int k = 0; k < n; k++) {
                    System.arraycopy(yr[k], 0, expected, (r * n + k) * out, out);
                }
            }
            assertClose(expected, y, 1e-5, "generated linear map");
        }
    }

    @Test
    void metaAttentionScoresExpertsThroughGeneratedWeights() {
        int e = 3;
        int k = 2;
        try (NDManager manager = BlockTesting.manager()) {
            MetaAttention attention =
                    MetaAttention.builder().setExpertWidth(k).setConditionWidth(C).build();
            Shape view = new Shape(B, k);
            attention.initialize(
                    manager, DataType.FLOAT32, new Shape(B, e, k), view, new Shape(B, C));
            randomiseAll(attention, 11);
            float[] experts = BlockTesting.uniform(12, B * e * k);
            float[] task = BlockTesting.uniform(13, B * k);
            float[] c = BlockTesting.uniform(14, B * C);
            NDList out =
                    BlockTesting.forward(
                            attention,
                            manager,
                            false,
                            manager.create(experts, new Shape(B, e, k)),
                            manager.create(task, view),
                            manager.create(c, new Shape(B, C)));
            float[] v = BlockTesting.values(attention, "scoreVector");
            double[] expectedMix = new double[B * k];
            double[] expectedAlpha = new double[B * e];
            for (int r = 0; r < B; r++) {
                double[][] joined = new double[e][2 * k];
                for (int i = 0; i < e; i++) {
                    for (int j = 0; j < k; j++) {
                        joined[i][j] = experts[(r * e + i) * k + j];
                        joined[i][k + j] = task[r * k + j];
                    }
                }
                double[][] hidden =
                        metaLinear(attention, "01metaUnit_", joined, c, r, 2 * k, 2 * k);
                double[] score = new double[e];
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < e; i++) {
                    for (int j = 0; j < 2 * k; j++) {
                        score[i] += Math.max(hidden[i][j], 0) * v[j];
                    }
                    max = Math.max(max, score[i]);
                }
                double z = 0;
                for (int i = 0; i < e; i++) {
                    z += Math.exp(score[i] - max);
                }
                for (int i = 0; i < e; i++) {
                    double a = Math.exp(score[i] - max) / z;
                    expectedAlpha[r * e + i] = a;
                    for (int j = 0; j < k; j++) {
                        expectedMix[r * k + j] += a * experts[(r * e + i) * k + j];
                    }
                }
            }
            assertClose(expectedMix, out.get(0).toFloatArray(), 1e-5, "R_t");
            assertClose(expectedAlpha, out.get(1).toFloatArray(), 1e-5, "α");
        }
    }

    @Test
    void metaTowerStacksResidualGeneratedLayers() {
        int k = 2;
        try (NDManager manager = BlockTesting.manager()) {
            MetaTower tower =
                    MetaTower.builder().setWidth(k).setConditionWidth(C).optLayers(2).build();
            tower.initialize(manager, DataType.FLOAT32, new Shape(B, k), new Shape(B, C));
            randomiseAll(tower, 21);
            float[] x = BlockTesting.uniform(22, B * k);
            float[] c = BlockTesting.uniform(23, B * C);
            float[] y =
                    BlockTesting.forward(
                                    tower,
                                    manager,
                                    false,
                                    manager.create(x, new Shape(B, k)),
                                    manager.create(c, new Shape(B, C)))
                            .head()
                            .toFloatArray();
            float[] w = BlockTesting.values(tower, "outputWeight");
            float[] b = BlockTesting.values(tower, "outputBias");
            double[] expected = new double[B];
            for (int r = 0; r < B; r++) {
                double[][] h = {{x[r * k], x[r * k + 1]}};
                for (String layer : new String[] {"01meta0_", "02meta1_"}) {
                    double[][] m = metaLinear(tower, layer, h, c, r, k, k);
                    for (int j = 0; j < k; j++) {
                        h[0][j] = Math.max(m[0][j] + h[0][j], 0);
                    }
                }
                expected[r] = b[0] + h[0][0] * w[0] + h[0][1] * w[1];
            }
            assertClose(expected, y, 1e-5, "meta tower logit");
        }
    }
}
