/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.star;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import org.sapenet.model.layers.GraphConstants;
import org.sapenet.model.layers.ModelParameters;
import org.sapenet.model.layers.ScenarioGroups;

/**
 * STAR's partitioned normalization (Sheng et al. 2021, eq. 1-2): a batch normalization whose
 * statistics and affine parameters belong to the row's own scenario.
 *
 * <p>For the rows x of scenario s (B_s, m):
 *
 * <pre>
 *   training:  z = (γ ⊙ γ_s) ⊙ (x − E_s[x]) / sqrt(Var_s[x] + ε) + (β + β_s)
 *   inference: z = (γ ⊙ γ_s) ⊙ (x − μ_s) / sqrt(σ²_s + ε) + (β + β_s)
 * </pre>
 *
 * where E_s and Var_s (biased) are taken over the scenario's rows of the batch, and μ_s, σ²_s are
 * the scenario's running statistics: after each training batch μ_s ← momentum·μ_s + (1 −
 * momentum)·E_s[x] and σ²_s ← momentum·σ²_s + (1 − momentum)·Var_s[x]·B_s/(B_s − 1) (the unbiased
 * variance, as DJL's and PyTorch's BatchNorm keep it).
 *
 * <p>Why per-scenario batch statistics: the paper trains on batches drawn from one domain at a
 * time, so its "batch statistics" are the domain's statistics. Our batches mix scenarios; the
 * per-scenario moments of the batch are what the paper's batches give. A scenario with a single row
 * in a training batch has no variance to estimate: that row is normalised with the running
 * statistics, which it leaves unchanged (PyTorch's BatchNorm refuses such a batch).
 *
 * <p>Parameters: γ (m) ones, β (m) zeros, γ_s (S, m) ones, β_s (S, m) zeros; running mean (S, m)
 * zeros and running variance (S, m) ones, which are not trained but saved and loaded with the
 * others.
 *
 * <p>Input: [x (B, m), scenario ids (B)]. Output: [z (B, m)].
 */
