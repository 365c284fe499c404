/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** Small tensor operations shared by the blocks of this module. */
public final class Ops {

    /** LayerNorm's epsilon, PyTorch's default. */
    public static final float LAYER_NORM_EPSILON = 1e-5f;

    private Ops() {}

    /**
     * Moves an array computed from parameters alone (a slice, a product of weights, a sigmoid of a
     * scalar) into the batch's manager, so it is freed with the batch instead of accumulating in
     * the model's manager (engine.md, memory rules).
     *
     * @param derived the parameter-derived array
     * @param batch any array of the current batch
     * @return {@code derived}, now owned by the batch's manager
     */
    public static NDArray own(NDArray derived, NDArray batch) {
        derived.attach(batch.getManager());
        return derived;
    }

    /**
     * Normalises over the last axis (biased variance, epsilon 1e-5) and applies a gain and shift
     * that broadcast against the input (so stacked per-branch gains work).
     *
     * @param x (..., n)
     * @param gamma broadcastable to x, last axis n
     * @param beta broadcastable to x, last axis n
     * @return (x - mean) / sqrt(var + eps) * gamma + beta
     */
    public static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        Shape last = new Shape(x.getShape().get(x.getShape().dimension() - 1));
        NDManager manager = x.getManager();
        // PyTorch's fused kernel normalises; the broadcasting gain and shift come after it.
        NDArray normalized =
                LayerNorm.layerNorm(
                                x,
                                last,
                                manager.ones(last, x.getDataType()),
                                manager.zeros(last, x.getDataType()),
                                LAYER_NORM_EPSILON)
                        .singletonOrThrow();
        return normalized.mul(gamma).add(beta);
    }

    /**
     * Picks, for each row b, slice index[b] of x along axis 1.
     *
     * @param x (B, K, w)
     * @param index (B) ints in [0, K)
     * @param k K
     * @return (B, w)
     */
    public static NDArray selectPerRow(NDArray x, NDArray index, int k) {
        NDArray oneHot = index.toType(DataType.INT64, false).oneHot(k, x.getDataType());
        return oneHot.expandDims(1).matMul(x).squeeze(1);
    }

    /**
     * Gathers rows of x.
     *
     * @param x (B, ...)
     * @param rows (R) int64 row indices
     * @return (R, ...)
     */
    public static NDArray gatherRows(NDArray x, NDArray rows) {
        return x.get(new NDIndex("{}", rows));
    }
}
