/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * A stack of {@link MlpLayer}s (Linear, LayerNorm, ReLU, optional dropout), optionally ending in a
 * plain Linear map (no normalisation, no activation), e.g. a tower's logit.
 *
 * <p>Input (..., n_in); output (..., widths[last]) or (..., n_out) with the final Linear.
 */
public final class Mlp extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int inputWidth;
    private final int[] widths;
    private final int outputWidth;
    private final Parameter outputWeight;
    private final Parameter outputBias;

    private Mlp(Builder builder) {
        super(VERSION);
        inputWidth = builder.inputWidth;
        widths = builder.widths.clone();
        outputWidth = builder.outputWidth;
        int in = inputWidth;
        for (int i = 0; i < widths.length; i++) {
            addChildBlock(
                    "layer" + i,
                    MlpLayer.builder()
                            .setInputWidth(in)
                            .setOutputWidth(widths[i])
                            .optDropout(builder.dropout)
                            .build());
            in = widths[i];
        }
        if (outputWidth > 0) {
            outputWeight =
                    addParameter(
                            ModelParameters.weight("outputWeight", new Shape(outputWidth, in)));
            outputBias = addParameter(ModelParameters.bias("outputBias", new Shape(outputWidth)));
        } else {
            outputWeight = null;
            outputBias = null;
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
     * Returns the width of the last axis of the output.
     *
     * @return n_out with a final Linear, else the last hidden width
     */
    public int getOutputWidth() {
        return outputWidth > 0 ? outputWidth : widths[widths.length - 1];
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        for (Block layer : children.values()) {
            x = layer.forward(ps, x, training, params);
        }
        if (outputWeight == null) {
            return x;
        }
        NDArray h = x.singletonOrThrow();
        return Linear.linear(
                h,
                ps.getValue(outputWeight, h.getDevice(), training),
                ps.getValue(outputBias, h.getDevice(), training));
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
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(getOutputWidth())};
    }

    /** The builder for {@link Mlp}. */
    public static final class Builder {

        private int inputWidth;
        private int[] widths = new int[0];
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
         * Sets the widths of the MLP layers, in order.
         *
         * @param widths one width per layer (may be empty when a final Linear is set)
         * @return this builder
         */
        public Builder setWidths(int... widths) {
            this.widths = widths.clone();
            return this;
        }

        /**
         * Ends the stack in a plain Linear map to n_out (default: none).
         *
         * @param outputWidth n_out
         * @return this builder
         */
        public Builder optOutputWidth(int outputWidth) {
            this.outputWidth = outputWidth;
            return this;
        }

        /**
         * Sets the dropout rate of every MLP layer (default 0).
         *
         * @param dropout the rate in [0, 1)
         * @return this builder
         */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Builds the stack.
         *
         * @return the stack
         * @throws IllegalArgumentException when a width is not positive or there is no layer
         */
        public Mlp build() {
            if (inputWidth <= 0) {
                throw new IllegalArgumentException(
                        "Mlp needs setInputWidth(n) with n > 0, got " + inputWidth);
            }
            for (int w : widths) {
                if (w <= 0) {
                    throw new IllegalArgumentException(
                            "Mlp widths must be positive, got " + Arrays.toString(widths));
                }
            }
            if (outputWidth < 0) {
                throw new IllegalArgumentException(
                        "optOutputWidth must be positive, got " + outputWidth);
            }
            if (widths.length == 0 && outputWidth == 0) {
                throw new IllegalArgumentException(
                        "Mlp needs at least one layer: setWidths(...) or optOutputWidth(n)");
            }
            return new Mlp(this);
        }
    }
}
