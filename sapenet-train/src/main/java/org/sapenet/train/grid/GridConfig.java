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
import org.sapenet.train.run.EarlyStopping;

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
 *             "warmupSteps": 100, "earlyStopping": "mean-group-auc"},
 *   "model": {"embeddingDim": 16, "pleLevels": 2}
 * }
 * </pre>
 *
 * <p>Every key is optional; command-line options override the file. The {@code model} keys are the
 * {@link ModelConfig} hyper-parameters: embeddingDim, attentionHeads, attentionLayers, pleLevels,
 * expertsPerGroup, expertWidth, towerWidth, dropout.
 */
public final class GridConfig {

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
                                + " pleLevels, expertsPerGroup, expertWidth, towerWidth or"
                                + " dropout");
        }
    }
}
