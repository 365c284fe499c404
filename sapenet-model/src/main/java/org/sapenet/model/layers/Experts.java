/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * E expert networks reading the same input, each an MLP of the same widths (every layer Linear,
 * LayerNorm, ReLU), computed together by {@link ParallelMlpLayer}s.
 *
 * <p>Input (B, n); output (B, E, w) with w the last width: slice e is expert e's output. Used for
 * PLE's shared and task experts, SAPENet's scenario and task experts (8)-(9), MMoE's and M3oE's
 * experts.
 */
public final class Experts extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int experts;
    private final int[] widths;

    private Experts(Builder builder) {
        super(VERSION);
        experts = builder.experts;
        widths = builder.widths.clone();
        int in = builder.inputWidth;
        for (int i = 0; i < widths.length; i++) {
            addChildBlock(
                    "layer" + i,
                    ParallelMlpLayer.builder()
                            .setBranches(experts)
                            .setInputWidth(in)
                            .setOutputWidth(widths[i])
                            .optDropout(builder.dropout)
                            .build());
            in = widths[i];
        }
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
     * Returns E.
     *
     * @return the number of experts
     */
    public int getExperts() {
        return experts;
    }

    /**
     * Returns w, the width of each expert's output.
     *
     * @return w
     */
    public int getOutputWidth() {
        return widths[widths.length - 1];
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (Block layer : children.values()) {
            x = layer.forward(ps, x, training, params);
        }
        return x;
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block layer : children.values()) {
            layer.initialize(manager, dataType, shapes);
            shapes = layer.getOutputShapes(shapes);
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), experts, getOutputWidth())};
    }

    /** The builder for {@link Experts}. */
    public static final class Builder {

        private int experts;
        private int inputWidth;
        private int[] widths = new int[0];
        private float dropout;

        Builder() {}

        /**
         * Sets E.
         *
         * @param experts E
         * @return this builder
         */
        public Builder setExperts(int experts) {
            this.experts = experts;
            return this;
        }

        /**
         * Sets n, the input width.
         *
         * @param inputWidth n
         * @return this builder
         */
        public Builder setInputWidth(int inputWidth) {
            this.inputWidth = inputWidth;
            return this;
        }

        /**
         * Sets the widths of each expert's MLP layers.
         *
         * @param widths one or more widths
         * @return this builder
         */
        public Builder setWidths(int... widths) {
            this.widths = widths.clone();
            return this;
        }

        /**
         * Sets the dropout rate of every layer (default 0).
         *
         * @param dropout the rate in [0, 1)
         * @return this builder
         */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Builds the experts.
         *
         * @return the experts
         * @throws IllegalArgumentException when a size is not positive
         */
        public Experts build() {
            if (experts <= 0 || inputWidth <= 0 || widths.length == 0) {
                throw new IllegalArgumentException(
                        "Experts needs setExperts(E > 0), setInputWidth(n > 0) and setWidths(...),"
                                + " got E = "
                                + experts
                                + ", n = "
                                + inputWidth
                                + ", widths = "
                                + Arrays.toString(widths));
            }
            return new Experts(this);
        }
    }
}
