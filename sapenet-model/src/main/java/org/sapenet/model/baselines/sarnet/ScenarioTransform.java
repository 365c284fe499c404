/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.sarnet;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sapenet.model.layers.ModelParameters;

/**
 * SAR-Net's scenario-specific linear transformation (Shen et al. 2021): each row's input is scaled
 * and shifted element-wise by its own scenario's vectors,
 *
 * <pre>
 *   x~ = x ⊙ w_s + b_s
 * </pre>
 *
 * <p>w_s and b_s are looked up with a one-hot (B, S) product, which keeps the batch-derived array
 * first (nothing lands in the model's memory) and needs no copy to the host.
 *
 * <p>Parameters: w (S, m) ones and b (S, m) zeros: every scenario starts from the identity.
 *
 * <p>Input: [x (B, m), scenario ids (B)]. Output: [x~ (B, m)].
 */
public final class ScenarioTransform extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int scenarioCount;
    private final int width;
    private final Parameter scale;
    private final Parameter shift;

    private ScenarioTransform(Builder builder) {
        super(VERSION);
        scenarioCount = builder.scenarioCount;
        width = builder.width;
        scale = addParameter(ModelParameters.gamma("scale", new Shape(scenarioCount, width)));
        shift = addParameter(ModelParameters.beta("shift", new Shape(scenarioCount, width)));
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
        NDArray x = inputs.get(0);
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != width) {
            throw new IllegalArgumentException(
                    "ScenarioTransform expects (B, " + width + "), got " + x.getShape());
        }
        Device device = x.getDevice();
        NDArray oneHot = inputs.get(1).oneHot(scenarioCount, DataType.FLOAT32);
        NDArray rowScale = oneHot.matMul(ps.getValue(scale, device, training));
        NDArray rowShift = oneHot.matMul(ps.getValue(shift, device, training));
        return new NDList(x.mul(rowScale).add(rowShift));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** The builder for {@link ScenarioTransform}. */
    public static final class Builder {

        private int scenarioCount;
        private int width;

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
         * Sets m, the width transformed.
         *
         * @param width m
         * @return this builder
         */
        public Builder setWidth(int width) {
            this.width = width;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException when S or m is not positive
         */
        public ScenarioTransform build() {
            if (scenarioCount <= 0 || width <= 0) {
                throw new IllegalArgumentException(
                        "ScenarioTransform needs setScenarioCount(S) and setWidth(m) with S, m >"
                                + " 0, got S = "
                                + scenarioCount
                                + ", m = "
                                + width);
            }
            return new ScenarioTransform(this);
        }
    }
}
