/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * K independent {@link MlpLayer}s (Linear, LayerNorm, ReLU, optional dropout) computed together:
 * the first layer of K experts in one matmul.
 *
 * <p>Input either (B, n_in), shared by every branch, or (B, K, n_in), one slice per branch; output
 * (B, K, n_out). Branch k computes ReLU(LN_k(x_k W_k^T + b_k)) with its own weight W_k (n_out,
 * n_in), bias, gain and shift. Weights are stored stacked as (K, n_out, n_in), each slice
 * Xavier-uniform for its own fans.
 */
public final class ParallelMlpLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int branches;
    private final int inputWidth;
    private final int outputWidth;
    private final float dropout;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter gamma;
    private final Parameter beta;

    private ParallelMlpLayer(Builder builder) {
        super(VERSION);
        branches = builder.branches;
        inputWidth = builder.inputWidth;
        outputWidth = builder.outputWidth;
        dropout = builder.dropout;
        weight =
                addParameter(
                        ModelParameters.weight(
                                "weight", new Shape(branches, outputWidth, inputWidth)));
        bias = addParameter(ModelParameters.bias("bias", new Shape(branches, outputWidth)));
        gamma = addParameter(ModelParameters.gamma("gamma", new Shape(branches, outputWidth)));
        beta = addParameter(ModelParameters.beta("beta", new Shape(branches, outputWidth)));
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
     * Returns K.
     *
     * @return the number of branches
     */
    public int getBranches() {
        return branches;
    }

    /**
     * Returns n_out.
     *
     * @return the output width
     */
    public int getOutputWidth() {
        return outputWidth;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        long batch = x.getShape().get(0);
        NDArray y;
        if (x.getShape().dimension() == 2) {
            NDArray flatW = Ops.own(w.reshape(branches * (long) outputWidth, inputWidth), x);
            NDArray flatB = Ops.own(b.reshape(branches * (long) outputWidth), x);
            y = Linear.linear(x, flatW, flatB).singletonOrThrow();
            y = y.reshape(batch, branches, outputWidth);
        } else {
            NDArray wT = Ops.own(w.transpose(0, 2, 1), x);
            y = x.transpose(1, 0, 2).matMul(wT).transpose(1, 0, 2).add(b);
        }
        y =
                Ops.layerNorm(
                        y,
                        ps.getValue(gamma, x.getDevice(), training),
                        ps.getValue(beta, x.getDevice(), training));
        y = Activation.relu(y);
        if (training && dropout > 0f) {
            y = Dropout.dropout(y, dropout, true).singletonOrThrow();
        }
        return new NDList(y);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), branches, outputWidth)};
    }

    /** The builder for {@link ParallelMlpLayer}. */
    public static final class Builder {

        private int branches;
        private int inputWidth;
        private int outputWidth;
        private float dropout;

        Builder() {}

        /**
         * Sets K, the number of branches.
         *
         * @param branches K
         * @return this builder
         */
        public Builder setBranches(int branches) {
            this.branches = branches;
            return this;
        }

        /**
         * Sets n_in.
         *
         * @param inputWidth n_in
         * @return this builder
         */
        public Builder setInputWidth(int inputWidth) {
            this.inputWidth = inputWidth;
            return this;
        }

        /**
         * Sets n_out.
         *
         * @param outputWidth n_out
         * @return this builder
         */
        public Builder setOutputWidth(int outputWidth) {
            this.outputWidth = outputWidth;
            return this;
        }

        /**
         * Sets the dropout rate applied in training (default 0).
         *
         * @param dropout the rate in [0, 1)
         * @return this builder
         */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer
         * @throws IllegalArgumentException when a size is not positive or the rate is outside [0,
         *     1)
         */
        public ParallelMlpLayer build() {
            if (branches <= 0 || inputWidth <= 0 || outputWidth <= 0) {
                throw new IllegalArgumentException(
                        "ParallelMlpLayer needs setBranches, setInputWidth and setOutputWidth all"
                                + " > 0, got K = "
                                + branches
                                + ", n_in = "
                                + inputWidth
                                + ", n_out = "
                                + outputWidth);
            }
            if (!(dropout >= 0f && dropout < 1f)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
            return new ParallelMlpLayer(this);
        }
    }
}
