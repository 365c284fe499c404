/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.sapenet.model.testing.BlockTesting.assertClose;
import static org.sapenet.model.testing.BlockTesting.forward;
import static org.sapenet.model.testing.BlockTesting.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sapenet.model.testing.BlockTesting;
import org.sapenet.model.testing.Ref;

class FieldSelfAttentionTest {

    @Test
    void matchesMultiHeadScaledDotProductWithResidualAndRelu() {
        int b = 2;
        int f = 3;
        int d = 4;
        int heads = 2;
        int dk = d / heads;
        try (NDManager m = BlockTesting.manager()) {
            FieldSelfAttention att =
                    FieldSelfAttention.builder()
                            .setInputDim(d)
                            .setOutputDim(d)
                            .optHeads(heads)
                            .build();
            init(m, att, new Shape(b, f, d));
            assertEquals(List.of("query", "key", "value", "residual"), BlockTesting.names(att));
            NDArray e = m.randomNormal(new Shape(b, f, d));
            double[] x = Ref.values(e);
            double[] wq = Ref.param(att, "query");
            double[] wk = Ref.param(att, "key");
            double[] wv = Ref.param(att, "value");
            double[] wr = Ref.param(att, "residual");
            double[] expected = new double[b * f * d];
            for (int r = 0; r < b; r++) {
                double[][] q = new double[f][];
                double[][] k = new double[f][];
                double[][] v = new double[f][];
                for (int i = 0; i < f; i++) {
                    double[] xi = Ref.row(x, r * f + i, d);
                    q[i] = Ref.linear(xi, wq, 0, null, 0, d);
                    k[i] = Ref.linear(xi, wk, 0, null, 0, d);
                    v[i] = Ref.linear(xi, wv, 0, null, 0, d);
                }
                for (int i = 0; i < f; i++) {
                    double[] res = Ref.linear(Ref.row(x, r * f + i, d), wr, 0, null, 0, d);
                    for (int h = 0; h < heads; h++) {
                        double[] scores = new double[f];
                        for (int j = 0; j < f; j++) {
                            for (int c = h * dk; c < (h + 1) * dk; c++) {
                                scores[j] += q[i][c] * k[j][c];
                            }
                            scores[j] /= Math.sqrt(dk);
                        }
                        double[] a = Ref.softmax(scores);
                        for (int c = h * dk; c < (h + 1) * dk; c++) {
                            double o = res[c];
                            for (int j = 0; j < f; j++) {
                                o += a[j] * v[j][c];
                            }
                            expected[(r * f + i) * d + c] = Math.max(0, o);
                        }
                    }
                }
            }
            NDArray out = forward(att, m, false, e).singletonOrThrow();
            assertEquals(new Shape(b, f, d), out.getShape());
            assertClose(expected, out.toFloatArray(), 1e-5, "output");
        }
    }

    @Test
    void headsMustDivideTheWidth() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        FieldSelfAttention.builder()
                                .setInputDim(4)
                                .setOutputDim(6)
                                .optHeads(4)
                                .build());
    }
}
