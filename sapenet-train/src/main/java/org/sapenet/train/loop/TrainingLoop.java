/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.loop;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import org.sapenet.model.MixingParameters;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.loss.MultiTaskLoss;
import org.sapenet.model.runtime.Engines;
import org.sapenet.train.console.ProgressBar;
import org.sapenet.train.eval.SplitEvaluator;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.optim.ResumableAdam;
import org.sapenet.train.options.EarlyStopping;
import org.sapenet.train.options.TrainingOptions;
import org.sapenet.train.state.EpochRecord;
import org.sapenet.train.state.ParameterSnapshot;
import org.sapenet.train.state.ResumeState;
import org.sapenet.train.state.RunFolder;
import org.sapenet.train.store.BatchSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a model epoch by epoch with Adam (L2 weight decay, a linear learning-rate warm-up),
 * validates after each epoch, keeps the weights with the best validation score ({@link
 * EarlyStopping}), stops early after {@code patience} epochs without improvement, saves a resume
 * state after each epoch, and ends with the best weights in the model.
 *
 * <p>Reproducibility: the engine's random seed is set to the run's seed before initialisation, and
 * each epoch derives its shuffle seed and a fresh engine seed (for dropout) from the run's seed and
 * the epoch number alone. A resumed run therefore repeats the uninterrupted run's updates exactly
 * on the CPU.
 */
public final class TrainingLoop {

    private static final Logger logger = LoggerFactory.getLogger(TrainingLoop.class);

    private final String modelName;
    private final Block block;
    private final ModelConfig config;
    private final TrainingOptions options;
    private final BatchSource train;
    private final BatchSource validation;
    private final RunFolder folder;
    private final boolean resume;
    private final String store;
    private final Device device;
    private final EpochListener listener;
    private final boolean progress;

