/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.m2m;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import org.sapenet.model.layers.ModelParameters;

/**
 * One transformer encoder layer over the F field embeddings of each row (M2M's backbone, Zhang et
 * al. 2022, sec. 4.1): the fields are the sequence, each row is attended over on its own, never
 * across the batch (the mistake of feeding (B, m) to a sequence-first encoder, which makes the
 * batch the sequence).
 *
 * <p>Post-norm, as Vaswani et al. and PyTorch's {@code TransformerEncoderLayer}:
 *
 * <pre>
 *   u = LayerNorm(x + Dropout(MultiHead(x, x, x)))
 *   y = LayerNorm(u + Dropout(ReLU(u W₁ᵀ + b₁) W₂ᵀ + b₂))
 * </pre>
 *
 * <p>MultiHead is DJL's {@link ScaledDotProductAttentionBlock} (projections with bias, weights
 * Xavier-uniform). DJL's own {@code TransformerEncoderBlock} is not used: it normalises with
 * BatchNorm and adds its input, not the first sub-layer's output, before the second norm.
 *
 * <p>Parameters: W₁ (h, d), W₂ (d, h) Xavier-uniform, biases zero, both LayerNorms γ ones, β zeros.
 *
 * <p>Input: [x (B, F, d)]. Output: [y (B, F, d)].
 */
public final class FieldTransformerEncoder extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-5f;

    private final int embeddingDim;
    private final float dropout;
    private final ScaledDotProductAttentionBlock attention;
    private final Parameter attentionGamma;
    private final Parameter attentionBeta;
    private final Parameter hiddenWeight;
    private final Parameter hiddenBias;
    private final Parameter outputWeight;
    private final Parameter outputBias;
    private final Parameter outputGamma;
    private final Parameter outputBeta;

    private FieldTransformerEncoder(Builder builder) {
        super(VERSION);
        embeddingDim = builder.embeddingDim;
        dropout = builder.dropout;
        attention =
                addChildBlock(
                        "attention",
                        ScaledDotProductAttentionBlock.builder()
                                .setEmbeddingSize(embeddingDim)
                                .setHeadCount(builder.heads)
                                .optAttentionProbsDropoutProb(dropout)
                                .build());
        attention.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
        Shape d = new Shape(embeddingDim);
        attentionGamma = addParameter(ModelParameters.gamma("attentionGamma", d));
        attentionBeta = addParameter(ModelParameters.beta("attentionBeta", d));
        hiddenWeight =
                addParameter(
                        ModelParameters.weight(
                                "hiddenWeight", new Shape(builder.hiddenWidth, embeddingDim)));
        hiddenBias =
                addParameter(ModelParameters.bias("hiddenBias", new Shape(builder.hiddenWidth)));
        outputWeight =
                addParameter(
                        ModelParameters.weight(
                                "outputWeight", new Shape(embeddingDim, builder.hiddenWidth)));
        outputBias = addParameter(ModelParameters.bias("outputBias", d));
        outputGamma = addParameter(ModelParameters.gamma("outputGamma", d));
        outputBeta = addParameter(ModelParameters.beta("outputBeta", d));
    }

    /**
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 3 || x.getShape().get(2) != embeddingDim) {
            throw new IllegalArgumentException(
                    "FieldTransformerEncoder expects (B, F, "
                            + embeddingDim
                            + "), got "
                            + x.getShape());
        }
        Device device = x.getDevice();
        Shape d = new Shape(embeddingDim);
        NDArray attended = attention.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray u =
                LayerNorm.layerNorm(
                                x.add(drop(attended, training)),
                                d,
                                ps.getValue(attentionGamma, device, training),
                                ps.getValue(attentionBeta, device, training),
                                EPSILON)
                        .singletonOrThrow();
        NDArray hidden =
                Activation.relu(
                        Linear.linear(
                                        u,
                                        ps.getValue(hiddenWeight, device, training),
                                        ps.getValue(hiddenBias, device, training))
                                .singletonOrThrow());
        NDArray ffn =
                Linear.linear(
                                hidden,
                                ps.getValue(outputWeight, device, training),
                                ps.getValue(outputBias, device, training))
                        .singletonOrThrow();
        return LayerNorm.layerNorm(
                u.add(drop(ffn, training)),
                d,
                ps.getValue(outputGamma, device, training),
                ps.getValue(outputBeta, device, training),
                EPSILON);
    }

    private NDArray drop(NDArray x, boolean training) {
        if (training && dropout > 0f) {
            return Dropout.dropout(x, dropout, true).singletonOrThrow();
        }
        return x;
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        attention.initialize(manager, dataType, inputShapes[0]);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** The builder for {@link FieldTransformerEncoder}. */
    public static final class Builder {

        private int embeddingDim;
        private int heads = 2;
        private int hiddenWidth = 64;
        private float dropout;

        Builder() {}

        /**
         * Sets d, the width of each field embedding.
         *
         * @param embeddingDim d
         * @return this builder
         */
        public Builder setEmbeddingDim(int embeddingDim) {
            this.embeddingDim = embeddingDim;
            return this;
        }

        /**
         * Sets the number of attention heads (default 2; must divide d).
         *
         * @param heads the number of heads
         * @return this builder
         */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        /**
         * Sets h, the feed-forward hidden width (default 64).
         *
         * @param hiddenWidth h
         * @return this builder
         */
        public Builder optHiddenWidth(int hiddenWidth) {
            this.hiddenWidth = hiddenWidth;
            return this;
        }

        /**
         * Sets the dropout rate of attention probabilities and both residual branches (default 0).
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
         * @throws IllegalArgumentException when d, the head count or h is not positive, the heads
         *     do not divide d, or the rate is outside [0, 1)
         */
        public FieldTransformerEncoder build() {
            if (embeddingDim <= 0 || heads <= 0 || hiddenWidth <= 0) {
                throw new IllegalArgumentException(
                        "FieldTransformerEncoder needs d, heads and h > 0, got d = "
                                + embeddingDim
                                + ", heads = "
                                + heads
                                + ", h = "
                                + hiddenWidth);
            }
            if (embeddingDim % heads != 0) {
                throw new IllegalArgumentException(
                        "the " + heads + " attention heads must divide d = " + embeddingDim);
            }
            if (!(dropout >= 0f && dropout < 1f)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
            return new FieldTransformerEncoder(this);
        }
    }
}
