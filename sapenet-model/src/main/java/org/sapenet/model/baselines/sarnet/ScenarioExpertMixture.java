/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.sarnet;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sapenet.model.baselines.star.ScenarioPartition;
import org.sapenet.model.layers.ModelParameters;

/**
 * SAR-Net's two groups of debias experts fused by a multi-scenario gate (Shen et al. 2021).
 *
 * <p>E_sh shared experts read every row; each scenario s owns E_sp experts that read the rows of s
 * only (so their BatchNorm statistics are the scenario's). For a row of scenario s with transformed
 * input x~ (m), scenario s's gate weighs the E_sh + E_sp experts it can see:
 *
 * <pre>
 *   g = softmax(x~ W_{g,s}ᵀ + b_{g,s})                (E_sh + E_sp)
 *   y = Σ_i g_i · expert_i(x~),  i over the shared experts, then scenario s's  (k)
 * </pre>
 *
 * <p>One gate per scenario (W_{g,s} (E_sh + E_sp, m), Xavier-uniform per scenario; b_{g,s} zeros),
 * as the paper's "multi-scenario gating module": slot E_sh + j means a different expert in each
 * scenario, so the gate that weighs it is the scenario's own.
 *
 * <p>Children, in order: shared experts 0..E_sh-1, then scenario 0's experts, scenario 1's, ...
 * ({@link SarExpert}).
 *
 * <p>Input: [x~ (B, m), scenario ids (B)]. Output: [y (B, k)].
 */
public final class ScenarioExpertMixture extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int scenarioCount;
    private final int inputWidth;
    private final int expertWidth;
    private final List<SarExpert> sharedExperts;
    private final List<List<SarExpert>> scenarioExperts;
    private final Parameter gateWeight;
    private final Parameter gateBias;

    private ScenarioExpertMixture(Builder builder) {
        super(VERSION);
        scenarioCount = builder.scenarioCount;
        inputWidth = builder.inputWidth;
        expertWidth = builder.expertWidth;
        List<SarExpert> shared = new ArrayList<>();
        for (int i = 0; i < builder.sharedExperts; i++) {
            shared.add(addChildBlock("shared" + i, new SarExpert(inputWidth, expertWidth)));
        }
        sharedExperts = Collections.unmodifiableList(shared);
        List<List<SarExpert>> own = new ArrayList<>();
        for (int s = 0; s < scenarioCount; s++) {
            List<SarExpert> experts = new ArrayList<>();
            for (int i = 0; i < builder.scenarioExperts; i++) {
                experts.add(
                        addChildBlock(
                                "scenario" + s + "Expert" + i,
                                new SarExpert(inputWidth, expertWidth)));
            }
            own.add(Collections.unmodifiableList(experts));
        }
        scenarioExperts = Collections.unmodifiableList(own);
        int gated = builder.sharedExperts + builder.scenarioExperts;
        gateWeight =
                addParameter(
                        ModelParameters.stackedWeight(
                                "gateWeight", scenarioCount, gated, inputWidth));
        gateBias = addParameter(ModelParameters.bias("gateBias", new Shape(scenarioCount, gated)));
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
     * Returns k, the experts' output width.
     *
     * @return the width
     */
    public int getExpertWidth() {
        return expertWidth;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        ScenarioPartition partition = ScenarioPartition.of(inputs.get(1), scenarioCount);
        NDList shared = new NDList(sharedExperts.size());
        for (SarExpert expert : sharedExperts) {
            shared.add(expert.forward(ps, new NDList(x), training).singletonOrThrow());
        }
        NDArray sharedOut = shared.isEmpty() ? null : NDArrays.stack(shared, 1); // (B, E_sh, k)
        Device device = x.getDevice();
        NDArray gw = ps.getValue(gateWeight, device, training);
        NDArray gb = ps.getValue(gateBias, device, training);
        NDArray[] parts = new NDArray[scenarioCount];
        for (int s = 0; s < scenarioCount; s++) {
            NDArray rows = partition.rowsOf(x, s);
            if (rows == null) {
                continue;
            }
            NDList experts = new NDList();
            if (sharedOut != null) {
                experts.add(partition.rowsOf(sharedOut, s));
            }
            for (SarExpert expert : scenarioExperts.get(s)) {
                NDArray y = expert.forward(ps, new NDList(rows), training).singletonOrThrow();
                experts.add(y.expandDims(1));
            }
            NDArray all = NDArrays.concat(experts, 1); // (B_s, E_sh + E_sp, k)
            NDArray gate;
            try (NDManager scope = NDManager.subManagerOf(rows)) {
                scope.tempAttachAll(gw, gb);
                gate = Linear.linear(rows, gw.get(s), gb.get(s)).singletonOrThrow().softmax(1);
            }
            parts[s] = all.mul(gate.expandDims(2)).sum(new int[] {1});
        }
        return new NDList(partition.merge(parts));
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        for (SarExpert expert : sharedExperts) {
            expert.initialize(manager, dataType, inputShapes[0]);
        }
        for (List<SarExpert> experts : scenarioExperts) {
            for (SarExpert expert : experts) {
                expert.initialize(manager, dataType, inputShapes[0]);
            }
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), expertWidth)};
    }

    /** The builder for {@link ScenarioExpertMixture}. */
    public static final class Builder {

        private int scenarioCount;
        private int inputWidth;
        private int sharedExperts = 8;
        private int scenarioExperts = 2;
        private int expertWidth = 16;

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
         * Sets m, the width of the transformed input.
         *
         * @param inputWidth m
         * @return this builder
         */
        public Builder setInputWidth(int inputWidth) {
            this.inputWidth = inputWidth;
            return this;
        }

        /**
         * Sets E_sh, the number of shared experts (default 8).
         *
         * @param sharedExperts E_sh
         * @return this builder
         */
        public Builder optSharedExperts(int sharedExperts) {
            this.sharedExperts = sharedExperts;
            return this;
        }

        /**
         * Sets E_sp, the number of experts each scenario owns (default 2).
         *
         * @param scenarioExperts E_sp
         * @return this builder
         */
        public Builder optScenarioExperts(int scenarioExperts) {
            this.scenarioExperts = scenarioExperts;
            return this;
        }

        /**
         * Sets k, the experts' output width (default 16).
         *
         * @param expertWidth k
         * @return this builder
         */
        public Builder optExpertWidth(int expertWidth) {
            this.expertWidth = expertWidth;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException when S, m or k is not positive, a group size is
         *     negative, or there is no expert at all
         */
        public ScenarioExpertMixture build() {
            if (scenarioCount <= 0 || inputWidth <= 0 || expertWidth <= 0) {
                throw new IllegalArgumentException(
                        "ScenarioExpertMixture needs S, m and k > 0, got S = "
                                + scenarioCount
                                + ", m = "
                                + inputWidth
                                + ", k = "
                                + expertWidth);
            }
            if (sharedExperts < 0 || scenarioExperts < 0 || sharedExperts + scenarioExperts == 0) {
                throw new IllegalArgumentException(
                        "ScenarioExpertMixture needs E_sh, E_sp >= 0 and at least one expert, got"
                                + " E_sh = "
                                + sharedExperts
                                + ", E_sp = "
                                + scenarioExperts);
            }
            return new ScenarioExpertMixture(this);
        }
    }
}
