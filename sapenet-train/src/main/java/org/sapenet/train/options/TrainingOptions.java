/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.options;

import java.util.Locale;
import java.util.Objects;

/**
 * The settings of one training run. Unset values come from the paper: the learning rate and batch
 * size from the dataset's {@link DatasetPreset} (a batch size given without a learning rate gets
 * the preset's rate scaled by sqrt(B / B_preset)), weight decay 1e-5, up to 50 epochs and patience
 * 10 from M3oE; the learning rate warms up linearly over the first {@value #DEFAULT_WARMUP_STEPS}
 * steps, and the best epoch is the one with the best {@link EarlyStopping#DEFAULT} score.
 *
 * <p>The fields are written to {@code metrics.json} and to the resume state under their names.
 */
public final class TrainingOptions {

    /** M3oE's maximum number of epochs. */
    public static final int DEFAULT_EPOCHS = 50;

    /** M3oE's early-stopping patience, in epochs. */
    public static final int DEFAULT_PATIENCE = 10;

    /** M3oE's L2 weight decay. */
    public static final float DEFAULT_WEIGHT_DECAY = 1e-5f;

    /** The default seed. */
    public static final long DEFAULT_SEED = 2024;

    /** The default length of the learning-rate warm-up, in optimisation steps. */
    public static final int DEFAULT_WARMUP_STEPS = 100;

    private final String preset;
    private final int epochs;
    private final int batchSize;
    private final int evalBatchSize;
    private final float learningRate;
    private final float weightDecay;
    private final long seed;
    private final int patience;
    private final boolean bilevel;
    private final int warmupSteps;
    private final EarlyStopping earlyStopping;
    private final boolean sparseEmbeddingUpdates;

    private TrainingOptions(Builder builder, DatasetPreset preset) {
        this.preset = preset.key();
        this.epochs = builder.epochs;
        this.batchSize = builder.batchSize != null ? builder.batchSize : preset.batchSize();
        this.evalBatchSize =
                builder.evalBatchSize != null
                        ? builder.evalBatchSize
                        : Math.max(this.batchSize, 4096);
        this.learningRate =
                builder.learningRate != null
                        ? builder.learningRate
                        : preset.learningRate(this.batchSize);
        this.weightDecay = builder.weightDecay;
        this.seed = builder.seed;
        this.patience = builder.patience;
        this.bilevel = builder.bilevel;
        this.warmupSteps = builder.warmupSteps;
        this.earlyStopping = builder.earlyStopping;
        this.sparseEmbeddingUpdates = builder.sparseEmbeddingUpdates;
    }

    /**
     * Returns a builder with the paper's defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the preset the unset values came from.
     *
     * @return the preset's key
     */
    public String getPreset() {
        return preset;
    }

    /**
     * Returns the maximum number of epochs.
     *
     * @return the epochs
     */
    public int getEpochs() {
        return epochs;
    }

    /**
     * Returns the training batch size B.
     *
     * @return B
     */
    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Returns the batch size used for validation and test.
     *
     * @return the evaluation batch size
     */
    public int getEvalBatchSize() {
        return evalBatchSize;
    }

    /**
     * Returns Adam's learning rate.
     *
     * @return the rate
     */
    public float getLearningRate() {
        return learningRate;
    }

    /**
     * Returns the L2 weight decay.
     *
     * @return the decay
     */
    public float getWeightDecay() {
        return weightDecay;
    }

    /**
     * Returns the seed of initialisation and shuffling.
     *
     * @return the seed
     */
    public long getSeed() {
        return seed;
    }

    /**
     * Returns the early-stopping patience: epochs without a better validation mean group AUC.
     *
     * @return the patience
     */
    public int getPatience() {
        return patience;
    }

    /**
     * Returns whether M3oE's bi-level update runs: after each epoch, one validation batch updates
     * only the mixing weights α and λ with a second Adam (see {@link
     * org.sapenet.train.loop.BilevelStep}).
     *
     * @return whether the bi-level update is on (default off)
     */
    public boolean isBilevel() {
        return bilevel;
    }

    /**
     * Returns the length of the linear learning-rate warm-up at the start of training.
     *
     * @return W, in optimisation steps (0: none)
     */
    public int getWarmupSteps() {
        return warmupSteps;
    }

    /**
     * Returns whether the fields' embedding tables get row-sparse (lazy) Adam updates ({@link
     * org.sapenet.train.optim.ResumableAdam#updateRows}): only the rows of the batch's ids move
     * each step. Off by default: dense Adam, as the PyTorch baselines train.
     *
     * @return whether the lazy embedding updates are on
     */
    public boolean isSparseEmbeddingUpdates() {
        return sparseEmbeddingUpdates;
    }

