/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Balanced mixing of K expert outputs, equations (10)-(11):
 *
 * <pre>
 *   ḡ_k = λ_k g_k + (1 - λ_k) / (K - 1) Σ_{j≠k} g_j,   λ_k = sigmoid(θ_k), θ init 1
 * </pre>
 *
 * <p>One θ per branch (SAPENet: per scenario, per task) or one θ shared by all branches (M3oE).
 * With K = 1 the mixing is the identity and has no parameter.
 *
 * <p>Inputs: [g (B, K, w)] gives [ḡ (B, K, w)] for every k; [g (B, K, w), index (B)] gives [ḡ (B,
 * w)] for each row's own k only (SAPENet's scenario mixing: ḡ_s of the row's scenario).
 */
public final class BalancedMixing extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int branches;
    private final boolean shared;
    private final Parameter theta;

    private BalancedMixing(Builder builder) {
        super(VERSION);
        branches = builder.branches;
        shared = builder.shared;
        theta =
                branches == 1
                        ? null
                        : addParameter(
                                ModelParameters.scalars(
                                        "theta", new Shape(shared ? 1 : branches), 1f));
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the θ parameter.
     *
     * @return θ, or null when K = 1
     */
    public Parameter getTheta() {
        return theta;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray g = inputs.get(0);
        boolean own = inputs.size() > 1;
        if (theta == null) {
            return new NDList(own ? g.squeeze(1) : g);
        }
        NDArray lambda =
                Ops.own(Activation.sigmoid(ps.getValue(theta, g.getDevice(), training)), g);
        NDArray total = g.sum(new int[] {1}, !own);
        if (own) {
            NDArray index = inputs.get(1);
            NDArray mine = Ops.selectPerRow(g, index, branches);
            NDArray rowLambda;
            if (shared) {
                rowLambda = lambda;
            } else {
                NDArray oneHot =
                        index.toType(DataType.INT64, false).oneHot(branches, g.getDataType());
                rowLambda = oneHot.matMul(lambda).expandDims(1);
            }
            NDArray others = total.sub(mine).div(GraphConstants.scalar(total, branches - 1));
            NDArray rest = GraphConstants.scalar(total, 1).sub(rowLambda);
            return new NDList(mine.mul(rowLambda).add(others.mul(rest)));
        }
        NDArray lam = lambda.reshape(1, -1, 1);
        NDArray others = total.sub(g).div(GraphConstants.scalar(total, branches - 1));
        return new NDList(g.mul(lam).add(others.mul(GraphConstants.scalar(g, 1).sub(lam))));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape g = inputShapes[0];
        if (inputShapes.length > 1) {
            return new Shape[] {new Shape(g.get(0), g.get(2))};
        }
        return new Shape[] {g};
    }

    /** The builder for {@link BalancedMixing}. */
    public static final class Builder {

        private int branches;
        private boolean shared;

        Builder() {}

        /**
         * Sets K, the number of branches mixed.
         *
         * @param branches K
         * @return this builder
         */
        public Builder setBranches(int branches) {
            this.branches = branches;
            return this;
        }

        /**
         * Uses one λ for all branches (M3oE) instead of one per branch (default false).
         *
         * @param shared true for one shared λ
         * @return this builder
         */
        public Builder optShared(boolean shared) {
            this.shared = shared;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException when K is not positive
         */
        public BalancedMixing build() {
            if (branches <= 0) {
                throw new IllegalArgumentException(
                        "BalancedMixing needs setBranches(K > 0), got " + branches);
            }
            return new BalancedMixing(this);
        }
    }
}
