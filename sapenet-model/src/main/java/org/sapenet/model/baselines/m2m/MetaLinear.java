/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.m2m;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sapenet.model.layers.ModelParameters;

/**
 * One layer of M2M's meta unit (Zhang et al. 2022, sec. 4.2.1): a linear map whose weight and bias
 * are generated, row by row, from the scenario knowledge representation c:
 *
 * <pre>
 *   W = reshape(V_w c + v_w)   (n_in, n_out)
 *   b = V_b c + v_b            (n_out)
 *   y = h W + b
 * </pre>
 *
 * <p>The generated map is applied to every one of the row's N input vectors (N = E experts in the
 * meta attention, N = 1 in the meta tower). No activation: the caller applies it.
 *
 * <p>Parameters: V_w (n_in·n_out, c) and V_b (n_out, c) Xavier-uniform, v_w and v_b zeros.
 *
 * <p>Input: [h (B, N, n_in), c (B, c)]. Output: [y (B, N, n_out)].
 */
public final class MetaLinear extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int inputWidth;
    private final int outputWidth;
    private final int conditionWidth;
    private final Parameter weightGenerator;
    private final Parameter weightOffset;
    private final Parameter biasGenerator;
    private final Parameter biasOffset;

    private MetaLinear(Builder builder) {
        super(VERSION);
        inputWidth = builder.inputWidth;
        outputWidth = builder.outputWidth;
        conditionWidth = builder.conditionWidth;
        long generated = (long) inputWidth * outputWidth;
        weightGenerator =
                addParameter(
                        ModelParameters.weight(
                                "weightGenerator", new Shape(generated, conditionWidth)));
        weightOffset = addParameter(ModelParameters.bias("weightOffset", new Shape(generated)));
        biasGenerator =
                addParameter(
                        ModelParameters.weight(
                                "biasGenerator", new Shape(outputWidth, conditionWidth)));
        biasOffset = addParameter(ModelParameters.bias("biasOffset", new Shape(outputWidth)));
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
     * Generates each row's weight.
     *
     * @param ps the parameter store
     * @param condition c (B, c)
     * @param training whether this is a training pass
     * @return W (B, n_in, n_out)
     */
    public NDArray generateWeight(ParameterStore ps, NDArray condition, boolean training) {
        Device device = condition.getDevice();
        return Linear.linear(
                        condition,
                        ps.getValue(weightGenerator, device, training),
                        ps.getValue(weightOffset, device, training))
                .singletonOrThrow()
                .reshape(-1, inputWidth, outputWidth);
    }

    /**
     * Generates each row's bias.
     *
     * @param ps the parameter store
     * @param condition c (B, c)
     * @param training whether this is a training pass
     * @return b (B, n_out)
     */
    public NDArray generateBias(ParameterStore ps, NDArray condition, boolean training) {
        Device device = condition.getDevice();
        return Linear.linear(
                        condition,
                        ps.getValue(biasGenerator, device, training),
                        ps.getValue(biasOffset, device, training))
                .singletonOrThrow();
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray condition = inputs.get(1);
        Shape hs = h.getShape();
        if (hs.dimension() != 3 || hs.get(2) != inputWidth) {
            throw new IllegalArgumentException(
                    "MetaLinear expects h of shape (B, N, " + inputWidth + "), got " + hs);
        }
        if (condition.getShape().dimension() != 2
                || condition.getShape().get(1) != conditionWidth
                || condition.getShape().get(0) != hs.get(0)) {
            throw new IllegalArgumentException(
                    "MetaLinear expects the condition of shape ("
                            + hs.get(0)
                            + ", "
                            + conditionWidth
                            + "), got "
                            + condition.getShape());
        }
        NDArray w = generateWeight(ps, condition, training);
        NDArray b = generateBias(ps, condition, training);
        return new NDList(h.batchMatMul(w).add(b.expandDims(1)));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape h = inputShapes[0];
        return new Shape[] {new Shape(h.get(0), h.get(1), outputWidth)};
    }

    /** The builder for {@link MetaLinear}. */
    public static final class Builder {

        private int inputWidth;
        private int outputWidth;
        private int conditionWidth;

        Builder() {}

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
         * Sets the width of the condition (the scenario representation).
         *
         * @param conditionWidth c
         * @return this builder
         */
        public Builder setConditionWidth(int conditionWidth) {
            this.conditionWidth = conditionWidth;
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer
         * @throws IllegalArgumentException when a width is not positive
         */
        public MetaLinear build() {
            if (inputWidth <= 0 || outputWidth <= 0 || conditionWidth <= 0) {
                throw new IllegalArgumentException(
                        "MetaLinear needs n_in, n_out and c > 0, got n_in = "
                                + inputWidth
                                + ", n_out = "
                                + outputWidth
                                + ", c = "
                                + conditionWidth);
            }
            return new MetaLinear(this);
        }
    }
}
