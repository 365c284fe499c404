/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.run;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.checkpoint.BlockBuilder;
import org.sapenet.train.console.MetricsTable;
import org.sapenet.train.eval.SplitEvaluator;
import org.sapenet.train.loop.TrainingLoop;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.options.DatasetPreset;
import org.sapenet.train.options.TrainingOptions;
import org.sapenet.train.state.ParameterSnapshot;
import org.sapenet.train.state.RunCheckpoints;
import org.sapenet.train.state.RunFolder;
import org.sapenet.train.store.StoreBatchSource;
import org.sapenet.train.store.StoreModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code sapenet train} run end to end: opens the store, builds the registered model from the
 * store's shape and the paper's defaults, trains it ({@link TrainingLoop}), evaluates the best
 * weights on val and test, writes the checkpoint to {@code RUN/model/} through serve's writer and
 * the metrics to {@code RUN/metrics.json}.
 */
public final class TrainingRun {

    private static final Logger logger = LoggerFactory.getLogger(TrainingRun.class);

    private final Path storePath;
    private final String modelName;
    private final Path out;
    private final TrainingOptions.Builder options;
    private final UnaryOperator<ModelConfig.Builder> configure;
    private final boolean resume;
    private final boolean force;
    private final boolean progress;
    private final Device device;
    private final BlockBuilder blockBuilder;

