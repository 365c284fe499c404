/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.m2m;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sapenet.model.layers.ModelParameters;

/**
 * M2M's meta attention module for one task (Zhang et al. 2022, sec. 4.2.2): the task view T_t
 * attends over the expert views E_i through a meta unit whose weights are generated from the
 * scenario representation c:
 *
 * <pre>
 *   a_i = vᵀ ReLU(Meta_c([E_i ‖ T_t]))       i = 1..E
 *   α   = softmax(a)
 *   R_t = Σ_i α_i E_i
 * </pre>
 *
 * <p>Meta_c is a {@link MetaLinear} (2k → 2k) generated from c; v (2k) is learned. So the same
 * experts are mixed differently per scenario and, through T_t, per task.
 *
 * <p>Parameters: the meta unit's generators, v (1, 2k) Xavier-uniform.
 *
 * <p>Input: [experts (B, E, k), task view T_t (B, k), scenario representation c (B, c)]. Output:
 * [R_t (B, k), α (B, E)].
 */
public final class MetaAttention extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int expertWidth;
    private final MetaLinear metaUnit;
    private final Parameter scoreVector;

    private MetaAttention(Builder builder) {
        super(VERSION);
        expertWidth = builder.expertWidth;
        metaUnit =
                addChildBlock(
                        "metaUnit",
                        MetaLinear.builder()
                                .setInputWidth(2 * expertWidth)
                                .setOutputWidth(2 * expertWidth)
                                .setConditionWidth(builder.conditionWidth)
                                .build());
        scoreVector =
                addParameter(ModelParameters.weight("scoreVector", new Shape(1, 2 * expertWidth)));
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
        NDArray experts = inputs.get(0);
        NDArray taskView = inputs.get(1);
        NDArray condition = inputs.get(2);
        Shape es = experts.getShape();
        if (es.dimension() != 3 || es.get(2) != expertWidth) {
            throw new IllegalArgumentException(
                    "MetaAttention expects experts of shape (B, E, "
                            + expertWidth
                            + "), got "
                            + es);
        }
        NDArray task = taskView.expandDims(1).broadcast(es);
        NDArray joined = experts.concat(task, 2); // (B, E, 2k)
        NDArray hidden =
                Activation.relu(
                        metaUnit.forward(ps, new NDList(joined, condition), training)
                                .singletonOrThrow());
        NDArray v = ps.getValue(scoreVector, experts.getDevice(), training);
        NDArray scores = Linear.linear(hidden, v).singletonOrThrow().squeeze(2); // (B, E)
        NDArray alpha = scores.softmax(1);
        NDArray mixed = experts.mul(alpha.expandDims(2)).sum(new int[] {1}); // (B, k)
        return new NDList(mixed, alpha);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape es = inputShapes[0];
        metaUnit.initialize(
                manager,
                dataType,
                new Shape(es.get(0), es.get(1), 2 * expertWidth),
                inputShapes[2]);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape es = inputShapes[0];
        return new Shape[] {new Shape(es.get(0), expertWidth), new Shape(es.get(0), es.get(1))};
    }

    /** The builder for {@link MetaAttention}. */
    public static final class Builder {

        private int expertWidth;
        private int conditionWidth;

        Builder() {}

        /**
         * Sets k, the width of the expert and task views.
         *
         * @param expertWidth k
         * @return this builder
         */
        public Builder setExpertWidth(int expertWidth) {
            this.expertWidth = expertWidth;
            return this;
        }

        /**
         * Sets c, the width of the scenario representation.
         *
         * @param conditionWidth c
         * @return this builder
         */
        public Builder setConditionWidth(int conditionWidth) {
            this.conditionWidth = conditionWidth;
            return this;
        }

        /**
         * Builds the module.
         *
         * @return the module
         * @throws IllegalArgumentException when k or c is not positive
         */
        public MetaAttention build() {
            if (expertWidth <= 0 || conditionWidth <= 0) {
                throw new IllegalArgumentException(
                        "MetaAttention needs k and c > 0, got k = "
                                + expertWidth
                                + ", c = "
                                + conditionWidth);
            }
            return new MetaAttention(this);
        }
    }
}