public final class PartitionedNormalization extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int scenarioCount;
    private final int width;
    private final float epsilon;
    private final float momentum;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter scenarioGamma;
    private final Parameter scenarioBeta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    private PartitionedNormalization(Builder builder) {
        super(VERSION);
        scenarioCount = builder.scenarioCount;
        width = builder.width;
        epsilon = builder.epsilon;
        momentum = builder.momentum;
        gamma = addParameter(ModelParameters.gamma("gamma", new Shape(width)));
        beta = addParameter(ModelParameters.beta("beta", new Shape(width)));
        scenarioGamma =
                addParameter(
                        ModelParameters.gamma("scenarioGamma", new Shape(scenarioCount, width)));
        scenarioBeta =
                addParameter(ModelParameters.beta("scenarioBeta", new Shape(scenarioCount, width)));
        runningMean =
                addParameter(
                        runningStatistic(
                                "runningMean", Parameter.Type.RUNNING_MEAN, scenarioCount, 0f));
        runningVar =
                addParameter(
                        runningStatistic(
                                "runningVar", Parameter.Type.RUNNING_VAR, scenarioCount, 1f));
    }

    private Parameter runningStatistic(String name, Parameter.Type type, int rows, float value) {
        return Parameter.builder()
                .setName(name)
                .setType(type)
                .optShape(new Shape(rows, width))
                .optInitializer(new ConstantInitializer(value))
                .optRequiresGrad(false)
                .build();
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
     * Returns m, the width normalised.
     *
     * @return the width
     */
    public int getWidth() {
        return width;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        checkWidth(x);
        ScenarioGroups groups = ScenarioGroups.of(inputs.get(1), scenarioCount);
        NDList parts = new NDList(scenarioCount);
        for (int s = 0; s < scenarioCount; s++) {
            if (groups.hasRows(s)) {
                parts.add(forwardScenario(ps, groups.gather(x, s), s, training));
            }
        }
        return new NDList(groups.merge(parts));
    }

    /**
     * Normalises the rows of one scenario (and, in training, updates that scenario's running
     * statistics).
     *
     * @param ps the parameter store
     * @param rows the rows of scenario s (B_s, m), B_s &gt; 0
     * @param s the scenario
     * @param training whether this is a training pass
     * @return (B_s, m)
     */
    public NDArray forwardScenario(ParameterStore ps, NDArray rows, int s, boolean training) {
        checkWidth(rows);
        Device device = rows.getDevice();
        NDArray g = ps.getValue(gamma, device, training);
        NDArray b = ps.getValue(beta, device, training);
        NDArray gs = ps.getValue(scenarioGamma, device, training);
        NDArray bs = ps.getValue(scenarioBeta, device, training);
        NDArray mean = ps.getValue(runningMean, device, training);
        NDArray var = ps.getValue(runningVar, device, training);
        long n = rows.getShape().get(0);
        try (NDManager scope = NDManager.subManagerOf(rows)) {
            scope.tempAttachAll(g, b, gs, bs, mean, var);
            NDArray scale = g.mul(gs.get(s));
            NDArray shift = b.add(bs.get(s));
            NDArray eps = GraphConstants.scalar(rows, epsilon);
            NDArray normalised;
            if (training && n > 1) {
                NDArray batchMean = rows.mean(new int[] {0});
                NDArray centred = rows.sub(batchMean);
                NDArray batchVar = centred.square().mean(new int[] {0});
                normalised = centred.div(batchVar.add(eps).sqrt());
                NDIndex row = new NDIndex(s);
                NDArray rm = mean.get(s);
                NDArray rv = var.get(s);
                NDArray keep = GraphConstants.scalar(rows, momentum);
                NDArray blend = GraphConstants.scalar(rows, 1 - momentum);
                NDArray unbiased = GraphConstants.scalar(rows, (1.0 - momentum) * n / (n - 1.0));
                mean.set(row, batchMean.stopGradient().mul(blend).add(rm.mul(keep)));
                var.set(row, batchVar.stopGradient().mul(unbiased).add(rv.mul(keep)));
            } else {
                normalised = rows.sub(mean.get(s)).div(var.get(s).add(eps).sqrt());
            }
            return normalised.mul(scale).add(shift);
        }
    }

    private void checkWidth(NDArray x) {
        Shape shape = x.getShape();
        if (shape.dimension() != 2 || shape.get(1) != width) {
            throw new IllegalArgumentException(
                    "PartitionedNormalization expects (B, " + width + "), got " + shape);
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** The builder for {@link PartitionedNormalization}. */
    public static final class Builder {

        private int scenarioCount;
        private int width;
        private float epsilon = 1e-5f;
        private float momentum = 0.9f;

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
         * Sets m, the width of the rows normalised.
         *
         * @param width m
         * @return this builder
         */
        public Builder setWidth(int width) {
            this.width = width;
            return this;
        }

        /**
         * Sets ε added to the variance (default 1e-5).
         *
         * @param epsilon ε &gt; 0
         * @return this builder
         */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * Sets the running-statistics momentum (default 0.9: the running value keeps 90% of itself
         * each training batch, DJL's BatchNorm convention).
         *
         * @param momentum in [0, 1)
         * @return this builder
         */
        public Builder optMomentum(float momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Builds the block.
         *
         * @return the block
         * @throws IllegalArgumentException when S or m is not positive, ε is not positive, or the
         *     momentum is outside [0, 1)
         */
        public PartitionedNormalization build() {
            if (scenarioCount <= 0) {
                throw new IllegalArgumentException(
                        "PartitionedNormalization needs setScenarioCount(S) with S > 0, got "
                                + scenarioCount);
            }
            if (width <= 0) {
                throw new IllegalArgumentException(
                        "PartitionedNormalization needs setWidth(m) with m > 0, got " + width);
            }
            if (!(epsilon > 0f)) {
                throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
            }
            if (!(momentum >= 0f && momentum < 1f)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            return new PartitionedNormalization(this);
        }
    }
}
