/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.star;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import org.sapenet.model.layers.ModelParameters;

/**
 * One layer of STAR's star topology fully-connected network (Sheng et al. 2021, eq. 3): the rows of
 * scenario s go through a linear map whose weight is the element-wise product of a shared weight
 * and the scenario's own, and whose bias is the sum:
 *
 * <pre>
 *   y = x (W ⊙ W_s)ᵀ + (b + b_s)
 * </pre>
 *
 * <p>Only the row's own scenario is computed: the rows are grouped by scenario ({@link
 * ScenarioPartition}) and each group meets its own product W ⊙ W_s, so the cost is one (B, n_in) x
 * (n_in, n_out) product in all, not S of them.
 *
 * <p>Parameters: W (n_out, n_in) Xavier-uniform, b (n_out) zeros, W_s (S, n_out, n_in) ones and b_s
 * (S, n_out) zeros, so that every scenario starts from the shared layer (W_s is of type OTHER, so a
 * type-wide WEIGHT initializer leaves it at one).
 *
 * <p>Input: [x (B, n_in), scenario ids (B)]. Output: [y (B, n_out)], no activation.
 */
public final class StarFcnLayer extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int scenarioCount;
    private final int inputWidth;
    private final int outputWidth;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter scenarioWeight;
    private final Parameter scenarioBias;

    private StarFcnLayer(Builder builder) {
        super(VERSION);
        scenarioCount = builder.scenarioCount;
        inputWidth = builder.inputWidth;
        outputWidth = builder.outputWidth;
        weight = addParameter(ModelParameters.weight("weight", new Shape(outputWidth, inputWidth)));
        bias = addParameter(ModelParameters.bias("bias", new Shape(outputWidth)));
        scenarioWeight =
                addParameter(
                        Parameter.builder()
                                .setName("scenarioWeight")
                                .setType(Parameter.Type.OTHER)
                                .optShape(new Shape(scenarioCount, outputWidth, inputWidth))
                                .optInitializer(new ConstantInitializer(1f))
                                .build());
        scenarioBias =
                addParameter(
                        ModelParameters.bias(
                                "scenarioBias", new Shape(scenarioCount, outputWidth)));
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
     * Returns n_out.
     *
     * @return the output width
     */
    public int getOutputWidth() {
        return outputWidth;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        ScenarioPartition partition = ScenarioPartition.of(inputs.get(1), scenarioCount);
        NDArray[] parts = new NDArray[scenarioCount];
        for (int s = 0; s < scenarioCount; s++) {
            NDArray rows = partition.rowsOf(x, s);
            if (rows != null) {
                parts[s] = forwardScenario(ps, rows, s, training);
            }
        }
        return new NDList(partition.merge(parts));
    }

    /**
     * Applies scenario s's layer to its rows.
     *
     * @param ps the parameter store
     * @param rows the rows of scenario s (B_s, n_in)
     * @param s the scenario
     * @param training whether this is a training pass
     * @return (B_s, n_out)
     */
    public NDArray forwardScenario(ParameterStore ps, NDArray rows, int s, boolean training) {
        Shape shape = rows.getShape();
        if (shape.dimension() != 2 || shape.get(1) != inputWidth) {
            throw new IllegalArgumentException(
                    "StarFcnLayer expects (B, " + inputWidth + "), got " + shape);
        }
        Device device = rows.getDevice();
        NDArray w = ps.getValue(weight, device, training);
        NDArray b = ps.getValue(bias, device, training);
        NDArray ws = ps.getValue(scenarioWeight, device, training);
        NDArray bs = ps.getValue(scenarioBias, device, training);
        try (NDManager scope = NDManager.subManagerOf(rows)) {
            scope.tempAttachAll(w, b, ws, bs);
            NDArray star = w.mul(ws.get(s));
            NDArray starBias = b.add(bs.get(s));
            return Linear.linear(rows, star, starBias).singletonOrThrow();
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputWidth)};
    }

    /** The builder for {@link StarFcnLayer}. */
    public static final class Builder {

        private int scenarioCount;
        private int inputWidth;
        private int outputWidth;

        Builder() {}

        /**
         * Sets S, the number of scenarios.
         *
         * @param scenarioCount S
         * @return this builder
         */
        public Builder setScenarioCount(int scenarioCount) {
            this.scenarioCount = scenarioCount;
            return this;
        }

        /**
         * Sets n_in.
         *
         * @param inputWidth n_in
         * @return this builder
         */
        public Builder setInputWidth(int inputWidth) {
            this.inputWidth = inputWidth;
            return this;
        }

        /**
         * Sets n_out.
         *
         * @param outputWidth n_out
         * @return this builder
         */
        public Builder setOutputWidth(int outputWidth) {
            this.outputWidth = outputWidth;
            return this;
        }

        /**
         * Builds the layer.
         *
         * @return the layer
         * @throws IllegalArgumentException when S, n_in or n_out is not positive
         */
        public StarFcnLayer build() {
            if (scenarioCount <= 0) {
                throw new IllegalArgumentException(
                        "StarFcnLayer needs setScenarioCount(S) with S > 0, got " + scenarioCount);
            }
            if (inputWidth <= 0 || outputWidth <= 0) {
                throw new IllegalArgumentException(
                        "StarFcnLayer needs setInputWidth(n) and setOutputWidth(n) with n > 0, got "
                                + inputWidth
                                + " and "
                                + outputWidth);
            }
            return new StarFcnLayer(this);
        }
    }
}
