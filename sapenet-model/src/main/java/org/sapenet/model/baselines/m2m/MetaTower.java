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
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sapenet.model.layers.ModelParameters;

/**
 * M2M's meta tower for one task (Zhang et al. 2022, sec. 4.2.3): L residual layers whose weights
 * are generated from the scenario representation c, then a linear output:
 *
 * <pre>
 *   L⁰ = R_t
 *   Lʲ = ReLU(Meta_cʲ(Lʲ⁻¹) + Lʲ⁻¹)     j = 1..L
 *   logit = Lᴸ wᵀ + b
 * </pre>
 *
 * <p>Each Meta_cʲ is a {@link MetaLinear} (k → k). Parameters: the meta layers' generators, w (1,
 * k) Xavier-uniform, b (1) zero.
 *
 * <p>Input: [R_t (B, k), scenario representation c (B, c)]. Output: [logit (B, 1)].
 */
public final class MetaTower extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int width;
    private final List<MetaLinear> layers;
    private final Parameter outputWeight;
    private final Parameter outputBias;

    private MetaTower(Builder builder) {
        super(VERSION);
        width = builder.width;
        List<MetaLinear> list = new ArrayList<>();
        for (int j = 0; j < builder.layers; j++) {
            list.add(
                    addChildBlock(
                            "meta" + j,
                            MetaLinear.builder()
                                    .setInputWidth(width)
                                    .setOutputWidth(width)
                                    .setConditionWidth(builder.conditionWidth)
                                    .build()));
        }
        layers = Collections.unmodifiableList(list);
        outputWeight = addParameter(ModelParameters.weight("outputWeight", new Shape(1, width)));
        outputBias = addParameter(ModelParameters.bias("outputBias", new Shape(1)));
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
        NDArray h = inputs.get(0);
        NDArray condition = inputs.get(1);
        if (h.getShape().dimension() != 2 || h.getShape().get(1) != width) {
            throw new IllegalArgumentException(
                    "MetaTower expects (B, " + width + "), got " + h.getShape());
        }
        NDArray x = h.expandDims(1); // (B, 1, k)
        for (MetaLinear layer : layers) {
            NDArray y = layer.forward(ps, new NDList(x, condition), training).singletonOrThrow();
            x = Activation.relu(y.add(x));
        }
        Device device = h.getDevice();
        return Linear.linear(
                x.squeeze(1),
                ps.getValue(outputWeight, device, training),
                ps.getValue(outputBias, device, training));
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = new Shape(inputShapes[0].get(0), 1, width);
        for (MetaLinear layer : layers) {
            layer.initialize(manager, dataType, x, inputShapes[1]);
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1)};
    }

    /** The builder for {@link MetaTower}. */
    public static final class Builder {

        private int width;
        private int conditionWidth;
        private int layers = 2;

        Builder() {}

        /**
         * Sets k, the width of R_t and of every layer.
         *
         * @param width k
         * @return this builder
         */
        public Builder setWidth(int width) {
            this.width = width;
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
         * Sets L, the number of meta layers (default 2).
         *
         * @param layers L &gt;= 0
         * @return this builder
         */
        public Builder optLayers(int layers) {
            this.layers = layers;
            return this;
        }

        /**
         * Builds the tower.
         *
         * @return the tower
         * @throws IllegalArgumentException when k or c is not positive or L is negative
         */
        public MetaTower build() {
            if (width <= 0 || conditionWidth <= 0 || layers < 0) {
                throw new IllegalArgumentException(
                        "MetaTower needs k, c > 0 and L >= 0, got k = "
                                + width
                                + ", c = "
                                + conditionWidth
                                + ", L = "
                                + layers);
            }
            return new MetaTower(this);
        }
    }
}
