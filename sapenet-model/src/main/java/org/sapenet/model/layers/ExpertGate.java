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
 * A softmax gate mixing E expert outputs: out = Σ_e softmax(W x + b)_e · expert_e.
 *
 * <p>Inputs: [x (B, n), the gate's input; experts (B, E, w)]. Output: [mixed (B, w), gate weights
 * (B, E)]. W (E, n) Xavier-uniform, b zero. The gate input can be detached, so the gate's loss does
 * not train what feeds it (M3oE reads h*.detach()). Used by PLE (task and shared gates) and MMoE.
 */
public final class ExpertGate extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int experts;
    private final int inputWidth;
    private final boolean detachInput;
    private final Parameter weight;
    private final Parameter bias;

    private ExpertGate(Builder builder) {
        super(VERSION);
        experts = builder.experts;
        inputWidth = builder.inputWidth;
        detachInput = builder.detachInput;
        weight = addParameter(ModelParameters.weight("weight", new Shape(experts, inputWidth)));
        bias = addParameter(ModelParameters.bias("bias", new Shape(experts)));
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
        if (expertOutputs.getShape().dimension() != 3
                || expertOutputs.getShape().get(1) != experts) {
            throw new IllegalArgumentException(
                    "ExpertGate expects experts (B, "
                            + experts
                            + ", w), got "
                            + expertOutputs.getShape());
        }
        if (detachInput) {
            x = x.stopGradient();
        }
        NDArray gate =
                Linear.linear(
                                x,
                                ps.getValue(weight, x.getDevice(), training),
                                ps.getValue(bias, x.getDevice(), training))
                        .singletonOrThrow()
                        .softmax(-1);
        NDArray mixed = gate.expandDims(1).matMul(expertOutputs).squeeze(1);
        return new NDList(mixed, gate);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long batch = inputShapes[0].get(0);
        return new Shape[] {
            new Shape(batch, inputShapes[1].get(2)), new Shape(batch, experts),
        };
    }

    /** The builder for {@link ExpertGate}. */
    public static final class Builder {

        private int experts;
        private int inputWidth;
        private boolean detachInput;

        Builder() {}

        /**
         * Sets E, the number of experts mixed.
         *
         * @param experts E
         * @return this builder
         */
        public Builder setExperts(int experts) {
            this.experts = experts;
            return this;
        }

        /**
         * Sets n, the width of the gate's input.
         *
         * @param inputWidth n
         * @return this builder
         */
        public Builder setInputWidth(int inputWidth) {
            this.inputWidth = inputWidth;
            return this;
        }

        /**
         * Sets whether the gate reads its input detached (default false).
         *
         * @param detachInput true to stop the gate's gradient at its input
         * @return this builder
         */
        public Builder optDetachInput(boolean detachInput) {
            this.detachInput = detachInput;
            return this;
        }

        /**
         * Builds the gate.
         *
         * @return the gate
         * @throws IllegalArgumentException when a size is not positive
         */
        public ExpertGate build() {
            if (experts <= 0 || inputWidth <= 0) {
                throw new IllegalArgumentException(
                        "ExpertGate needs setExperts(E > 0) and setInputWidth(n > 0), got E = "
                                + experts
                                + ", n = "
                                + inputWidth);
            }
            return new ExpertGate(this);
        }
    }
}
