/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * STAR fusion, equations (3)-(4): a scenario-specific fully connected layer whose weight is the
 * element-wise product of a shared and a scenario weight, plus a skip path.
 *
 * <pre>
 *   z  = e (W_shared ⊙ W_s) + b_shared + b_s          (3), s = the row's own scenario, (B, n)
 *   h* = MLP_main(z) + MLP_skip(e)                     (4), (B, h)
 * </pre>
 *
 * <p>Inputs: [e (B, m), scenario (B)]. Output: [h* (B, h)]. W_shared and each W_s are stored as (n,
 * m) (DJL's (out, in) order), all Xavier-uniform; biases zero. MLP_main is one {@link MlpLayer} n
 * -> h and MLP_skip one m -> h. z is computed only for each row's own scenario, one matmul per
 * scenario present in the batch over that scenario's rows ({@link ScenarioGroups}). Since nothing
 * else reads z, a scenario with enough rows in the batch goes straight from e to MLP_main's linear
 * map through the composed weight W_main (W_shared ⊙ W_s), half the multiply-adds per row at the
 * paper's widths; {@link #fuse} still gives z itself.
 */
public final class StarFusion extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int scenarios;
    private final int inputWidth;
    private final int fusedWidth;
    private final int hiddenWidth;
    private final Parameter sharedWeight;
    private final Parameter scenarioWeights;
    private final Parameter sharedBias;
    private final Parameter scenarioBiases;
    private final MlpLayer main;
    private final MlpLayer skip;
    private volatile Composed composed;

    private StarFusion(Builder builder) {
        super(VERSION);
        scenarios = builder.scenarios;
        inputWidth = builder.inputWidth;
        fusedWidth = builder.fusedWidth;
        hiddenWidth = builder.hiddenWidth;
        sharedWeight =
                addParameter(
                        ModelParameters.weight("sharedWeight", new Shape(fusedWidth, inputWidth)));
        scenarioWeights =
                addParameter(
                        ModelParameters.weight(
                                "scenarioWeights", new Shape(scenarios, fusedWidth, inputWidth)));
        sharedBias = addParameter(ModelParameters.bias("sharedBias", new Shape(fusedWidth)));
        scenarioBiases =
                addParameter(
                        ModelParameters.bias("scenarioBiases", new Shape(scenarios, fusedWidth)));
        main =
                addChildBlock(
                        "main",
                        MlpLayer.builder()
                                .setInputWidth(fusedWidth)
                                .setOutputWidth(hiddenWidth)
                                .optDropout(builder.dropout)
                                .build());
        skip =
                addChildBlock(
                        "skip",
                        MlpLayer.builder()
                                .setInputWidth(inputWidth)
                                .setOutputWidth(hiddenWidth)
                                .optDropout(builder.dropout)
                                .build());
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
     * Returns h, the width of h*.
     *
     * @return h
     */
    public int getOutputWidth() {
        return hiddenWidth;
    }

    /**
     * Computes z of equation (3) for each row's own scenario.
     *
     * @param ps the parameter store
     * @param e (B, m)
     * @param scenario (B)
     * @param training whether training
     * @return z (B, n)
     */
    public NDArray fuse(ParameterStore ps, NDArray e, NDArray scenario, boolean training) {
        NDArray wShared = ps.getValue(sharedWeight, e.getDevice(), training);
        NDArray wScenario = ps.getValue(scenarioWeights, e.getDevice(), training);
        NDArray bShared = ps.getValue(sharedBias, e.getDevice(), training);
        NDArray bScenario = ps.getValue(scenarioBiases, e.getDevice(), training);
        ScenarioGroups groups = ScenarioGroups.of(scenario, scenarios);
        NDList parts = new NDList(scenarios);
        for (int s = 0; s < scenarios; s++) {
            if (!groups.hasRows(s)) {
                continue;
            }
            NDList layer = fusedLayer(e.getManager(), s, wShared, wScenario, bShared, bScenario);
            parts.add(
                    Linear.linear(groups.gather(e, s), layer.get(0), layer.get(1))
                            .singletonOrThrow());
        }
        return groups.merge(parts);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray e = inputs.get(0);
        NDArray h = main.activate(ps, mainLinear(ps, e, inputs.get(1), training), training);
        NDArray s = skip.forward(ps, new NDList(e), training, params).singletonOrThrow();
        return new NDList(h.add(s));
    }

    /**
     * MLP_main's linear map of z, z W_main^T + b_main, for each row's own scenario. z is linear in
     * e, so for scenario s this is e (W_main (W_shared ⊙ W_s))^T + W_main (b_shared + b_s) +
     * b_main: the same function. Composing costs h * n * m multiply-adds per scenario and saves R_s
     * * (m * n + n * h - m * h) for its R_s rows, so it is done when that pays (from about 250 rows
     * at the paper's widths); smaller groups take z explicitly.
     */
    private NDArray mainLinear(ParameterStore ps, NDArray e, NDArray scenario, boolean training) {
        NDArray wShared = ps.getValue(sharedWeight, e.getDevice(), training);
        NDArray wScenario = ps.getValue(scenarioWeights, e.getDevice(), training);
        NDArray bShared = ps.getValue(sharedBias, e.getDevice(), training);
        NDArray bScenario = ps.getValue(scenarioBiases, e.getDevice(), training);
        NDArray wMain = ps.getValue(main.getWeight(), e.getDevice(), training);
        NDArray bMain = ps.getValue(main.getBias(), e.getDevice(), training);
        ScenarioGroups groups = ScenarioGroups.of(scenario, scenarios);
        NDManager batch = e.getManager();
        Composed frozen =
                training
                        ? null
                        : composedIfFrozen(wShared, wScenario, bShared, bScenario, wMain, bMain);
        NDList parts = new NDList(scenarios);
        for (int s = 0; s < scenarios; s++) {
            if (!groups.hasRows(s)) {
                continue;
            }
            NDArray rows = groups.gather(e, s);
            if (frozen != null) {
                NDArray weight = frozen.weights.get(batch, s);
                parts.add(
                        Linear.linear(rows, weight, frozen.biases.get(batch, s))
                                .singletonOrThrow());
                continue;
            }
            NDList layer = fusedLayer(batch, s, wShared, wScenario, bShared, bScenario);
            if (composes(rows.getShape().get(0))) {
                NDList composed = compose(layer.get(0), layer.get(1), wMain, bMain);
                NDArray weight = Ops.own(composed.get(0), e);
                parts.add(Linear.linear(rows, weight, composed.get(1)).singletonOrThrow());
            } else {
                NDArray z = Linear.linear(rows, layer.get(0), layer.get(1)).singletonOrThrow();
                parts.add(Linear.linear(z, wMain, bMain).singletonOrThrow());
            }
        }
        return groups.merge(parts);
    }

    /**
     * The composed weights of every scenario when all parameters are frozen (a loaded model that
     * only predicts), computed once and reused while the parameter arrays stay the same objects;
     * null when a parameter is trainable. Frozen parameters are taken as constant: change them in
     * place and this cache goes stale, load or set new arrays and it is rebuilt.
     */
    private Composed composedIfFrozen(NDArray... arrays) {
        for (Parameter p : getParameters().values()) {
            if (p.requiresGradient()) {
                return null;
            }
        }
        Composed current = composed;
        if (current != null && current.isFor(arrays)) {
            return current;
        }
        synchronized (this) {
            current = composed;
            if (current == null || !current.isFor(arrays)) {
                current = new Composed(arrays);
                composed = current;
            }
            return current;
        }
    }

    /**
     * Scenario s's fused layer of equation (3): [W_shared ⊙ W_s (n, m), b_shared + b_s (n)], in the
     * batch's manager (the slices are taken there first, so the products land there too).
     */
    private static NDList fusedLayer(
            NDManager batch,
            int s,
            NDArray wShared,
            NDArray wScenario,
            NDArray bShared,
            NDArray bScenario) {
        return new NDList(
                wScenario.get(batch, s).mul(wShared), bScenario.get(batch, s).add(bShared));
    }

    /**
     * MLP_main's linear map after a fused layer: [W_main W (.., h, m), W_main b + b_main (.., h)],
     * for one scenario's W (n, m) and b (n) or all of them stacked, (S, n, m) and (S, n). The
     * weight lands in W_main's manager, the bias in b's.
     */
    private static NDList compose(NDArray fused, NDArray bias, NDArray wMain, NDArray bMain) {
        return new NDList(
                wMain.matMul(fused), Linear.linear(bias, wMain, bMain).singletonOrThrow());
    }

    /** Whether composing W_main with the fused weight costs less than computing z for R rows. */
    private boolean composes(long rows) {
        long m = inputWidth;
        long n = fusedWidth;
        long h = hiddenWidth;
        return rows * (m * n + n * h - m * h) > h * n * m;
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long batch = inputShapes[0].get(0);
        main.initialize(manager, dataType, new Shape(batch, fusedWidth));
        skip.initialize(manager, dataType, new Shape(batch, inputWidth));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), hiddenWidth)};
    }

    /**
     * W_main (W_shared ⊙ W_s), (S, h, n_in), and W_main (b_shared + b_s) + b_main, (S, h), with the
     * parameter arrays they were computed from. They live in the parameters' manager and are freed
     * with the model.
     */
    private static final class Composed {

        private final NDArray[] sources;
        private final NDArray weights;
        private final NDArray biases;

        Composed(NDArray[] sources) {
            this.sources = sources.clone();
            // Every scenario at once: (S, n, m) and (S, n), freed once composed.
            try (NDArray fused = sources[1].mul(sources[0]);
                    NDArray bias = sources[3].add(sources[2])) {
                NDList composed = compose(fused, bias, sources[4], sources[5]);
                weights = composed.get(0);
                biases = composed.get(1);
            }
        }

        boolean isFor(NDArray[] arrays) {
            for (int i = 0; i < arrays.length; i++) {
                if (arrays[i] != sources[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The builder for {@link StarFusion}. */
    public static final class Builder {

        private int scenarios;
        private int inputWidth;
        private int fusedWidth = 512;
        private int hiddenWidth = 256;
        private float dropout;

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
         * Sets m, the width of e.
         *
         * @param inputWidth m
         * @return this builder
         */
        public Builder setInputWidth(int inputWidth) {
            this.inputWidth = inputWidth;
            return this;
        }

        /**
         * Sets the widths of z and h* (default 512 and 256).
         *
         * @param fused n
         * @param hidden h
         * @return this builder
         */
        public Builder optWidths(int fused, int hidden) {
            this.fusedWidth = fused;
            this.hiddenWidth = hidden;
            return this;
        }

        /**
         * Sets the dropout rate of the two MLP layers (default 0).
         *
         * @param dropout the rate in [0, 1)
         * @return this builder
         */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException when a size is not positive
         */
        public StarFusion build() {
            if (scenarios <= 0 || inputWidth <= 0 || fusedWidth <= 0 || hiddenWidth <= 0) {
                throw new IllegalArgumentException(
                        "StarFusion needs setScenarios(S > 0), setInputWidth(m > 0) and positive"
                                + " widths, got S = "
                                + scenarios
                                + ", m = "
                                + inputWidth
                                + ", widths = "
                                + fusedWidth
                                + ", "
                                + hiddenWidth);
            }
            return new StarFusion(this);
        }
    }
}
