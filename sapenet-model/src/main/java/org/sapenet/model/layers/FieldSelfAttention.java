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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One field self-attention layer, equation (2) (AutoInt's interacting layer): multi-head scaled
 * dot-product attention over the F fields, without bias in any projection, plus a residual
 * projection, then ReLU.
 *
 * <p>Input e (B, F, d); output (B, F, d') with d' = H * d_k (H heads of width d_k):
 *
 * <pre>
 *   Q = e W_Q^T, K = e W_K^T, V = e W_V^T                 each (B, F, d'), split into H heads
 *   head_h = softmax(Q_h K_h^T / sqrt(d_k)) V_h          (B, F, d_k)
 *   out = ReLU(concat_h head_h + e W_res^T)              (B, F, d')
 * </pre>
 *
 * W_Q, W_K, W_V, W_res are (d', d), Xavier-uniform. DJL's {@code ScaledDotProductAttentionBlock} is
 * not used: its projections carry biases and it has no residual projection or ReLU. Layers stack
 * (the next layer's d is this layer's d').
 */
public final class FieldSelfAttention extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int inputDim;
    private final int heads;
    private final int headDim;
    private final Parameter query;
    private final Parameter key;
    private final Parameter value;
    private final Parameter residual;

    private FieldSelfAttention(Builder builder) {
        super(VERSION);
        inputDim = builder.inputDim;
        heads = builder.heads;
        headDim = builder.outputDim / builder.heads;
        Shape shape = new Shape(builder.outputDim, inputDim);
        query = addParameter(ModelParameters.weight("query", shape));
        key = addParameter(ModelParameters.weight("key", shape));
        value = addParameter(ModelParameters.weight("value", shape));
        residual = addParameter(ModelParameters.weight("residual", shape));
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
     * Returns d' = H * d_k.
     *
     * @return the output dim per field
     */
    public int getOutputDim() {
        return heads * headDim;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray e = inputs.singletonOrThrow();
        long batch = e.getShape().get(0);
        long fields = e.getShape().get(1);
        NDArray q = split(project(ps, e, query, training), batch, fields);
        NDArray k = split(project(ps, e, key, training), batch, fields);
        NDArray v = split(project(ps, e, value, training), batch, fields);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div((float) Math.sqrt(headDim));
        NDArray attended = scores.softmax(-1).matMul(v); // (B, H, F, d_k)
        NDArray merged = attended.transpose(0, 2, 1, 3).reshape(batch, fields, getOutputDim());
        return new NDList(Activation.relu(merged.add(project(ps, e, residual, training))));
    }

    private static NDArray project(
            ParameterStore ps, NDArray e, Parameter weight, boolean training) {
        return Linear.linear(e, ps.getValue(weight, e.getDevice(), training)).singletonOrThrow();
    }

    /** (B, F, H * d_k) to (B, H, F, d_k). */
    private NDArray split(NDArray x, long batch, long fields) {
        return x.reshape(batch, fields, heads, headDim).transpose(0, 2, 1, 3);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), in.get(1), getOutputDim())};
    }

    /** The builder for {@link FieldSelfAttention}. */
    public static final class Builder {

        private int inputDim;
        private int outputDim;
        private int heads = 2;

        Builder() {}

        /**
         * Sets d, the input dim per field.
         *
         * @param inputDim d
         * @return this builder
         */
        public Builder setInputDim(int inputDim) {
            this.inputDim = inputDim;
            return this;
        }

        /**
         * Sets d' = H * d_k, the output dim per field.
         *
         * @param outputDim d'
         * @return this builder
         */
        public Builder setOutputDim(int outputDim) {
            this.outputDim = outputDim;
            return this;
        }

        /**
         * Sets H, the number of heads (default 2).
         *
         * @param heads H, dividing d'
         * @return this builder
         */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer
         * @throws IllegalArgumentException when a dim is not positive or H does not divide d'
         */
        public FieldSelfAttention build() {
            if (inputDim <= 0 || outputDim <= 0 || heads <= 0) {
                throw new IllegalArgumentException(
                        "FieldSelfAttention needs setInputDim, setOutputDim and optHeads all > 0,"
                                + " got d = "
                                + inputDim
                                + ", d' = "
                                + outputDim
                                + ", H = "
                                + heads);
            }
            if (outputDim % heads != 0) {
                throw new IllegalArgumentException(
                        "The " + heads + " heads must divide the output dim " + outputDim);
            }
            return new FieldSelfAttention(this);
        }
    }
}
