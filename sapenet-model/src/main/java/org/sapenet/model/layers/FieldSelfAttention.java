/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
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
        int width = getOutputDim();
        // One matmul for the four projections: [Q / sqrt(d_k), K, V, R] = e [W_Q / sqrt(d_k); W_K;
        // W_V; W_res]^T, (B, F, 4d'). Scaling W_Q (d' x d) rather than the scores (B, H, F, F)
        // gives the
        // same product for far fewer multiplications.
        NDArray projected = Linear.linear(e, stackedWeights(ps, e, training)).singletonOrThrow();
        NDArray qkv = projected.reshape(batch, fields, 4, heads, headDim).transpose(2, 0, 3, 1, 4);
        NDArray scores = qkv.get(0).matMul(qkv.get(1).transpose(0, 1, 3, 2)); // (B, H, F, F)
        NDArray attended = scores.softmax(-1).matMul(qkv.get(2)); // (B, H, F, d_k)
        NDArray merged = attended.transpose(0, 2, 1, 3).reshape(batch, fields, width);
        NDArray res = projected.get(new NDIndex(":, :, {}:", 3 * width));
        return new NDList(Activation.relu(merged.add(res)));
    }

    /** [W_Q / sqrt(d_k); W_K; W_V; W_res], (4d', d), owned by the batch's manager. */
    private NDArray stackedWeights(ParameterStore ps, NDArray e, boolean training) {
        NDArray scaledQuery =
                Ops.own(
                        ps.getValue(query, e.getDevice(), training)
                                .mul((float) (1.0 / Math.sqrt(headDim))),
                        e);
        return NDArrays.concat(
                new NDList(
                        scaledQuery,
                        ps.getValue(key, e.getDevice(), training),
                        ps.getValue(value, e.getDevice(), training),
                        ps.getValue(residual, e.getDevice(), training)));
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
