/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.star;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sapenet.model.layers.Mlp;
import org.sapenet.model.layers.ModelParameters;

/**
 * STAR's auxiliary network (Sheng et al. 2021, sec. 3.4): the scenario indicator's embedding,
 * concatenated with the input embedding, through a small MLP to one logit, which STAR adds to the
 * star network's logit so that the scenario can shift the prediction directly.
 *
 * <pre>
 *   a = MLP([e ‖ emb(s)])      MLP: (m + d) → h (Linear, LayerNorm, ReLU) → 1 (Linear)
 * </pre>
 *
 * <p>Parameters: the scenario embedding (S, d) drawn as every embedding table; the MLP's.
 *
 * <p>Input: [e (B, m), scenario ids (B)]. Output: [a (B, 1)].
 */
public final class StarAuxiliaryNetwork extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int scenarioCount;
    private final int inputWidth;
    private final int embeddingDim;
    private final Parameter scenarioEmbedding;
    private final Mlp mlp;

    private StarAuxiliaryNetwork(Builder builder) {
        super(VERSION);
        scenarioCount = builder.scenarioCount;
        inputWidth = builder.inputWidth;
        embeddingDim = builder.embeddingDim;
        scenarioEmbedding =
                addParameter(
                        ModelParameters.embedding(
                                "scenarioEmbedding", new Shape(scenarioCount, embeddingDim)));
        mlp =
                addChildBlock(
                        "mlp",
                        Mlp.builder()
                                .setInputWidth(inputWidth + embeddingDim)
                                .setWidths(builder.hiddenWidth)
                                .optOutputWidth(1)
                                .optDropout(builder.dropout)
                                .build());
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
        NDArray e = inputs.get(0);
        NDArray oneHot = inputs.get(1).oneHot(scenarioCount, DataType.FLOAT32);
        NDArray scenario =
                oneHot.matMul(ps.getValue(scenarioEmbedding, e.getDevice(), training)); // (B, d)
        return mlp.forward(ps, new NDList(e.concat(scenario, 1)), training);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        mlp.initialize(
                manager, dataType, new Shape(inputShapes[0].get(0), inputWidth + embeddingDim));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    /** The builder for {@link StarAuxiliaryNetwork}. */
    public static final class Builder {

        private int scenarioCount;
        private int inputWidth;
        private int embeddingDim = 16;
        private int hiddenWidth = 64;
        private float dropout;

        Builder() {}

        /**
         * Sets S.
         *
         * @param scenarioCount S
         * @return this builder
         */
        public Builder setScenarioCount(int scenarioCount) {
            this.scenarioCount = scenarioCount;
            return this;
        }

        /**
         * Sets m, the width of e.
         *
         * @param inputWidth m
         * @return this builder
         */
        public Builder setInputWidth(int inputWidth) {
            this.inputWidth = inputWidth;
            return this;
        }

        /**
         * Sets d, the width of the scenario embedding (default 16).
         *
         * @param embeddingDim d
         * @return this builder
         */
        public Builder optEmbeddingDim(int embeddingDim) {
            this.embeddingDim = embeddingDim;
            return this;
        }

        /**
         * Sets h, the hidden width (default 64).
         *
         * @param hiddenWidth h
         * @return this builder
         */
        public Builder optHiddenWidth(int hiddenWidth) {
            this.hiddenWidth = hiddenWidth;
            return this;
        }

        /**
         * Sets the dropout rate of the hidden layer (default 0).
         *
         * @param dropout the rate in [0, 1)
         * @return this builder
         */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException when S, m, d or h is not positive
         */
        public StarAuxiliaryNetwork build() {
            if (scenarioCount <= 0 || inputWidth <= 0 || embeddingDim <= 0 || hiddenWidth <= 0) {
                throw new IllegalArgumentException(
                        "StarAuxiliaryNetwork needs S, m, d and h > 0, got S = "
                                + scenarioCount
                                + ", m = "
                                + inputWidth
                                + ", d = "
                                + embeddingDim
                                + ", h = "
                                + hiddenWidth);
            }
            return new StarAuxiliaryNetwork(this);
        }
    }
}
