/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.config;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shape of a model's input and the sizes of its parts: what every model of this project is
 * built from.
 *
 * <p>Letters used across the model module: B batch, F_s sparse fields, F_d dense fields, F = F_s +
 * F_d fields, d embedding dim, m = F * d, S scenarios, T tasks, E experts.
 *
 * <p>A config is immutable, validated when built, and round-trips through JSON ({@link #toJson()},
 * {@link #fromJson(String)}) so a checkpoint can store it beside its weights. Model-specific
 * settings (e.g. MMoE's number of experts) live in {@link #getOptions() options}, a sorted map of
 * named numbers read with {@link #intOption(String, int)} and {@link #doubleOption(String,
 * double)}; each model documents the keys it reads.
 */
public final class ModelConfig {

    /** The JSON format version written by {@link #toJson()}. */
    public static final int FORMAT_VERSION = 1;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private final int formatVersion;
    private final List<String> sparseFields;
    private final List<Integer> vocabularySizes;
    private final List<String> denseFields;
    private final List<String> scenarios;
    private final List<String> tasks;
    private final int embeddingDim;
    private final int attentionHeads;
    private final int attentionLayers;
    private final int[] starWidths;
    private final int pleLevels;
    private final int expertsPerGroup;
    private final int[] pleWidths;
    private final int expertWidth;
    private final int towerWidth;
    private final float dropout;
    private final TreeMap<String, Double> options;

    private ModelConfig(Builder builder) {
        formatVersion = FORMAT_VERSION;
        sparseFields = List.copyOf(builder.sparseFields);
        vocabularySizes = List.copyOf(builder.vocabularySizes);
        denseFields = List.copyOf(builder.denseFields);
        scenarios = List.copyOf(builder.scenarios);
        tasks = List.copyOf(builder.tasks);
        embeddingDim = builder.embeddingDim;
        attentionHeads = builder.attentionHeads;
        attentionLayers = builder.attentionLayers;
        starWidths = builder.starWidths.clone();
        pleLevels = builder.pleLevels;
        expertsPerGroup = builder.expertsPerGroup;
        pleWidths = builder.pleWidths.clone();
        expertWidth = builder.expertWidth;
        towerWidth = builder.towerWidth;
        dropout = builder.dropout;
        options = new TreeMap<>(builder.options);
    }

    /**
     * Creates a builder with the paper's defaults and no fields, scenarios or tasks.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this config's values, to derive a changed config.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sparseFields.addAll(sparseFields);
        b.vocabularySizes.addAll(vocabularySizes);
        b.denseFields.addAll(denseFields);
        b.scenarios.addAll(scenarios);
        b.tasks.addAll(tasks);
        b.embeddingDim = embeddingDim;
        b.attentionHeads = attentionHeads;
        b.attentionLayers = attentionLayers;
        b.starWidths = starWidths.clone();
        b.pleLevels = pleLevels;
        b.expertsPerGroup = expertsPerGroup;
        b.pleWidths = pleWidths.clone();
        b.expertWidth = expertWidth;
        b.towerWidth = towerWidth;
        b.dropout = dropout;
        b.options.putAll(options);
        return b;
    }

    /**
     * Returns the names of the sparse fields, in input column order.
     *
     * @return F_s names
     */
    public List<String> getSparseFields() {
        return sparseFields;
    }

    /**
     * Returns the vocabulary size of each sparse field (ids 0..size-1, 0 = unknown).
     *
     * @return F_s sizes, in the order of {@link #getSparseFields()}
     */
    public List<Integer> getVocabularySizes() {
        return vocabularySizes;
    }

    /**
     * Returns the vocabulary sizes as an array.
     *
     * @return F_s sizes
     */
    public int[] vocabularySizeArray() {
        return vocabularySizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Returns the names of the dense fields, in input column order.
     *
     * @return F_d names (possibly none)
     */
    public List<String> getDenseFields() {
        return denseFields;
    }

    /**
     * Returns the scenario names; scenario id s is the s-th.
     *
     * @return S names
     */
    public List<String> getScenarios() {
        return scenarios;
    }

    /**
     * Returns the task names; task t is column t of the labels and logits.
     *
     * @return T names
     */
    public List<String> getTasks() {
        return tasks;
    }

    /**
     * Returns F_s, the number of sparse fields.
     *
     * @return F_s
     */
    public int numSparseFields() {
        return sparseFields.size();
    }

    /**
     * Returns F_d, the number of dense fields.
     *
     * @return F_d
     */
    public int numDenseFields() {
        return denseFields.size();
    }

    /**
     * Returns F = F_s + F_d, the number of fields the embedding layer produces.
     *
     * @return F
     */
    public int numFields() {
        return sparseFields.size() + denseFields.size();
    }

    /**
     * Returns m = F * d, the width of the flattened embedding.
     *
     * @return m
     */
    public int flatEmbeddingWidth() {
        return numFields() * embeddingDim;
    }

    /**
     * Returns S, the number of scenarios.
     *
     * @return S
     */
    public int numScenarios() {
        return scenarios.size();
    }

    /**
     * Returns T, the number of tasks.
     *
     * @return T
     */
    public int numTasks() {
        return tasks.size();
    }

    /**
     * Returns d, the embedding dim.
     *
     * @return d
     */
    public int getEmbeddingDim() {
        return embeddingDim;
    }

    /**
     * Returns the number of heads of the field self-attention.
     *
     * @return heads, dividing d
     */
    public int getAttentionHeads() {
        return attentionHeads;
    }

    /**
     * Returns the number of stacked field self-attention layers.
     *
     * @return layers
     */
    public int getAttentionLayers() {
        return attentionLayers;
    }

    /**
     * Returns the STAR fusion widths: the fused layer's width and h*'s width.
     *
     * @return two widths (512, 256 by default)
     */
    public int[] getStarWidths() {
        return starWidths.clone();
    }

    /**
     * Returns L, the number of PLE levels.
     *
     * @return L
     */
    public int getPleLevels() {
        return pleLevels;
    }

    /**
     * Returns M, the number of experts per PLE group (shared, and each task's).
     *
     * @return M
     */
    public int getExpertsPerGroup() {
        return expertsPerGroup;
    }

    /**
     * Returns the expert widths of the PLE levels, one per level.
     *
     * @return L widths (128, 64 by default)
     */
    public int[] getPleWidths() {
        return pleWidths.clone();
    }

    /**
     * Returns the width of the scenario, task and shared experts (64 by default).
     *
     * @return the width
     */
    public int getExpertWidth() {
        return expertWidth;
    }

    /**
     * Returns the hidden width of the towers (64 by default).
     *
     * @return the width
     */
    public int getTowerWidth() {
        return towerWidth;
    }

    /**
     * Returns the dropout rate of the MLP layers (0 by default).
     *
     * @return the rate in [0, 1)
     */
    public float getDropout() {
        return dropout;
    }

    /**
     * Returns the model-specific options.
     *
     * @return an unmodifiable sorted map from key to value
     */
    public Map<String, Double> getOptions() {
        return Collections.unmodifiableMap(options);
    }

    /**
     * Returns an integral option, or a default when it is absent.
     *
     * @param key the option's key
     * @param defaultValue the value when absent
     * @return the value
     * @throws IllegalArgumentException when the option is present but not an integer
     */
    public int intOption(String key, int defaultValue) {
        Double value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "Option '" + key + "' must be an integer, got " + value);
        }
        return value.intValue();
    }

    /**
     * Returns a real option, or a default when it is absent.
     *
     * @param key the option's key
     * @param defaultValue the value when absent
     * @return the value
     */
    public double doubleOption(String key, double defaultValue) {
        Double value = options.get(key);
        return value == null ? defaultValue : value;
    }

    /**
     * Writes this config as JSON.
     *
     * @return the JSON text
     */
    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * Reads a config written by {@link #toJson()}, validating it as {@link Builder#build()} does.
     *
     * @param json the JSON text
     * @return the config
     * @throws IllegalArgumentException when the text is not such a config
     */
    public static ModelConfig fromJson(String json) {
        ModelConfig raw;
        try {
            raw = GSON.fromJson(json, ModelConfig.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(
                    "Model config JSON is malformed: " + e.getMessage(), e);
        }
        if (raw == null) {
            throw new IllegalArgumentException("Model config JSON is empty");
        }
        if (raw.formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException(
                    "Model config JSON has formatVersion "
                            + raw.formatVersion
                            + ", this build reads "
                            + FORMAT_VERSION);
        }
        Builder b = new Builder();
        b.sparseFields = orEmpty(raw.sparseFields);
        b.vocabularySizes = orEmpty(raw.vocabularySizes);
        b.denseFields = orEmpty(raw.denseFields);
        b.scenarios = orEmpty(raw.scenarios);
        b.tasks = orEmpty(raw.tasks);
        b.embeddingDim = raw.embeddingDim;
        b.attentionHeads = raw.attentionHeads;
        b.attentionLayers = raw.attentionLayers;
        b.starWidths = raw.starWidths;
        b.pleLevels = raw.pleLevels;
        b.expertsPerGroup = raw.expertsPerGroup;
        b.pleWidths = raw.pleWidths;
        b.expertWidth = raw.expertWidth;
        b.towerWidth = raw.towerWidth;
        b.dropout = raw.dropout;
        if (raw.options != null) {
            b.options.putAll(raw.options);
        }
        return b.build();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }

    /** {@inheritDoc} */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ModelConfig)) {
            return false;
        }
        ModelConfig c = (ModelConfig) o;
        return embeddingDim == c.embeddingDim
                && attentionHeads == c.attentionHeads
                && attentionLayers == c.attentionLayers
                && pleLevels == c.pleLevels
                && expertsPerGroup == c.expertsPerGroup
                && expertWidth == c.expertWidth
                && towerWidth == c.towerWidth
                && Float.compare(dropout, c.dropout) == 0
                && sparseFields.equals(c.sparseFields)
                && vocabularySizes.equals(c.vocabularySizes)
                && denseFields.equals(c.denseFields)
                && scenarios.equals(c.scenarios)
                && tasks.equals(c.tasks)
                && Arrays.equals(starWidths, c.starWidths)
                && Arrays.equals(pleWidths, c.pleWidths)
                && options.equals(c.options);
    }

    /** {@inheritDoc} */
    @Override
    public int hashCode() {
        int h =
                Objects.hash(
                        sparseFields,
                        vocabularySizes,
                        denseFields,
                        scenarios,
                        tasks,
                        embeddingDim,
                        attentionHeads,
                        attentionLayers,
                        pleLevels,
                        expertsPerGroup,
                        expertWidth,
                        towerWidth,
                        dropout,
                        options);
        h = 31 * h + Arrays.hashCode(starWidths);
        return 31 * h + Arrays.hashCode(pleWidths);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "ModelConfig{F_s="
                + numSparseFields()
                + ", F_d="
                + numDenseFields()
                + ", S="
                + numScenarios()
                + ", T="
                + numTasks()
                + ", d="
                + embeddingDim
                + ", options="
                + options
                + '}';
    }

    /** The builder for {@link ModelConfig}; defaults are the seed paper's. */
    public static final class Builder {

        private List<String> sparseFields = new ArrayList<>();
        private List<Integer> vocabularySizes = new ArrayList<>();
        private List<String> denseFields = new ArrayList<>();
        private List<String> scenarios = new ArrayList<>();
        private List<String> tasks = new ArrayList<>();
        private int embeddingDim = 16;
        private int attentionHeads = 2;
        private int attentionLayers = 1;
        private int[] starWidths = {512, 256};
        private int pleLevels = 2;
        private int expertsPerGroup = 2;
        private int[] pleWidths = {128, 64};
        private int expertWidth = 64;
        private int towerWidth = 64;
        private float dropout;
        private final TreeMap<String, Double> options = new TreeMap<>();

        Builder() {}

        /**
         * Appends a sparse field.
         *
         * @param name the field's name
         * @param vocabularySize the number of ids, including id 0 = unknown
         * @return this builder
         */
        public Builder addSparseField(String name, int vocabularySize) {
            sparseFields.add(name);
            vocabularySizes.add(vocabularySize);
            return this;
        }

        /**
         * Sets all sparse fields at once, replacing those added before.
         *
         * @param names the field names
         * @param vocabularySizes the vocabulary size of each
         * @return this builder
         */
        public Builder setSparseFields(List<String> names, int... vocabularySizes) {
            if (names.size() != vocabularySizes.length) {
                throw new IllegalArgumentException(
                        names.size()
                                + " sparse field names but "
                                + vocabularySizes.length
                                + " vocabulary sizes: give one size per field");
            }
            sparseFields = new ArrayList<>(names);
            this.vocabularySizes = new ArrayList<>();
            for (int v : vocabularySizes) {
                this.vocabularySizes.add(v);
            }
            return this;
        }

        /**
         * Sets the dense fields.
         *
         * @param names the field names (may be empty)
         * @return this builder
         */
        public Builder setDenseFields(List<String> names) {
            denseFields = new ArrayList<>(names);
            return this;
        }

        /**
         * Sets the scenario names; scenario id s names the s-th.
         *
         * @param names S names
         * @return this builder
         */
        public Builder setScenarios(List<String> names) {
            scenarios = new ArrayList<>(names);
            return this;
        }

        /**
         * Sets the task names; task t is column t of labels and logits.
         *
         * @param names T names
         * @return this builder
         */
        public Builder setTasks(List<String> names) {
            tasks = new ArrayList<>(names);
            return this;
        }

        /**
         * Sets d, the embedding dim (default 16).
         *
         * @param embeddingDim d
         * @return this builder
         */
        public Builder optEmbeddingDim(int embeddingDim) {
            this.embeddingDim = embeddingDim;
            return this;
        }

        /**
         * Sets the number of attention heads (default 2); it must divide d.
         *
         * @param attentionHeads the heads
         * @return this builder
         */
        public Builder optAttentionHeads(int attentionHeads) {
            this.attentionHeads = attentionHeads;
            return this;
        }

        /**
         * Sets the number of stacked field self-attention layers (default 1).
         *
         * @param attentionLayers the layers
         * @return this builder
         */
        public Builder optAttentionLayers(int attentionLayers) {
            this.attentionLayers = attentionLayers;
            return this;
        }

        /**
         * Sets the STAR fusion widths (default 512, 256).
         *
         * @param fused the width of z
         * @param hidden the width of h*
         * @return this builder
         */
        public Builder optStarWidths(int fused, int hidden) {
            this.starWidths = new int[] {fused, hidden};
            return this;
        }

        /**
         * Sets L, the number of PLE levels (default 2); also set that many widths.
         *
         * @param pleLevels L
         * @return this builder
         */
        public Builder optPleLevels(int pleLevels) {
            this.pleLevels = pleLevels;
            return this;
        }

        /**
         * Sets M, the experts per PLE group (default 2).
         *
         * @param expertsPerGroup M
         * @return this builder
         */
        public Builder optExpertsPerGroup(int expertsPerGroup) {
            this.expertsPerGroup = expertsPerGroup;
            return this;
        }

        /**
         * Sets the PLE expert width of each level (default 128, 64).
         *
         * @param widths one width per level
         * @return this builder
         */
        public Builder optPleWidths(int... widths) {
            this.pleWidths = widths.clone();
            return this;
        }

        /**
         * Sets the width of scenario, task and shared experts (default 64).
         *
         * @param expertWidth the width
         * @return this builder
         */
        public Builder optExpertWidth(int expertWidth) {
            this.expertWidth = expertWidth;
            return this;
        }

        /**
         * Sets the hidden width of the towers (default 64).
         *
         * @param towerWidth the width
         * @return this builder
         */
        public Builder optTowerWidth(int towerWidth) {
            this.towerWidth = towerWidth;
            return this;
        }

        /**
         * Sets the dropout rate of MLP layers (default 0).
         *
         * @param dropout the rate in [0, 1)
         * @return this builder
         */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /**
         * Sets a model-specific option.
         *
         * @param key the option's key, e.g. {@code mmoe.experts}
         * @param value the value
         * @return this builder
         */
        public Builder optOption(String key, double value) {
            options.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * Validates the values and builds the config.
         *
         * @return the config
         * @throws IllegalArgumentException naming the first value that is wrong and why
         */
        public ModelConfig build() {
            if (sparseFields.isEmpty() && denseFields.isEmpty()) {
                throw new IllegalArgumentException(
                        "A model needs at least one field: add sparse fields (addSparseField) or"
                                + " dense fields (setDenseFields)");
            }
            if (sparseFields.size() != vocabularySizes.size()) {
                throw new IllegalArgumentException(
                        sparseFields.size()
                                + " sparse fields but "
                                + vocabularySizes.size()
                                + " vocabulary sizes: give one size per field");
            }
            for (int i = 0; i < sparseFields.size(); i++) {
                Integer v = vocabularySizes.get(i);
                if (v == null || v < 2) {
                    throw new IllegalArgumentException(
                            "Sparse field '"
                                    + sparseFields.get(i)
                                    + "' has vocabulary size "
                                    + v
                                    + ": it must be at least 2 (id 0 is the unknown id)");
                }
            }
            checkNames("sparse field", sparseFields);
            checkNames("dense field", denseFields);
            Set<String> both = new HashSet<>(sparseFields);
            both.retainAll(denseFields);
            if (!both.isEmpty()) {
                throw new IllegalArgumentException(
                        "Fields " + both + " are named both sparse and dense: rename one");
            }
            if (scenarios.isEmpty()) {
                throw new IllegalArgumentException(
                        "No scenarios: set at least one name with setScenarios");
            }
            checkNames("scenario", scenarios);
            if (tasks.isEmpty()) {
                throw new IllegalArgumentException("No tasks: set at least one name with setTasks");
            }
            checkNames("task", tasks);
            positive("embeddingDim", embeddingDim);
            positive("attentionHeads", attentionHeads);
            if (embeddingDim % attentionHeads != 0) {
                throw new IllegalArgumentException(
                        "attentionHeads "
                                + attentionHeads
                                + " must divide embeddingDim "
                                + embeddingDim);
            }
            if (attentionLayers < 0) {
                throw new IllegalArgumentException(
                        "attentionLayers must be 0 or more, got " + attentionLayers);
            }
            if (starWidths == null || starWidths.length != 2) {
                throw new IllegalArgumentException(
                        "starWidths must hold exactly two widths (fused, hidden), got "
                                + Arrays.toString(starWidths));
            }
            positive("starWidths[0]", starWidths[0]);
            positive("starWidths[1]", starWidths[1]);
            positive("pleLevels", pleLevels);
            positive("expertsPerGroup", expertsPerGroup);
            if (pleWidths == null || pleWidths.length != pleLevels) {
                throw new IllegalArgumentException(
                        "pleWidths "
                                + Arrays.toString(pleWidths)
                                + " must hold one width per PLE level ("
                                + pleLevels
                                + ")");
            }
            for (int i = 0; i < pleWidths.length; i++) {
                positive("pleWidths[" + i + "]", pleWidths[i]);
            }
            positive("expertWidth", expertWidth);
            positive("towerWidth", towerWidth);
            if (!(dropout >= 0f && dropout < 1f)) {
                throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
            }
            for (Map.Entry<String, Double> e : options.entrySet()) {
                if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                    throw new IllegalArgumentException(
                            "Option '"
                                    + e.getKey()
                                    + "' must be a finite number, got "
                                    + e.getValue());
                }
            }
            return new ModelConfig(this);
        }

        private static void positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
        }

        private static void checkNames(String kind, List<String> names) {
            Set<String> seen = new HashSet<>();
            for (String n : names) {
                if (n == null || n.isBlank()) {
                    throw new IllegalArgumentException("A " + kind + " name is empty: " + names);
                }
                if (!seen.add(n)) {
                    throw new IllegalArgumentException(
                            "The " + kind + " name '" + n + "' appears twice in " + names);
                }
            }
        }
    }
}
