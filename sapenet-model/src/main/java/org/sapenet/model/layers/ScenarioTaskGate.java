/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * M3oE's single-level shared-expert routing: one softmax gate per (scenario s, task t) over E
 * shared experts, gate_{s,t} = softmax(W_{s,t} x + b_{s,t}), computed for each row's own scenario
 * only.
 *
 * <p>Inputs: [x (B, n), the gates' input; experts (B, E, w); scenario (B)]. Output: [mixed (B, T,
 * w)], slice t = Σ_e gate_{s,t,e} expert_e. Weights stored as (S, T, E, n), each (E, n) slice
 * Xavier-uniform; biases zero. The input is detached by default, as M3oE reads h*.detach().
 */
public final class ScenarioTaskGate extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int scenarios;
    private final int tasks;
    private final int experts;
    private final boolean detachInput;
    private final Parameter weight;
    private final Parameter bias;

    private ScenarioTaskGate(Builder builder) {
        super(VERSION);
        scenarios = builder.scenarios;
        tasks = builder.tasks;
        experts = builder.experts;
        detachInput = builder.detachInput;
        weight =
                addParameter(
                        ModelParameters.weight(
                                "weight",
                                new Shape(scenarios, tasks, experts, builder.inputWidth)));
        bias = addParameter(ModelParameters.bias("bias", new Shape(scenarios, tasks, experts)));
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
        NDArray expertOutputs = inputs.get(1);
        if (detachInput) {
            x = x.stopGradient();
        }
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        long inputWidth = w.getShape().get(3);
        ScenarioGroups groups = ScenarioGroups.of(inputs.get(2), scenarios);
        NDList parts = new NDList(scenarios);
        for (int s = 0; s < scenarios; s++) {
            if (!groups.hasRows(s)) {
                continue;
            }
            NDArray ws = Ops.own(w.get(s).reshape((long) tasks * experts, inputWidth), x);
            NDArray bs = Ops.own(b.get(s).reshape((long) tasks * experts), x);
            NDArray logits = Linear.linear(groups.gather(x, s), ws, bs).singletonOrThrow();
            parts.add(logits.reshape(-1, tasks, experts).softmax(-1));
        }
        NDArray gates = groups.merge(parts); // (B, T, E)
        return new NDList(gates.matMul(expertOutputs));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), tasks, inputShapes[1].get(2))};
    }

    /** The builder for {@link ScenarioTaskGate}. */
    public static final class Builder {

        private int scenarios;
        private int tasks;
        private int experts;
        private int inputWidth;
        private boolean detachInput = true;

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
         * Sets E, the number of shared experts.
         *
         * @param experts E
         * @return this builder
         */
        public Builder setExperts(int experts) {
            this.experts = experts;
            return this;
        }

        /**
         * Sets n, the gates' input width.
         *
         * @param inputWidth n
         * @return this builder
         */
        public Builder setInputWidth(int inputWidth) {
            this.inputWidth = inputWidth;
            return this;
        }

        /**
         * Sets whether the gates read their input detached (default true, as M3oE).
         *
         * @param detachInput false to let the gates' gradient flow into their input
         * @return this builder
         */
        public Builder optDetachInput(boolean detachInput) {
            this.detachInput = detachInput;
            return this;
        }

        /**
         * Builds the gates.
         *
         * @return the gates
         * @throws IllegalArgumentException when a size is not positive
         */
        public ScenarioTaskGate build() {
            if (scenarios <= 0 || tasks <= 0 || experts <= 0 || inputWidth <= 0) {
                throw new IllegalArgumentException(
                        "ScenarioTaskGate needs S, T, E and n all > 0, got S = "
                                + scenarios
                                + ", T = "
                                + tasks
                                + ", E = "
                                + experts
                                + ", n = "
                                + inputWidth);
            }
            return new ScenarioTaskGate(this);
        }
    }
}
