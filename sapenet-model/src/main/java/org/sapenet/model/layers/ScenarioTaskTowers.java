/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sapenet.model.config.ModelConfig;

/**
 * The towers of equation (13): one per (scenario s, task t), an {@link MlpLayer} w -> u (Linear,
 * LayerNorm, ReLU) then a Linear u -> 1, computed only for each row's own scenario.
 *
 * <p>Inputs: [f (B, T, w), scenario (B)]. Output: [logits (B, T)], column t from tower (s, t) of
 * the row's scenario s. For a batch the rows of each present scenario go through that scenario's T
 * towers as one batched matmul ({@link ScenarioGroups}); with S = 1 (single-scenario models) there
 * is no routing and the scenario input may be omitted. Weights stored as (S, T, u, w) and (S, T, 1,
 * u), Xavier-uniform per tower; biases zero; LayerNorm gain one, shift zero.
 */
public final class ScenarioTaskTowers extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int scenarios;
    private final int tasks;
    private final int inputWidth;
    private final int hiddenWidth;
    private final float dropout;
    private final Parameter hiddenWeight;
    private final Parameter hiddenBias;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter outputWeight;
    private final Parameter outputBias;

    private ScenarioTaskTowers(Builder builder) {
        super(VERSION);
        scenarios = builder.scenarios;
        tasks = builder.tasks;
        inputWidth = builder.inputWidth;
        hiddenWidth = builder.hiddenWidth;
        dropout = builder.dropout;
        hiddenWeight =
                addParameter(
                        ModelParameters.weight(
                                "hiddenWeight",
                                new Shape(scenarios, tasks, hiddenWidth, inputWidth)));
        hiddenBias =
                addParameter(
                        ModelParameters.bias(
                                "hiddenBias", new Shape(scenarios, tasks, hiddenWidth)));
        gamma =
                addParameter(
                        ModelParameters.gamma("gamma", new Shape(scenarios, tasks, hiddenWidth)));
        beta = addParameter(ModelParameters.beta("beta", new Shape(scenarios, tasks, hiddenWidth)));
        outputWeight =
                addParameter(
                        ModelParameters.weight(
                                "outputWeight", new Shape(scenarios, tasks, 1, hiddenWidth)));
        outputBias = addParameter(ModelParameters.bias("outputBias", new Shape(scenarios, tasks)));
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
     * Creates the towers a model config describes: T tasks, hidden width u = towerWidth, the
     * config's dropout.
     *
     * @param config the config
     * @param scenarios S, 1 for a single-scenario model
     * @param inputWidth w
     * @return the towers
     */
    public static ScenarioTaskTowers of(ModelConfig config, int scenarios, int inputWidth) {
        return builder()
                .optScenarios(scenarios)
                .setTasks(config.numTasks())
                .setInputWidth(inputWidth)
                .optHiddenWidth(config.getTowerWidth())
                .optDropout(config.getDropout())
                .build();
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray f = inputs.get(0);
        if (f.getShape().dimension() != 3
                || f.getShape().get(1) != tasks
                || f.getShape().get(2) != inputWidth) {
            throw new IllegalArgumentException(
                    "ScenarioTaskTowers expects f (B, "
                            + tasks
                            + ", "
                            + inputWidth
                            + "), got "
                            + f.getShape());
        }
        NDArray w1 = ps.getValue(hiddenWeight, f.getDevice(), training);
        NDArray b1 = ps.getValue(hiddenBias, f.getDevice(), training);
        NDArray g = ps.getValue(gamma, f.getDevice(), training);
        NDArray be = ps.getValue(beta, f.getDevice(), training);
        NDArray w2 = ps.getValue(outputWeight, f.getDevice(), training);
        NDArray b2 = ps.getValue(outputBias, f.getDevice(), training);
        if (scenarios == 1) {
            return new NDList(towers(f, 0, w1, b1, g, be, w2, b2, training));
        }
        if (inputs.size() < 2) {
            throw new IllegalArgumentException(
                    "ScenarioTaskTowers with " + scenarios + " scenarios needs [f, scenario]");
        }
        ScenarioGroups groups = ScenarioGroups.of(inputs.get(1), scenarios);
        NDList parts = new NDList(scenarios);
        for (int s = 0; s < scenarios; s++) {
            if (groups.hasRows(s)) {
                parts.add(towers(groups.gather(f, s), s, w1, b1, g, be, w2, b2, training));
            }
        }
        return new NDList(groups.merge(parts));
    }

    /** The T towers of scenario s on rows (R, T, w): logits (R, T). */
    private NDArray towers(
            NDArray f,
            int s,
            NDArray w1,
            NDArray b1,
            NDArray g,
            NDArray be,
            NDArray w2,
            NDArray b2,
            boolean training) {
        NDManager batch = f.getManager();
        // Slices go straight into the batch's manager, so what is derived from them does too.
        NDArray hiddenT = w1.get(batch, s).transpose(0, 2, 1); // (T, w, u)
        NDArray bias = b1.get(batch, s).expandDims(1); // (T, 1, u)
        NDArray h = f.transpose(1, 0, 2).matMul(hiddenT).add(bias); // (T, R, u)
        h = Ops.layerNorm(h, g.get(batch, s).expandDims(1), be.get(batch, s).expandDims(1));
        h = Activation.relu(h);
        if (training && dropout > 0f) {
            h = Dropout.dropout(h, dropout, true).singletonOrThrow();
        }
        NDArray outT = w2.get(batch, s).transpose(0, 2, 1); // (T, u, 1)
        NDArray outB = b2.get(batch, s).reshape(tasks, 1, 1);
        return h.matMul(outT).add(outB).squeeze(2).transpose(); // (R, T)
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), tasks)};
    }

    /** The builder for {@link ScenarioTaskTowers}. */
    public static final class Builder {

        private int scenarios = 1;
        private int tasks;
        private int inputWidth;
        private int hiddenWidth = 64;
        private float dropout;

        Builder() {}

        /**
         * Sets S (default 1: one tower per task, no routing).
         *
         * @param scenarios S
         * @return this builder
         */
        public Builder optScenarios(int scenarios) {
            this.scenarios = scenarios;
            return this;
        }

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
         * Sets w, the width of f.
         *
         * @param inputWidth w
         * @return this builder
         */
        public Builder setInputWidth(int inputWidth) {
            this.inputWidth = inputWidth;
            return this;
        }

        /**
         * Sets u, the towers' hidden width (default 64).
         *
         * @param hiddenWidth u
         * @return this builder
         */
        public Builder optHiddenWidth(int hiddenWidth) {
            this.hiddenWidth = hiddenWidth;
            return this;
        }

        /**
         * Sets the dropout rate after the hidden layer (default 0).
         *
         * @param dropout the rate in [0, 1)
         * @return this builder
         */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Builds the towers.
         *
         * @return the towers
         * @throws IllegalArgumentException when a size is not positive
         */
        public ScenarioTaskTowers build() {
            if (scenarios <= 0 || tasks <= 0 || inputWidth <= 0 || hiddenWidth <= 0) {
                throw new IllegalArgumentException(
                        "ScenarioTaskTowers needs S, T, w and u all > 0, got S = "
                                + scenarios
                                + ", T = "
                                + tasks
                                + ", w = "
                                + inputWidth
                                + ", u = "
                                + hiddenWidth);
            }
            return new ScenarioTaskTowers(this);
        }
    }
}
