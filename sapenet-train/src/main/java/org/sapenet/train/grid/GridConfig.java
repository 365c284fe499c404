/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.grid;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.train.options.DatasetPreset;
import org.sapenet.train.options.EarlyStopping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An experiment: which models, which seeds, and the training and model hyper-parameters, read from
 * a JSON file such as {@code configs/aliccp.json}:
 *
 * <pre>
 * {
 *   "description": "...",
 *   "dataset": "aliccp",
 *   "models": ["mmoe", "sapenet"],          or "all"
 *   "seeds": [1, 2, 3, 4, 5],
 *   "train": {"epochs": 50, "batchSize": 32768, "lr": 0.01, "weightDecay": 1e-5, "patience": 10,
 *             "warmupSteps": 100, "earlyStopping": "mean-group-auc",
 *             "sparseEmbeddingUpdates": false},
 *   "model": {"embeddingDim": 16}
 * }
 * </pre>
 *
 * <p>Every key is optional; command-line options override the file. {@code dataset} names the
 * dataset the protocol was written for ({@link DatasetPreset#detect}: aliccp, kuaisar or another
 * name); the grid warns when its store is of another dataset ({@link #datasetMismatch}). The {@code
 * model} keys are the {@link ModelConfig} hyper-parameters: embeddingDim, attentionHeads,
 * attentionLayers, expertsPerGroup, expertWidth, towerWidth, dropout.
 *
 * <p>{@code pleLevels} is not one of them: the models have one PLE level per PLE width, and a grid
 * file cannot set the widths (128, 64: {@value #PLE_LEVELS} levels). A file that sets {@code
 * pleLevels} to {@value #PLE_LEVELS} is read with a warning that the key has no effect; any other
 * value is refused when the file is read (before, it failed only when the first model was built).
 */
public final class GridConfig {

    /** The PLE levels of every model a grid builds: the number of the default PLE widths. */
    static final int PLE_LEVELS = 2;

    private static final Logger logger = LoggerFactory.getLogger(GridConfig.class);

    private String description;
    private String dataset;
    private Object models;
    private List<Long> seeds;
    private Train train;
    private Map<String, Double> model;

    /** The training hyper-parameters of a grid file; a null value leaves the default. */
    public static final class Train {
        Integer epochs;
        Integer batchSize;
        Float lr;
        Float weightDecay;
        Integer patience;
        Integer warmupSteps;
        String earlyStopping;
        Boolean sparseEmbeddingUpdates;

        /**
         * Replaces the values for which a command-line option was given.
         *
         * @param epochs maximum epochs, or null
         * @param batchSize the batch size, or null
         * @param lr the learning rate, or null
         * @param weightDecay the weight decay, or null
         * @param patience the patience, or null
         * @param warmupSteps the warm-up steps, or null
         * @param earlyStopping the early-stopping criterion's key, or null
         */
        public void override(
                Integer epochs,
                Integer batchSize,
                Float lr,
                Float weightDecay,
                Integer patience,
                Integer warmupSteps,
                String earlyStopping) {
            this.epochs = epochs != null ? epochs : this.epochs;
            this.batchSize = batchSize != null ? batchSize : this.batchSize;
            this.lr = lr != null ? lr : this.lr;
            this.weightDecay = weightDecay != null ? weightDecay : this.weightDecay;
            this.patience = patience != null ? patience : this.patience;
            this.warmupSteps = warmupSteps != null ? warmupSteps : this.warmupSteps;
            this.earlyStopping = earlyStopping != null ? earlyStopping : this.earlyStopping;
            criterion();
        }

        /**
         * Returns the early-stopping criterion.
         *
         * @return the criterion, or null for the default
         * @throws IllegalArgumentException naming the accepted keys when the key is unknown
         */
        EarlyStopping criterion() {
            return earlyStopping == null ? null : EarlyStopping.of(earlyStopping);
        }
    }

    /**
     * Returns an empty configuration (defaults everywhere).
     *
     * @return the configuration
     */
    public static GridConfig empty() {
        GridConfig config = new GridConfig();
        config.train = new Train();
        config.model = new LinkedHashMap<>();
        return config;
    }

    /**
     * Reads and validates a configuration file.
     *
     * @param file the JSON file
     * @return the configuration
     * @throws IOException when the file cannot be read, is not JSON of this form, or names an
     *     unknown model or hyper-parameter (the message names the file and the key)
     */
    public static GridConfig read(Path file) throws IOException {
        GridConfig config;
        try {
            config = new Gson().fromJson(Files.readString(file), GridConfig.class);
        } catch (JsonParseException e) {
            throw new IOException(file + ": not a grid configuration: " + e.getMessage(), e);
        }
        if (config == null) {
            throw new IOException(file + ": empty grid configuration");
        }
        if (config.train == null) {
            config.train = new Train();
        }
        if (config.model == null) {
            config.model = new LinkedHashMap<>();
        }
        try {
            config.modelNames();
            Double pleLevels = config.model.get("pleLevels");
            if (pleLevels != null && pleLevels == PLE_LEVELS) {
                logger.warn(
                        "{}: \"model\".pleLevels has no effect (the models have one PLE level per"
                                + " PLE width, {} with the default widths, which a grid file does"
                                + " not set); remove the key",
                        file,
                        PLE_LEVELS);
            }
            for (Map.Entry<String, Double> entry : config.model.entrySet()) {
                apply(ModelConfig.builder(), entry.getKey(), entry.getValue());
            }
            config.train.criterion();
            if (config.seeds != null && config.seeds.isEmpty()) {
                throw new IllegalArgumentException("\"seeds\" is empty");
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return config;
    }

    /**
     * Returns the description.
     *
     * @return the text, or null
     */
    public String getDescription() {
        return description;
    }

    /**
     * Returns the dataset the file was written for.
     *
     * @return the name, or null
     */
    public String getDataset() {
        return dataset;
    }

    /**
     * Says whether the store is of another dataset than the one the file was written for (its
     * {@code dataset} key), whose learning rate, batch size and protocol the file may hold.
     *
     * @param store the store's preset ({@code StoreModels.presetOf})
     * @return a warning naming both, or null when they agree or the file names no dataset
     */
    public String datasetMismatch(DatasetPreset store) {
        if (dataset == null || DatasetPreset.detect(dataset) == store) {
            return null;
        }
        return "the grid configuration was written for dataset '"
                + dataset
                + "' but the store is "
                + store.key()
                + ": its hyper-parameters may not suit this store";
    }

    /**
     * Returns the models, expanding {@code "all"} to every registered model.
     *
     * @return the names, or null when the file names none
     * @throws IllegalArgumentException on an unknown name
     */
    public List<String> modelNames() {
        if (models == null) {
            return null;
        }
        if (models instanceof String) {
            return expand(List.of(((String) models).split(",")));
        }
        List<String> names = new ArrayList<>();
        for (Object name : (List<?>) models) {
            names.add(String.valueOf(name));
        }
        return expand(names);
    }

    /**
     * Expands a model list: {@code all} is every registered model, other names must be registered.
     *
     * @param names the names
     * @return the models in the given order, without duplicates
     * @throws IllegalArgumentException on an unknown name
     */
    public static List<String> expand(List<String> names) {
        List<String> result = new ArrayList<>();
        for (String raw : names) {
            String name = raw.trim();
            if (name.equals("all")) {
                ModelRegistry.all().forEach(spec -> addOnce(result, spec.getName()));
            } else {
                addOnce(result, ModelRegistry.get(name).getName());
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("no models given");
        }
        return result;
    }

    private static void addOnce(List<String> names, String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }

    /**
     * Returns the seeds.
     *
     * @return the seeds, or null when the file names none
     */
    public List<Long> getSeeds() {
        return seeds;
    }

    /**
     * Returns the training hyper-parameters.
     *
     * @return the values (null fields leave the defaults)
     */
    public Train getTrain() {
        return train;
    }

    /**
     * Applies the file's model hyper-parameters to a model configuration.
     *
     * @param builder the configuration of the store's shape
     * @return the same builder
     */
    public ModelConfig.Builder applyModel(ModelConfig.Builder builder) {
        for (Map.Entry<String, Double> entry : model.entrySet()) {
            apply(builder, entry.getKey(), entry.getValue());
        }
        return builder;
    }

    private static void apply(ModelConfig.Builder builder, String key, Double value) {
        if (value == null) {
            throw new IllegalArgumentException("\"model\"." + key + " has no value");
        }
        int whole = value.intValue();
        if (!key.equals("dropout") && whole != value) {
            throw new IllegalArgumentException(
                    "\"model\"." + key + " must be a whole number, got " + value);
        }
        switch (key) {
            case "embeddingDim":
                builder.optEmbeddingDim(whole);
                break;
            case "attentionHeads":
                builder.optAttentionHeads(whole);
                break;
            case "attentionLayers":
                builder.optAttentionLayers(whole);
                break;
            case "pleLevels":
                if (whole != PLE_LEVELS) {
                    throw new IllegalArgumentException(
                            "\"model\".pleLevels "
                                    + whole
                                    + " cannot be set by a grid file: the models have one PLE level"
                                    + " per PLE width, "
                                    + PLE_LEVELS
                                    + " with the default widths (128, 64), which a grid file does"
                                    + " not set; remove the key");
                }
                builder.optPleLevels(whole);
                break;
            case "expertsPerGroup":
                builder.optExpertsPerGroup(whole);
                break;
            case "expertWidth":
                builder.optExpertWidth(whole);
                break;
            case "towerWidth":
                builder.optTowerWidth(whole);
                break;
            case "dropout":
                builder.optDropout(value.floatValue());
                break;
            default:
                throw new IllegalArgumentException(
                        "unknown \"model\" key '"
                                + key
                                + "': expected embeddingDim, attentionHeads, attentionLayers,"
                                + " expertsPerGroup, expertWidth, towerWidth or dropout");
        }
    }
}
