/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.grid;

import ai.djl.Device;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.data.store.StoreFormat;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.PaperSetting;
import org.sapenet.train.options.EarlyStopping;
import org.sapenet.train.options.TrainingOptions;
import org.sapenet.train.report.SeesawReport;
import org.sapenet.train.run.RunMetrics;
import org.sapenet.train.run.TrainingRun;
import org.sapenet.train.state.RunFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every model x seed of an experiment one after another into {@code DIR/runs/MODEL/seed-N/},
 * skipping runs that already finished and resuming a run that was interrupted after a completed
 * epoch, so that a stopped grid restarts where it stopped. After every run the grid's results,
 * summary and charts are rewritten from all finished runs ({@link GridReport}).
 */
public final class GridRunner {

    /** The file that ties a grid folder to its store: the manifest's SHA-256 and the path. */
    public static final String STORE_RECORD = "grid-store.txt";

    private static final Logger logger = LoggerFactory.getLogger(GridRunner.class);

    private final Path store;
    private final Path out;
    private final List<String> models;
    private final List<Long> seeds;
    private final GridConfig.Train train;
    private final UnaryOperator<ModelConfig.Builder> configure;
    private final boolean progress;
    private final Device device;

    private GridRunner(Builder builder) {
        store = builder.store;
        out = builder.out;
        models = List.copyOf(builder.models);
        seeds = List.copyOf(builder.seeds);
        train = builder.train;
        configure = builder.configure;
        progress = builder.progress;
        device = builder.device;
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
     * Returns the folder of one run.
     *
     * @param out the grid folder
     * @param model the model
     * @param seed the seed
     * @return {@code out/runs/MODEL/seed-SEED}
     */
    public static Path runFolder(Path out, String model, long seed) {
        return out.resolve("runs").resolve(model).resolve("seed-" + seed);
    }

    /** What a grid run did. */
    public static final class Outcome {
        private final int trained;
        private final int skipped;
        private final List<Path> files;

        Outcome(int trained, int skipped, List<Path> files) {
            this.trained = trained;
            this.skipped = skipped;
            this.files = files;
        }

        /**
         * Returns the number of runs trained (or resumed) now.
         *
         * @return the count
         */
        public int getTrained() {
            return trained;
        }

        /**
         * Returns the number of runs found finished and skipped.
         *
         * @return the count
         */
        public int getSkipped() {
            return skipped;
        }

        /**
         * Returns the grid files written.
         *
         * @return results, summary and charts
         */
        public List<Path> getFiles() {
            return files;
        }
    }

    /**
     * Runs the missing runs and writes the grid's outputs.
     *
     * @return what was done
     * @throws IOException when a store or run cannot be read or written
     */
    public Outcome run() throws IOException {
        Files.createDirectories(out);
        checkSameStore();
        List<PaperSetting> settings = new ArrayList<>();
        models.forEach(m -> settings.add(ModelRegistry.get(m).getSetting()));
        String noSeesaw = SeesawReport.unavailableReason(settings);
        if (noSeesaw != null) {
            logger.warn("{} The grid's other outputs are written as usual.", noSeesaw);
        }
        Map<String, TreeMap<Long, RunMetrics>> finished = new LinkedHashMap<>();
        int trained = 0;
        int skipped = 0;
        int total = models.size() * seeds.size();
        int index = 0;
        List<Path> files = new ArrayList<>();
        for (String model : models) {
            TreeMap<Long, RunMetrics> bySeed = new TreeMap<>();
            finished.put(model, bySeed);
            for (long seed : seeds) {
                index++;
                Path folder = runFolder(out, model, seed);
                RunMetrics done = finishedMetrics(folder);
                if (done != null) {
                    logger.info(
                            "[{}/{}] {} seed {}: finished before, skipped",
                            index,
                            total,
                            model,
                            seed);
                    bySeed.put(seed, done);
                    skipped++;
                    continue;
                }
                boolean resume = RunFolder.hasSavedState(folder);
                logger.info(
                        "[{}/{}] {} seed {}: {}",
                        index,
                        total,
                        model,
                        seed,
                        resume ? "resuming after its last completed epoch" : "training");
                RunMetrics metrics =
                        TrainingRun.builder()
                                .setStore(store)
                                .setModel(model)
                                .setOut(folder)
                                .optOptions(options(seed))
                                .optConfig(configure)
                                .optResume(resume)
                                .optForce(!resume)
                                .optProgress(progress)
                                .optDevice(device)
                                .build()
                                .run();
                bySeed.put(seed, metrics);
                trained++;
                files = GridReport.write(out, title(), finished);
            }
        }
        files = GridReport.write(out, title(), finished);
        return new Outcome(trained, skipped, files);
    }

    /**
     * Records the store in {@code DIR/grid-store.txt} on the first run and refuses a later run on
     * another store, whose results would be mixed with the first one's.
     */
    private void checkSameStore() throws IOException {
        Path manifest = store.resolve(StoreFormat.MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalArgumentException(
                    store + " is not a prepared store (no " + StoreFormat.MANIFEST + ")");
        }
        String fingerprint = sha256(Files.readAllBytes(manifest));
        Path record = out.resolve(STORE_RECORD);
        if (Files.isRegularFile(record)) {
            List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(fingerprint)) {
                throw new IllegalArgumentException(
                        out
                                + " holds a grid on another store ("
                                + (lines.size() > 1 ? lines.get(1) : "unknown")
                                + "); its results would mix with this one's: choose another --out");
            }
        } else {
            AtomicFiles.writeString(record, fingerprint + "\n" + store.toAbsolutePath() + "\n");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private String title() {
        return "Grid on " + store.getFileName() + " (test split)";
    }

    private static RunMetrics finishedMetrics(Path folder) throws IOException {
        Path file = folder.resolve("metrics.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        RunMetrics metrics = TrainingRun.readMetrics(file);
        return "finished".equals(metrics.getStatus()) ? metrics : null;
    }

    private TrainingOptions.Builder options(long seed) {
        TrainingOptions.Builder options = TrainingOptions.builder().optSeed(seed);
        if (train.epochs != null) {
            options.optEpochs(train.epochs);
        }
        if (train.batchSize != null) {
            options.optBatchSize(train.batchSize);
        }
        if (train.lr != null) {
            options.optLearningRate(train.lr);
        }
        if (train.weightDecay != null) {
            options.optWeightDecay(train.weightDecay);
        }
        if (train.patience != null) {
            options.optPatience(train.patience);
        }
        if (train.warmupSteps != null) {
            options.optWarmupSteps(train.warmupSteps);
        }
        if (train.sparseEmbeddingUpdates != null) {
            options.optSparseEmbeddingUpdates(train.sparseEmbeddingUpdates);
        }
        EarlyStopping criterion = train.criterion();
        if (criterion != null) {
            options.optEarlyStopping(criterion);
        }
        return options;
    }

    /** Builds a {@link GridRunner}. */
    public static final class Builder {
        private Path store;
        private Path out;
        private List<String> models;
        private List<Long> seeds;
        private GridConfig.Train train = new GridConfig.Train();
        private UnaryOperator<ModelConfig.Builder> configure = b -> b;
        private boolean progress = true;
        private Device device;

        Builder() {}

        /**
         * Sets the prepared store.
         *
         * @param store the store folder
         * @return this builder
         */
        public Builder setStore(Path store) {
            this.store = store;
            return this;
        }

        /**
         * Sets the grid folder.
         *
         * @param out the folder (created; finished runs in it are kept)
         * @return this builder
         */
        public Builder setOut(Path out) {
            this.out = out;
            return this;
        }

        /**
         * Sets the models, in table order or any order.
         *
         * @param models registered model names
         * @return this builder
         */
        public Builder setModels(List<String> models) {
            this.models = models;
            return this;
        }

        /**
         * Sets the seeds.
         *
         * @param seeds one run per model and seed
         * @return this builder
         */
        public Builder setSeeds(List<Long> seeds) {
            this.seeds = seeds;
            return this;
        }

        /**
         * Sets the training hyper-parameters (null fields keep the defaults and presets).
         *
         * @param train the values
         * @return this builder
         */
        public Builder optTrain(GridConfig.Train train) {
            this.train = Objects.requireNonNull(train);
            return this;
        }

        /**
         * Adjusts every run's model configuration.
         *
         * @param configure applied to the configuration of the store's shape
         * @return this builder
         */
        public Builder optConfig(UnaryOperator<ModelConfig.Builder> configure) {
            this.configure = Objects.requireNonNull(configure);
            return this;
        }

        /**
         * Shows or hides the per-epoch progress bar.
         *
         * @param progress true to show it
         * @return this builder
         */
        public Builder optProgress(boolean progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Sets the device (default: {@code Engines.device()}).
         *
         * @param device the device
         * @return this builder
         */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * Builds the runner.
         *
         * @return the runner
         * @throws IllegalArgumentException when something required is missing
         */
        public GridRunner build() {
            if (store == null || out == null) {
                throw new IllegalArgumentException("a grid needs a store and an output folder");
            }
            if (models == null || models.isEmpty()) {
                throw new IllegalArgumentException("a grid needs at least one model");
            }
            if (seeds == null || seeds.isEmpty()) {
                throw new IllegalArgumentException("a grid needs at least one seed");
            }
            if (seeds.stream().distinct().count() != seeds.size()) {
                throw new IllegalArgumentException("duplicate seeds in " + seeds);
            }
            return new GridRunner(this);
        }
    }
}