    private TrainingRun(Builder builder) {
        storePath = builder.storePath;
        modelName = builder.modelName;
        out = builder.out;
        options = builder.options;
        configure = builder.configure;
        resume = builder.resume;
        force = builder.force;
        progress = builder.progress;
        device = builder.device;
        blockBuilder = builder.blockBuilder;
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the training, evaluation and writing.
     *
     * @return the metrics written to {@code metrics.json}
     * @throws IOException when the store or the run folder cannot be read or written
     */
    public RunMetrics run() throws IOException {
        long start = System.nanoTime();
        PreparedStore store = PreparedStore.open(storePath);
        for (Split split : new Split[] {Split.TRAIN, Split.VAL}) {
            if (store.getManifest().split(split).getRows() == 0) {
                throw new IllegalArgumentException(
                        storePath
                                + " has no "
                                + split.key()
                                + " rows: training needs train rows, and validation rows to"
                                + " choose the best epoch and stop early; prepare the store again");
            }
        }
        DatasetPreset preset = StoreModels.presetOf(store);
        TrainingOptions resolved = options.build(preset);
        ModelConfig config = configure.apply(StoreModels.configOf(store)).build();
        Block block =
                blockBuilder != null
                        ? blockBuilder.newBlock(config)
                        : ModelRegistry.get(modelName).newBlock(config);
        RunFolder folder = RunFolder.open(out, resume, force);
        folder.checkStore(storePath, store.getManifest().contentId(), resume);
        Device dev = device != null ? device : Engines.device();
        logger.info("Training {} on {} ({}) into {}", modelName, storePath, resolved, out);
        RunMetrics metrics =
                new RunMetrics(modelName, storePath.toString(), resolved, config, dev.toString());
        double previousSeconds = resume ? folder.readResume().state().getTrainSeconds() : 0;
        TrainingLoop loop =
                TrainingLoop.builder()
                        .setModel(modelName, block, config)
                        .setOptions(resolved)
                        .setData(
                                new StoreBatchSource(store, Split.TRAIN),
                                new StoreBatchSource(store, Split.VAL))
                        .setRunFolder(folder, resume)
                        .optDevice(dev)
                        .optStore(storePath.toString())
                        .optProgress(progress)
                        .optListener(
                                (record, val, state) -> {
                                    // The loop initialised the block before the first epoch.
                                    metrics.update(
                                            state,
                                            ParameterSnapshot.count(block),
                                            previousSeconds + (System.nanoTime() - start) / 1e9);
                                    try {
                                        RunFolder.writeJson(folder.metricsFile(), metrics);
                                    } catch (IOException e) {
                                        throw new java.io.UncheckedIOException(e);
                                    }
                                })
                        .build();
        TrainingLoop.Outcome outcome = loop.run();
        try (Model model = outcome.model()) {
            int evalBatch = resolved.getEvalBatchSize();
            EvaluationResult val =
                    SplitEvaluator.evaluate(
                            model.getBlock(),
                            model.getNDManager(),
                            dev,
                            new StoreBatchSource(store, Split.VAL),
                            evalBatch,
                            config.getScenarios(),
                            config.getTasks());
            EvaluationResult test =
                    SplitEvaluator.evaluate(
                            model.getBlock(),
                            model.getNDManager(),
                            dev,
                            new StoreBatchSource(store, Split.TEST),
                            evalBatch,
                            config.getScenarios(),
                            config.getTasks());
            RunCheckpoints.write(
                    folder.modelDir(), modelName, config, model.getBlock(), store, blockBuilder);
            metrics.update(
                    outcome.state(),
                    outcome.parameterCount(),
                    previousSeconds + (System.nanoTime() - start) / 1e9);
            metrics.finish(val, test);
            RunFolder.writeJson(folder.metricsFile(), metrics);
            logger.info(
                    "Best epoch {}; test All AUC {}, mean group AUC {}, LogLoss {}",
                    outcome.state().getBestEpoch(),
                    MetricsTable.number(test.getAllAuc(), 4),
                    MetricsTable.number(test.getMeanGroupAuc(), 4),
                    MetricsTable.number(test.getLogLoss(), 5));
        }
        return metrics;
    }

    /**
     * Reads a run's {@code metrics.json}.
     *
     * @param file the file
     * @return the document
     * @throws IOException when it cannot be read
     */
    public static RunMetrics readMetrics(Path file) throws IOException {
        return RunFolder.gson().fromJson(Files.readString(file), RunMetrics.class);
    }

    /** Builds a {@link TrainingRun}. */
    public static final class Builder {
        private Path storePath;
        private String modelName;
        private Path out;
        private TrainingOptions.Builder options = TrainingOptions.builder();
        private UnaryOperator<ModelConfig.Builder> configure = b -> b;
        private boolean resume;
        private boolean force;
        private boolean progress = true;
        private Device device;
        private BlockBuilder blockBuilder;

        Builder() {}

        /**
         * Trains a model outside the registry, built by the given builder (a public class with a
         * public no-argument constructor, which the checkpoint records and loads again).
         *
         * @param name the name recorded for the model
         * @param builder builds the block from the store's config
         * @return this builder
         */
        public Builder setModel(String name, BlockBuilder builder) {
            this.modelName = name;
            this.blockBuilder = builder;
            return this;
        }

        /**
         * Sets the prepared store.
         *
         * @param storePath the store folder
         * @return this builder
         */
        public Builder setStore(Path storePath) {
            this.storePath = storePath;
            return this;
        }

        /**
         * Sets the registered model to train.
         *
         * @param modelName the registry name
         * @return this builder
         */
        public Builder setModel(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /**
         * Sets the run folder.
         *
         * @param out the folder
         * @return this builder
         */
        public Builder setOut(Path out) {
            this.out = out;
            return this;
        }

        /**
         * Sets the options; unset values come from the store's preset.
         *
         * @param options the options builder
         * @return this builder
         */
        public Builder optOptions(TrainingOptions.Builder options) {
            this.options = options;
            return this;
        }

        /**
         * Adjusts the model config derived from the store (e.g. a smaller embedding for tests).
         *
         * @param configure a function of the config builder
         * @return this builder
         */
        public Builder optConfig(UnaryOperator<ModelConfig.Builder> configure) {
            this.configure = configure;
            return this;
        }

        /**
         * Sets whether to continue from the run folder's saved state.
         *
         * @param resume whether to resume
         * @return this builder
         */
        public Builder optResume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Sets whether an existing run folder may be replaced.
         *
         * @param force whether to replace
         * @return this builder
         */
        public Builder optForce(boolean force) {
            this.force = force;
            return this;
        }

        /**
         * Sets whether to print a progress bar.
         *
         * @param progress whether to print
         * @return this builder
         */
        public Builder optProgress(boolean progress) {
            this.progress = progress;
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
         * Builds the run.
         *
         * @return the run
         */
        public TrainingRun build() {
            Objects.requireNonNull(storePath, "setStore");
            Objects.requireNonNull(modelName, "setModel");
            Objects.requireNonNull(out, "setOut");
            if (resume && force) {
                throw new IllegalArgumentException("--resume and --force exclude each other");
            }
            return new TrainingRun(this);
        }
    }
}
