/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The fusion of equation (12): f_{s,t} = h_t + α_s ḡ_s + α_t q̄_t for each row's own scenario s and
 * every task t, with α = sigmoid of learnable scalars initialised to 1.
 *
 * <p>Inputs: [h (B, T, w), the multi-task representation (PLE or gated shared experts); ḡ (B, w),
 * the row's own mixed scenario expert; q̄ (B, T, w), the mixed task experts; scenario (B)]. Output:
 * [f (B, T, w)]. One α per scenario and one per task (SAPENet), or a single α_d and a single α_t
 * (M3oE).
 */
public final class ScenarioTaskFusion extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int scenarios;
    private final int tasks;
    private final boolean shared;
    private final Parameter scenarioAlpha;
    private final Parameter taskAlpha;

    private ScenarioTaskFusion(Builder builder) {
        super(VERSION);
        scenarios = builder.scenarios;
        tasks = builder.tasks;
        shared = builder.shared;
        scenarioAlpha =
                addParameter(
                        ModelParameters.scalars(
                                "scenarioAlpha", new Shape(shared ? 1 : scenarios), 1f));
        taskAlpha =
                addParameter(
                        ModelParameters.scalars("taskAlpha", new Shape(shared ? 1 : tasks), 1f));
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
     * Returns the parameter behind α_s (or α_d).
     *
     * @return the scenario α's raw scalars
     */
    public Parameter getScenarioAlpha() {
        return scenarioAlpha;
    }

    /**
     * Returns the parameter behind α_t.
     *
     * @return the task α's raw scalars
     */
    public Parameter getTaskAlpha() {
        return taskAlpha;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray gBar = inputs.get(1);
        NDArray qBar = inputs.get(2);
        NDArray scenario = inputs.get(3);
        NDArray aS =
                Ops.own(Activation.sigmoid(ps.getValue(scenarioAlpha, h.getDevice(), training)), h);
        NDArray aT =
                Ops.own(Activation.sigmoid(ps.getValue(taskAlpha, h.getDevice(), training)), h);
        NDArray rowAlpha;
        if (shared) {
            rowAlpha = aS;
        } else {
            rowAlpha =
                    scenario.toType(DataType.INT64, false)
                            .oneHot(scenarios, h.getDataType())
                            .matMul(aS)
                            .expandDims(1);
        }
        NDArray scenarioTerm = gBar.mul(rowAlpha).expandDims(1); // (B, 1, w)
        NDArray taskTerm = qBar.mul(aT.reshape(1, -1, 1)); // (B, T, w)
        return new NDList(h.add(scenarioTerm).add(taskTerm));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** The builder for {@link ScenarioTaskFusion}. */
    public static final class Builder {

        private int scenarios;
        private int tasks;
        private boolean shared;

        Builder() {}

        /**
         * Sets S.
         *
         * @param scenarios S
         * @return this builder
         */
        public Builder setScenarios(int scenarios) {
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
         * Uses a single α_d and a single α_t (M3oE) instead of one per scenario and per task.
         *
         * @param shared true for single scalars
         * @return this builder
         */
        public Builder optShared(boolean shared) {
            this.shared = shared;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException when S or T is not positive
         */
        public ScenarioTaskFusion build() {
            if (scenarios <= 0 || tasks <= 0) {
                throw new IllegalArgumentException(
                        "ScenarioTaskFusion needs S > 0 and T > 0, got S = "
                                + scenarios
                                + ", T = "
                                + tasks);
            }
            return new ScenarioTaskFusion(this);
        }
    }
}
