/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
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
        query = addParameter(ModelParameters.weight("query", shape, builder.queryKeyGain));
        key = addParameter(ModelParameters.weight("key", shape, builder.queryKeyGain));
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
        // One matmul for every projection, its columns ordered head by head, [Q_h / sqrt(d_k), K_h,
        // V_h] for each h, then R = e W_res^T: (B, F, 4d'), split into its 3H + 1 column blocks in
        // one op. The batched matmuls read the blocks in place, without copying. Scaling W_Q rather
        // than the (B, H, F, F) scores gives the same product for far fewer multiplications. The
        // split matters for speed: its backward writes the blocks' gradients side by side in one
        // (B, F, 4d') array, where 3H + 1 slices would each add a zero-padded (B, F, 4d') gradient
        // (4.6x slower for the whole backward of SAPENet's attention, B = 4096).
        NDList blocks = projectionBlocks(e, stackedWeights(ps, e, training));
        NDList attended = new NDList(heads);
        for (int h = 0; h < heads; h++) {
            NDArray q = blocks.get(3 * h);
            NDArray k = blocks.get(3 * h + 1);
            NDArray v = blocks.get(3 * h + 2);
            NDArray scores = q.matMul(k.transpose(0, 2, 1)); // (B, F, F)
            attended.add(scores.softmax(-1).matMul(v)); // (B, F, d_k)
        }
        NDArray merged = heads == 1 ? attended.get(0) : NDArrays.concat(attended, 2);
        NDArray res = blocks.get(3 * heads);
        return new NDList(Activation.relu(merged.add(res)));
    }

    /**
     * Returns the attention weights of every head, softmax(Q_h K_h^T / sqrt(d_k)) over the key
     * fields, for inspection (which fields each field reads).
     *
     * @param ps the parameter store
     * @param e the layer's input (B, F, d)
     * @return (B, H, F, F): for row b, head h and query field i, a distribution over key fields j
     */
    public NDArray attentionWeights(ParameterStore ps, NDArray e) {
        NDList blocks = projectionBlocks(e, stackedWeights(ps, e, false));
        NDList heads = new NDList(this.heads);
        for (int h = 0; h < this.heads; h++) {
            NDArray q = blocks.get(3 * h);
            NDArray k = blocks.get(3 * h + 1);
            heads.add(q.matMul(k.transpose(0, 2, 1)).softmax(-1));
        }
        return NDArrays.stack(heads, 1);
    }

    /**
     * The projections e W^T split into their column blocks: [Q_h, K_h, V_h] (B, F, d_k) for each
     * head h, then R (B, F, d').
     */
    private NDList projectionBlocks(NDArray e, NDArray stackedWeights) {
        NDArray projected = Linear.linear(e, stackedWeights).singletonOrThrow();
        long[] ends = new long[3 * heads];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = (i + 1L) * headDim;
        }
        return projected.split(ends, 2);
    }

    /**
     * The rows [W_Q,h / sqrt(d_k); W_K,h; W_V,h] of every head h, then W_res: (4d', d), owned by
     * the batch's manager.
     */
    private NDArray stackedWeights(ParameterStore ps, NDArray e, boolean training) {
        NDManager batch = e.getManager();
        NDArray wq = ps.getValue(query, e.getDevice(), training);
        NDArray wk = ps.getValue(key, e.getDevice(), training);
        NDArray wv = ps.getValue(value, e.getDevice(), training);
        NDArray scale = GraphConstants.scalar(e, 1.0 / Math.sqrt(headDim));
        NDList rows = new NDList(3 * heads + 1);
        for (int h = 0; h < heads; h++) {
            NDIndex head = new NDIndex("{}:{}", h * headDim, (h + 1) * headDim);
            rows.add(wq.get(batch, head).mul(scale));
            rows.add(wk.get(batch, head));
            rows.add(wv.get(batch, head));
        }
        rows.add(ps.getValue(residual, e.getDevice(), training));
        return NDArrays.concat(rows);
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
        private float queryKeyGain = 1f;

        Builder() {}

        /**
         * Sets the gain g of the query and key projections' initialisation, Xavier-uniform times g
         * (default 1).
         *
         * @param queryKeyGain g, positive
         * @return this builder
         */
        public Builder optQueryKeyGain(float queryKeyGain) {
            this.queryKeyGain = queryKeyGain;
            return this;
        }

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