    private TrainingLoop(Builder builder) {
        modelName = builder.modelName;
        block = builder.block;
        config = builder.config;
        options = builder.options;
        train = builder.train;
        validation = builder.validation;
        folder = builder.folder;
        resume = builder.resume;
        store = builder.store;
        device = builder.device;
        listener = builder.listener;
        progress = builder.progress;
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** What a finished loop hands back: the model with the best weights, and the run state. */
    public static final class Outcome {
        private final Model model;
        private final ResumeState state;
        private final long parameterCount;

        Outcome(Model model, ResumeState state, long parameterCount) {
            this.model = model;
            this.state = state;
            this.parameterCount = parameterCount;
        }

        /**
         * Returns the model holding the best weights; the caller closes it.
         *
         * @return the model
         */
        public Model model() {
            return model;
        }

        /**
         * Returns the final run state: history, best epoch, whether it stopped early.
         *
         * @return the state
         */
        public ResumeState state() {
            return state;
        }

        /**
         * Returns the number of scalar parameters.
         *
         * @return the count
         */
        public long parameterCount() {
            return parameterCount;
        }
    }

    /**
     * Derives a seed for one purpose and epoch from the run's seed (SplitMix64 finaliser).
     *
     * @param seed the run's seed
     * @param epoch the epoch, 1-based (0 for initialisation)
     * @param purpose a small constant per use
     * @return the derived seed
     */
    public static long derive(long seed, int epoch, int purpose) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch * 31L + purpose + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Creates the model, initialises it from the seed, and returns it with its optimizer ready.
     *
     * @param name the model's name
     * @param block the uninitialised block
     * @param config the model config (input shapes)
     * @param seed the initialisation seed
     * @param device the device
     * @return the model
     */
    public static Model initialise(
            String name, Block block, ModelConfig config, long seed, Device device) {
        Engine engine = Engines.pytorch();
        engine.setRandomSeed((int) derive(seed, 0, 0));
        Model model = Model.newInstance(name, device, engine.getEngineName());
        model.setBlock(block);
        block.initialize(
                model.getNDManager(),
                DataType.FLOAT32,
                new Shape(1, config.numSparseFields()),
                new Shape(1, config.numDenseFields()),
                new Shape(1));
        return model;
    }

    /**
     * Runs the training.
     *
     * @return the model with the best weights and the final state
     * @throws IOException when data or the run folder cannot be read or written
     */
    public Outcome run() throws IOException {
        Model model = initialise(modelName, block, config, options.getSeed(), device);
        try {
            return train(model);
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    private Outcome train(Model model) throws IOException {
        NDManager manager = model.getNDManager();
        ResumableAdam optimizer =
                ResumableAdam.builder()
                        .optLearningRate(options.getLearningRate())
                        .optWeightDecays(options.getWeightDecay())
                        .optWarmupSteps(options.getWarmupSteps())
                        .build();
        Loss loss = MultiTaskLoss.of(config);
        ResumableAdam bilevelOptimizer = options.isBilevel() ? BilevelStep.newOptimizer() : null;
        BilevelStep bilevel =
                bilevelOptimizer == null
                        ? null
                        : new BilevelStep(block, loss, bilevelOptimizer, manager, device);
        ResumeState state;
        ParameterSnapshot best;
        if (resume) {
            RunFolder.Saved saved = folder.readResume();
            state = saved.state();
            checkResumable(state);
            state.setOptions(options);
            saved.current().restoreInto(block);
            best = saved.best();
            folder.readOptimizer(optimizer, manager);
            if (bilevelOptimizer != null) {
                folder.readBilevelOptimizer(bilevelOptimizer, manager);
            }
            logger.info(
                    "Resuming {} after epoch {} (best epoch {}, val {} {})",
                    modelName,
                    state.getCompletedEpochs(),
                    state.getBestEpoch(),
                    options.getEarlyStopping().key(),
                    format(state.getBestScore()));
        } else {
            state = new ResumeState(modelName, store, options);
            best = null;
        }
        TrainingStep step =
                new TrainingStep(
                        block,
                        loss,
                        optimizer,
                        manager,
                        device,
                        options.isSparseEmbeddingUpdates());
        long parameterCount = ParameterSnapshot.count(block);
        for (int epoch = state.getCompletedEpochs() + 1;
                epoch <= options.getEpochs() && !state.isStopped();
                epoch++) {
            long start = System.nanoTime();
            Engines.pytorch().setRandomSeed((int) derive(options.getSeed(), epoch, 1));
            double[] lossAndRows = trainEpoch(step, manager, epoch);
            if (bilevel != null) {
                bilevelEpoch(bilevel, manager, epoch);
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            EvaluationResult val =
                    SplitEvaluator.evaluate(
                            block,
                            manager,
                            device,
                            validation,
                            options.getEvalBatchSize(),
                            config.getScenarios(),
                            config.getTasks());
            Double score = options.getEarlyStopping().score(val);
            boolean improved =
                    score == null
                            ? state.getBestScore() == null
                            : state.getBestScore() == null || score > state.getBestScore();
            if (improved) {
                best = ParameterSnapshot.of(block);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochRecord record =
                    new EpochRecord(
                            epoch,
                            lossAndRows[0],
                            (long) lossAndRows[1],
                            val.getMeanGroupAuc(),
                            score,
                            val.getAllAuc(),
                            val.getLogLoss(),
                            seconds,
                            lossAndRows[1] / trainSeconds,
                            improved);
            state.completeEpoch(record, score, improved, seconds);
            logger.info(
                    String.format(
                            Locale.ROOT,
                            "epoch %d/%d: train loss %.5f, val %s %s, mean group AUC %s, All"
                                    + " AUC %s, LogLoss %s, %.0f rows/s, %.1f s%s [memory: %s]",
                            epoch,
                            options.getEpochs(),
                            lossAndRows[0],
                            options.getEarlyStopping().key(),
                            format(score),
                            format(val.getMeanGroupAuc()),
                            format(val.getAllAuc()),
                            format(val.getLogLoss()),
                            record.getTrainRowsPerSecond(),
                            seconds,
                            improved ? " (best)" : "",
                            MemoryProbe.measure(manager)));
            if (state.getEpochsWithoutImprovement() >= options.getPatience()) {
                state.markStopped();
                logger.info(
                        "Early stop: no better validation {} for {} epochs; best epoch {}",
                        options.getEarlyStopping().key(),
                        options.getPatience(),
                        state.getBestEpoch());
            }
            folder.saveResume(
                    state, ParameterSnapshot.of(block), best, optimizer, bilevelOptimizer);
            if (listener != null) {
                listener.onEpoch(record, val, state);
            }
            // DJL backs a CPU array made from Java data (batches, scalar operands, restored
            // weights) with a direct buffer that is freed only when the GC collects it; buffers
            // promoted to the old generation wait for an old collection, which a large heap may
            // never need, and the process grew by tens of MB an epoch. One per epoch frees them.
            System.gc();
        }
        if (best != null) {
            best.restoreInto(block);
        }
        return new Outcome(model, state, parameterCount);
    }

    private double[] trainEpoch(TrainingStep step, NDManager manager, int epoch)
            throws IOException {
        ProgressBar bar =
                progress
                        ? ProgressBar.onStderr(
                                String.format(
                                        Locale.ROOT, "epoch %d/%d", epoch, options.getEpochs()),
                                train.rows())
                        : null;
        double lossSum = 0;
        long batches = 0;
        long rows = 0;
        Iterator<Batch> it =
                train.batches(manager, options.getBatchSize(), derive(options.getSeed(), epoch, 2));
        try {
            while (it.hasNext()) {
                try (Batch batch = it.next()) {
                    lossSum += step.run(batch, 0, null);
                    batches++;
                    rows += batch.getSize();
                }
                if (bar != null) {
                    bar.update(rows, lossSum / batches);
                }
            }
        } finally {
            BatchSource.close(it);
        }
        if (batches == 0) {
            throw new IllegalStateException("The training split holds no rows");
        }
        if (bar != null) {
            bar.finish(rows, lossSum / batches);
        }
        return new double[] {lossSum / batches, rows};
    }

    /**
     * Runs M3oE's bi-level update on the first batch of a seeded pass over the validation split (a
     * different batch each epoch, the same one when an epoch is repeated after a resume).
     */
    private void bilevelEpoch(BilevelStep bilevel, NDManager manager, int epoch)
            throws IOException {
        Iterator<Batch> it =
                validation.batches(
                        manager, options.getBatchSize(), derive(options.getSeed(), epoch, 3));
        try {
            if (!it.hasNext()) {
                throw new IllegalStateException("--bilevel: the validation split holds no rows");
            }
            try (Batch batch = it.next()) {
                float value = bilevel.run(batch);
                logger.debug("epoch {}: bi-level loss {}", epoch, value);
            }
        } finally {
            BatchSource.close(it);
        }
    }

    private void checkResumable(ResumeState saved) {
        if (!modelName.equals(saved.getModel())) {
            throw new IllegalArgumentException(
                    "--resume: the run folder trained model '"
                            + saved.getModel()
                            + "', not '"
                            + modelName
                            + "'");
        }
        TrainingOptions before = saved.getOptions();
        StringBuilder diff = new StringBuilder();
        if (before.getBatchSize() != options.getBatchSize()) {
            diff.append(" batch size ").append(before.getBatchSize());
        }
        if (before.getLearningRate() != options.getLearningRate()) {
            diff.append(" lr ").append(before.getLearningRate());
        }
        if (before.getWeightDecay() != options.getWeightDecay()) {
            diff.append(" weight decay ").append(before.getWeightDecay());
        }
        if (before.getSeed() != options.getSeed()) {
            diff.append(" seed ").append(before.getSeed());
        }
        if (before.getWarmupSteps() != options.getWarmupSteps()) {
            diff.append(" --warmup-steps ").append(before.getWarmupSteps());
        }
        if (before.getEarlyStopping() != options.getEarlyStopping()) {
            diff.append(" --early-stopping ").append(before.getEarlyStopping().key());
        }
        if (before.isSparseEmbeddingUpdates() != options.isSparseEmbeddingUpdates()) {
            diff.append(
                    before.isSparseEmbeddingUpdates()
                            ? " --sparse-embedding-updates"
                            : " no --sparse-embedding-updates");
        }
        if (before.isBilevel() != options.isBilevel()) {
            diff.append(before.isBilevel() ? " --bilevel" : " no --bilevel");
        }
        if (diff.length() > 0) {
            throw new IllegalArgumentException(
                    "--resume: the run was started with"
                            + diff
                            + "; resume with the same values (only --epochs and --patience may"
                            + " change)");
        }
    }

    private static String format(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.5f", value);
    }

    /** Builds a {@link TrainingLoop}. */
    public static final class Builder {
        private String modelName;
        private Block block;
        private ModelConfig config;
        private TrainingOptions options;
        private BatchSource train;
        private BatchSource validation;
        private RunFolder folder;
        private boolean resume;
        private String store = "";
        private Device device;
        private EpochListener listener;
        private boolean progress = true;

        Builder() {}

        /**
         * Sets the model: its name, uninitialised block and config.
         *
         * @param name the registry name
         * @param block the block
         * @param config its config
         * @return this builder
         */
        public Builder setModel(String name, Block block, ModelConfig config) {
            this.modelName = name;
            this.block = block;
            this.config = config;
            return this;
        }

        /**
         * Sets the options.
         *
         * @param options the options
         * @return this builder
         */
        public Builder setOptions(TrainingOptions options) {
            this.options = options;
            return this;
        }

        /**
         * Sets the training and validation splits.
         *
         * @param train the training split
         * @param validation the validation split
         * @return this builder
         */
        public Builder setData(BatchSource train, BatchSource validation) {
            this.train = train;
            this.validation = validation;
            return this;
        }

        /**
         * Sets the run folder and whether to resume from its state.
         *
         * @param folder the folder
         * @param resume whether to continue after its last completed epoch
         * @return this builder
         */
        public Builder setRunFolder(RunFolder folder, boolean resume) {
            this.folder = folder;
            this.resume = resume;
            return this;
        }

        /**
         * Sets the device (default: {@link Engines#device()}).
         *
         * @param device the device
         * @return this builder
         */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * Sets the store path recorded in the state.
         *
         * @param store the path
         * @return this builder
         */
        public Builder optStore(String store) {
            this.store = store;
            return this;
        }

        /**
         * Sets a listener called after each epoch.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder optListener(EpochListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Sets whether a progress bar is printed on stderr (default true).
         *
         * @param progress whether to print progress
         * @return this builder
         */
        public Builder optProgress(boolean progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Builds the loop.
         *
         * @return the loop
         */
        public TrainingLoop build() {
            Objects.requireNonNull(block, "setModel");
            Objects.requireNonNull(options, "setOptions");
            Objects.requireNonNull(train, "setData");
            Objects.requireNonNull(validation, "setData");
            Objects.requireNonNull(folder, "setRunFolder");
            if (options.isBilevel() && !(block instanceof MixingParameters)) {
                throw new IllegalArgumentException(
                        "--bilevel: model '"
                                + modelName
                                + "' has no mixing weights α/λ; the bi-level update applies only"
                                + " to M3oE and SAPENet (with its ablations)");
            }
            if (device == null) {
                device = Engines.device();
            }
            return new TrainingLoop(this);
        }
    }
}
