/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;

/** Double-precision reference computations on row-major matrices, for the block tests. */
public final class Ref {

    private Ref() {}

    /**
     * Reads an array as doubles.
     *
     * @param a the array
     * @return its values, row-major
     */
    public static double[] values(NDArray a) {
        float[] f = a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /**
     * Reads a parameter of a block as doubles.
     *
     * @param block the block
     * @param name the parameter's name (or the end of its path)
     * @return its values, row-major
     */
    public static double[] param(Block block, String name) {
        return values(BlockTesting.find(block, name).getArray());
    }

    /**
     * Computes x W^T + b for one row.
     *
     * @param x (in)
     * @param w (out, in) row-major, starting at offset wOff
     * @param wOff offset of the matrix in w
     * @param b biases, starting at bOff (null for none)
     * @param bOff offset of the biases
     * @param out out
     * @return (out)
     */
    public static double[] linear(double[] x, double[] w, int wOff, double[] b, int bOff, int out) {
        int in = x.length;
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double v = b == null ? 0 : b[bOff + o];
            for (int i = 0; i < in; i++) {
                v += w[wOff + o * in + i] * x[i];
            }
            y[o] = v;
        }
        return y;
    }

    /**
     * LayerNorm (biased variance, eps 1e-5) with gain and shift, then ReLU, for one row.
     *
     * @param z the row
     * @param g gains from gOff
     * @param gOff offset
     * @param be shifts from bOff
     * @param bOff offset
     * @return ReLU(LN(z))
     */
    public static double[] layerNormRelu(double[] z, double[] g, int gOff, double[] be, int bOff) {
        int n = z.length;
        double mean = 0;
        for (double v : z) {
            mean += v / n;
        }
        double var = 0;
        for (double v : z) {
            var += (v - mean) * (v - mean) / n;
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.max(0, (z[i] - mean) / Math.sqrt(var + 1e-5) * g[gOff + i] + be[bOff + i]);
        }
        return y;
    }

    /**
     * One MLP layer (Linear, LayerNorm, ReLU) for one row, with the k-th of stacked parameters.
     *
     * @param x (in)
     * @param w stacked weights (K, out, in)
     * @param b stacked biases (K, out)
     * @param g stacked gains (K, out)
     * @param be stacked shifts (K, out)
     * @param k the branch
     * @param out out
     * @return (out)
     */
    public static double[] mlpLayer(
            double[] x, double[] w, double[] b, double[] g, double[] be, int k, int out) {
        double[] z = linear(x, w, k * out * x.length, b, k * out, out);
        return layerNormRelu(z, g, k * out, be, k * out);
    }

    /**
     * Softmax of a vector.
     *
     * @param z the logits
     * @return the probabilities
     */
    public static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * Returns row r of a row-major matrix.
     *
     * @param a the matrix
     * @param r the row
     * @param width the row width
     * @return a copy of the row
     */
    public static double[] row(double[] a, int r, int width) {
        double[] out = new double[width];
        System.arraycopy(a, r * width, out, 0, width);
        return out;
    }

    /**
     * Returns the sigmoid.
     *
     * @param x x
     * @return 1 / (1 + exp(-x))
     */
    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
