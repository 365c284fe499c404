/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * Progressive Layered Extraction (Tang et al. 2020), equations (5)-(7): L {@link CgcLevel}s. Level
 * 1 reads h* on every path (h_s^(0) = h_t^(0) = h*); level l reads level l-1's paths; the last
 * level has no shared gate.
 *
 * <p>Input: [h (B, n)]. Output: [h^PLE (B, T, w_L)], task t's output h_t^(L) in slice t.
 */
public final class Ple extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int tasks;
    private final int inputWidth;
    private final int[] widths;

    private Ple(Builder builder) {
        super(VERSION);
        tasks = builder.tasks;
        inputWidth = builder.inputWidth;
        widths = builder.widths.clone();
        int in = inputWidth;
        for (int l = 0; l < widths.length; l++) {
            addChildBlock(
                    "level" + l,
                    CgcLevel.builder()
                            .setTasks(tasks)
                            .optExpertsPerGroup(builder.expertsPerGroup)
                            .setInputWidth(in)
                            .setOutputWidth(widths[l])
                            .optLast(l == widths.length - 1)
                            .optDropout(builder.dropout)
                            .build());
            in = widths[l];
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
     * Returns w_L, the width of each task's output.
     *
     * @return w_L
     */
    public int getOutputWidth() {
        return widths[widths.length - 1];
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.singletonOrThrow();
        NDList paths = new NDList(tasks + 1);
        for (int i = 0; i <= tasks; i++) {
            paths.add(h);
        }
        for (Block level : children.values()) {
            paths = level.forward(ps, paths, training, params);
        }
        return new NDList(NDArrays.stack(paths, 1));
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        int in = inputWidth;
        for (int l = 0; l < widths.length; l++) {
            Shape[] shapes = new Shape[tasks + 1];
            Arrays.fill(shapes, new Shape(batch, in));
            children.get(l).getValue().initialize(manager, dataType, shapes);
            in = widths[l];
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), tasks, getOutputWidth())};
    }

    /** The builder for {@link Ple}. */
    public static final class Builder {

        private int tasks;
        private int inputWidth;
        private int expertsPerGroup = 2;
        private int[] widths = {128, 64};
        private float dropout;

        Builder() {}

        /**
         * Sets T.
         *
         * @param tasks T
         * @return this builder
         */
        public Builder setTasks(int tasks) {
            this.tasks = tasks;
            return this;
        }

        /**
         * Sets n, the width of h.
         *
         * @param inputWidth n
         * @return this builder
         */
        public Builder setInputWidth(int inputWidth) {
            this.inputWidth = inputWidth;
            return this;
        }

        /**
         * Sets M, the experts per group (default 2).
         *
         * @param expertsPerGroup M
         * @return this builder
         */
        public Builder optExpertsPerGroup(int expertsPerGroup) {
            this.expertsPerGroup = expertsPerGroup;
            return this;
        }

        /**
         * Sets the expert width of each level; their number is L (default 128, 64).
         *
         * @param widths L widths
         * @return this builder
         */
        public Builder optWidths(int... widths) {
            this.widths = widths.clone();
            return this;
        }

        /**
         * Sets the experts' dropout rate (default 0).
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
         * @throws IllegalArgumentException when a size is not positive or there is no level
         */
        public Ple build() {
            if (tasks <= 0 || inputWidth <= 0 || widths.length == 0) {
                throw new IllegalArgumentException(
                        "Ple needs setTasks(T > 0), setInputWidth(n > 0) and at least one level"
                                + " width, got T = "
                                + tasks
                                + ", n = "
                                + inputWidth
                                + ", widths = "
                                + Arrays.toString(widths));
            }
            return new Ple(this);
        }
    }
}