    /**
     * Returns the validation score that picks the best epoch and stops training early.
     *
     * @return the criterion
     */
    public EarlyStopping getEarlyStopping() {
        return earlyStopping == null ? EarlyStopping.MEAN_GROUP_AUC : earlyStopping;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "preset %s, epochs %d, batch %d, lr %g, warm-up %d steps, weight decay %g, seed %d,"
                        + " early stopping on %s, patience %d%s%s",
                preset,
                epochs,
                batchSize,
                learningRate,
                warmupSteps,
                weightDecay,
                seed,
                getEarlyStopping().key(),
                patience,
                bilevel ? ", bi-level alpha/lambda update" : "",
                sparseEmbeddingUpdates ? ", row-sparse embedding updates" : "");
    }

    /** Builds {@link TrainingOptions}; {@code null} means "from the preset". */
    public static final class Builder {

        private int epochs = DEFAULT_EPOCHS;
        private Integer batchSize;
        private Integer evalBatchSize;
        private Float learningRate;
        private float weightDecay = DEFAULT_WEIGHT_DECAY;
        private boolean sparseEmbeddingUpdates;
        private long seed = DEFAULT_SEED;
        private int patience = DEFAULT_PATIENCE;
        private boolean bilevel;
        private int warmupSteps = DEFAULT_WARMUP_STEPS;
        private EarlyStopping earlyStopping = EarlyStopping.DEFAULT;

        Builder() {}

        /**
         * Sets the maximum number of epochs (default 50).
         *
         * @param epochs the epochs, at least 1
         * @return this builder
         */
        public Builder optEpochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets the training batch size (default: the preset's).
         *
         * @param batchSize B, or null for the preset's
         * @return this builder
         */
        public Builder optBatchSize(Integer batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the evaluation batch size (default: max(B, 4096)).
         *
         * @param evalBatchSize the size, or null for the default
         * @return this builder
         */
        public Builder optEvalBatchSize(Integer evalBatchSize) {
            this.evalBatchSize = evalBatchSize;
            return this;
        }

        /**
         * Sets the learning rate (default: the preset's).
         *
         * @param learningRate the rate, or null for the preset's
         * @return this builder
         */
        public Builder optLearningRate(Float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Chooses row-sparse (lazy) Adam updates of the embedding tables (default off: dense).
         *
         * @param sparseEmbeddingUpdates whether only the rows of a batch's ids are updated
         * @return this builder
         */
        public Builder optSparseEmbeddingUpdates(boolean sparseEmbeddingUpdates) {
            this.sparseEmbeddingUpdates = sparseEmbeddingUpdates;
            return this;
        }

        /**
         * Sets the L2 weight decay (default 1e-5).
         *
         * @param weightDecay the decay, 0 or more
         * @return this builder
         */
        public Builder optWeightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /**
         * Sets the seed (default 2024).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the early-stopping patience (default 10).
         *
         * @param patience epochs without improvement before stopping, at least 1
         * @return this builder
         */
        public Builder optPatience(int patience) {
            this.patience = patience;
            return this;
        }

        /**
         * Sets whether M3oE's bi-level α/λ update runs after each epoch (default off); only for
         * models implementing {@link org.sapenet.model.MixingParameters}.
         *
         * @param bilevel whether to run it
         * @return this builder
         */
        public Builder optBilevel(boolean bilevel) {
            this.bilevel = bilevel;
            return this;
        }

        /**
         * Sets the length of the linear learning-rate warm-up (default {@value
         * #DEFAULT_WARMUP_STEPS} steps; 0 for none).
         *
         * @param warmupSteps W, 0 or more
         * @return this builder
         */
        public Builder optWarmupSteps(int warmupSteps) {
            this.warmupSteps = warmupSteps;
            return this;
        }

        /**
         * Sets the validation score that picks the best epoch (default {@link
         * EarlyStopping#DEFAULT}).
         *
         * @param earlyStopping the criterion
         * @return this builder
         */
        public Builder optEarlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = Objects.requireNonNull(earlyStopping, "earlyStopping");
            return this;
        }

        /**
         * Validates the values and fills the unset ones from a preset.
         *
         * @param preset the dataset's preset
         * @return the options
         * @throws IllegalArgumentException naming the first value out of range
         */
        public TrainingOptions build(DatasetPreset preset) {
            Objects.requireNonNull(preset, "preset");
            if (epochs < 1) {
                throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
            }
            if (batchSize != null && batchSize < 1) {
                throw new IllegalArgumentException(
                        "--batch-size must be at least 1, got " + batchSize);
            }
            if (evalBatchSize != null && evalBatchSize < 1) {
                throw new IllegalArgumentException(
                        "the evaluation batch size must be at least 1, got " + evalBatchSize);
            }
            if (learningRate != null && !(learningRate > 0 && Float.isFinite(learningRate))) {
                throw new IllegalArgumentException(
                        "--lr must be positive and finite, got " + learningRate);
            }
            if (!(weightDecay >= 0 && Float.isFinite(weightDecay))) {
                throw new IllegalArgumentException(
                        "--weight-decay must be 0 or more, got " + weightDecay);
            }
            if (patience < 1) {
                throw new IllegalArgumentException(
                        "--patience must be at least 1, got " + patience);
            }
            if (warmupSteps < 0) {
                throw new IllegalArgumentException(
                        "--warmup-steps must be 0 or more, got " + warmupSteps);
            }
            return new TrainingOptions(this, preset);
        }
    }
}
