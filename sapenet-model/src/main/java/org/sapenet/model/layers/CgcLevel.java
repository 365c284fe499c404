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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One extraction level of PLE (Tang et al. 2020), equations (5)-(7): M shared experts, M experts
 * per task, a softmax gate per task over its 2M experts (M shared + M of its own) and, unless this
 * is the last level, a shared gate over all M + T M experts.
 *
 * <p>Inputs: [shared path (B, n), task 0 path (B, n), ..., task T-1 path (B, n)]. Task t's experts
 * and gate read task t's path; the shared experts and the shared gate read the shared path.
 * Outputs: [shared path (B, w) (absent on the last level), task 0 (B, w), ..., task T-1 (B, w)].
 * Each expert is one {@link MlpLayer} n -> w.
 */
public final class CgcLevel extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int tasks;
    private final int expertsPerGroup;
    private final int inputWidth;
    private final int outputWidth;
    private final boolean last;
    private final Experts sharedExperts;
    private final Experts[] taskExperts;
    private final ExpertGate[] taskGates;
    private final ExpertGate sharedGate;

    private CgcLevel(Builder builder) {
        super(VERSION);
        tasks = builder.tasks;
        expertsPerGroup = builder.expertsPerGroup;
        inputWidth = builder.inputWidth;
        outputWidth = builder.outputWidth;
        last = builder.last;
        sharedExperts = addChildBlock("sharedExperts", experts(builder));
        taskExperts = new Experts[tasks];
        taskGates = new ExpertGate[tasks];
        for (int t = 0; t < tasks; t++) {
            taskExperts[t] = addChildBlock("taskExperts" + t, experts(builder));
        }
        for (int t = 0; t < tasks; t++) {
            taskGates[t] =
                    addChildBlock(
                            "taskGate" + t,
                            ExpertGate.builder()
                                    .setExperts(2 * expertsPerGroup)
                                    .setInputWidth(inputWidth)
                                    .build());
        }
        sharedGate =
                last
                        ? null
                        : addChildBlock(
                                "sharedGate",
                                ExpertGate.builder()
                                        .setExperts((tasks + 1) * expertsPerGroup)
                                        .setInputWidth(inputWidth)
                                        .build());
    }

    private static Experts experts(Builder b) {
        return Experts.builder()
                .setExperts(b.expertsPerGroup)
                .setInputWidth(b.inputWidth)
                .setWidths(b.outputWidth)
                .optDropout(b.dropout)
                .build();
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
     * Returns whether this is the last level (no shared gate, no shared output).
     *
     * @return true on the last level
     */
    public boolean isLast() {
        return last;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != tasks + 1) {
            throw new IllegalArgumentException(
                    "CgcLevel expects the shared path and "
                            + tasks
                            + " task paths, got "
                            + inputs.size()
                            + " arrays");
        }
        NDArray shared = inputs.get(0);
        NDArray sharedOut =
                sharedExperts.forward(ps, new NDList(shared), training, params).singletonOrThrow();
        NDList outputs = new NDList(tasks + 1);
        NDList all = new NDList(tasks + 1);
        all.add(sharedOut);
        for (int t = 0; t < tasks; t++) {
            NDArray path = inputs.get(t + 1);
            NDArray own =
                    taskExperts[t]
                            .forward(ps, new NDList(path), training, params)
                            .singletonOrThrow();
            all.add(own);
            NDArray candidates = NDArrays.concat(new NDList(sharedOut, own), 1);
            outputs.add(
                    taskGates[t]
                            .forward(ps, new NDList(path, candidates), training, params)
                            .get(0));
        }
        if (!last) {
            NDArray candidates = NDArrays.concat(all, 1);
            NDArray mixed =
                    sharedGate.forward(ps, new NDList(shared, candidates), training, params).get(0);
            NDList withShared = new NDList(tasks + 1);
            withShared.add(mixed);
            withShared.addAll(outputs);
            return withShared;
        }
        return outputs;
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        Shape in = new Shape(batch, inputWidth);
        sharedExperts.initialize(manager, dataType, in);
        for (Experts e : taskExperts) {
            e.initialize(manager, dataType, in);
        }
        for (ExpertGate g : taskGates) {
            g.initialize(
                    manager, dataType, in, new Shape(batch, 2L * expertsPerGroup, outputWidth));
        }
        if (sharedGate != null) {
            sharedGate.initialize(
                    manager,
                    dataType,
                    in,
                    new Shape(batch, (tasks + 1L) * expertsPerGroup, outputWidth));
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        int n = last ? tasks : tasks + 1;
        Shape[] shapes = new Shape[n];
        for (int i = 0; i < n; i++) {
            shapes[i] = new Shape(batch, outputWidth);
        }
        return shapes;
    }

    /** The builder for {@link CgcLevel}. */
    public static final class Builder {

        private int tasks;
        private int expertsPerGroup = 2;
        private int inputWidth;
        private int outputWidth;
        private boolean last;
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
         * Sets n, the width of the input paths.
         *
         * @param inputWidth n
         * @return this builder
         */
        public Builder setInputWidth(int inputWidth) {
            this.inputWidth = inputWidth;
            return this;
        }

        /**
         * Sets w, the experts' output width.
         *
         * @param outputWidth w
         * @return this builder
         */
        public Builder setOutputWidth(int outputWidth) {
            this.outputWidth = outputWidth;
            return this;
        }

        /**
         * Marks the last level: no shared gate (default false).
         *
         * @param last true for the last level
         * @return this builder
         */
        public Builder optLast(boolean last) {
            this.last = last;
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
         * Builds the level.
         *
         * @return the level
         * @throws IllegalArgumentException when a size is not positive
         */
        public CgcLevel build() {
            if (tasks <= 0 || expertsPerGroup <= 0 || inputWidth <= 0 || outputWidth <= 0) {
                throw new IllegalArgumentException(
                        "CgcLevel needs T, M, n and w all > 0, got T = "
                                + tasks
                                + ", M = "
                                + expertsPerGroup
                                + ", n = "
                                + inputWidth
                                + ", w = "
                                + outputWidth);
            }
            return new CgcLevel(this);
        }
    }
}
