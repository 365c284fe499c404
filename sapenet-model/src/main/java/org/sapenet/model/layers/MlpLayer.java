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
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One MLP layer as M3oE builds it: Linear, LayerNorm, ReLU, then dropout when the rate is positive
 * and the forward pass is training.
 *
 * <p>Input (..., n_in), output (..., n_out); the linear map and the normalisation act on the last
 * axis. Weight (n_out, n_in) Xavier-uniform, bias zero, LayerNorm gain one and shift zero (epsilon
 * 1e-5, PyTorch's default).
 */
public final class MlpLayer extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-5f;

    private final int inputWidth;
    private final int outputWidth;
    private final float dropout;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter gamma;
    private final Parameter beta;

    private MlpLayer(Builder builder) {
        super(VERSION);
        inputWidth = builder.inputWidth;
        outputWidth = builder.outputWidth;
        dropout = builder.dropout;
        weight = addParameter(ModelParameters.weight("weight", new Shape(outputWidth, inputWidth)));
        bias = addParameter(ModelParameters.bias("bias", new Shape(outputWidth)));
        gamma = addParameter(ModelParameters.gamma("gamma", new Shape(outputWidth)));
        beta = addParameter(ModelParameters.beta("beta", new Shape(outputWidth)));
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
     * Returns n_in.
     *
     * @return the input width
     */
    public int getInputWidth() {
        return inputWidth;
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
        NDArray y =
                Linear.linear(
                                x,
                                ps.getValue(weight, x.getDevice(), training),
                                ps.getValue(bias, x.getDevice(), training))
                        .singletonOrThrow();
        return new NDList(activate(ps, y, training));
    }

    /**
     * Returns the linear map's weight W, (n_out, n_in), for a caller that composes it with a linear
     * map before it (then calls {@link #activate}).
     *
     * @return W
     */
    public Parameter getWeight() {
        return weight;
    }

    /**
     * Returns the linear map's bias b, (n_out).
     *
     * @return b
     */
    public Parameter getBias() {
        return bias;
    }

    /**
     * Applies what follows the linear map: LayerNorm, ReLU and (when training) dropout.
     *
     * @param ps the parameter store
     * @param y x W^T + b, (..., n_out)
     * @param training whether training
     * @return the layer's output, (..., n_out)
     */
    public NDArray activate(ParameterStore ps, NDArray y, boolean training) {
        NDArray out =
                LayerNorm.layerNorm(
                                y,
                                new Shape(outputWidth),
                                ps.getValue(gamma, y.getDevice(), training),
                                ps.getValue(beta, y.getDevice(), training),
                                EPSILON)
                        .singletonOrThrow();
        out = Activation.relu(out);
        if (training && dropout > 0f) {
            out = Dropout.dropout(out, dropout, true).singletonOrThrow();
        }
        return out;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outputWidth)};
    }

    /** The builder for {@link MlpLayer}. */
    public static final class Builder {

        private int inputWidth;
        private int outputWidth;
        private float dropout;

        Builder() {}

        /**
         * Sets n_in, the width of the input's last axis.
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
         * Sets the dropout rate applied in training (default 0: none).
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
         * @throws IllegalArgumentException when a width is not positive or the rate is outside [0,
         *     1)
         */
        public MlpLayer build() {
            if (inputWidth <= 0) {
                throw new IllegalArgumentException(
                        "MlpLayer needs setInputWidth(n) with n > 0, got " + inputWidth);
            }
            if (outputWidth <= 0) {
                throw new IllegalArgumentException(
                        "MlpLayer needs setOutputWidth(n) with n > 0, got " + outputWidth);
            }
            if (!(dropout >= 0f && dropout < 1f)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
            return new MlpLayer(this);
        }
    }
}
