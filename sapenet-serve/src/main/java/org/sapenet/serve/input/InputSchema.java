/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.input;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.store.StoreManifest.SparseField;
import org.sapenet.data.vocab.DenseScaling;
import org.sapenet.model.config.ModelConfig;

/**
 * What a checkpoint needs to turn raw input rows into model input: the F_s sparse fields (name,
 * vocabulary size, optional vocabulary file), the F_d dense fields, the source column the scenario
 * comes from and the value of that column for each of the S scenarios, and the T task names (the
 * label columns, ignored when scoring).
 *
 * <p>Encoding rules, the same as in training: a sparse field without a vocabulary file holds ids
 * already encoded (processed AliCCP), and an id at or above the field's vocabulary size is unknown
 * and becomes 0; a field with a vocabulary file maps raw values through it, and an unseen value
 * becomes 0. A dense value is scaled as the store scaled it (min-max with the training range,
 * clipped to [0, 1]), and a missing one (a missing marker of the store) takes the store's fill
 * value; a schema without recorded scaling (older checkpoints) uses dense values as given.
 *
 * <p>Stored in a checkpoint as {@value org.sapenet.serve.checkpoint.CheckpointFormat#SCHEMA_FILE};
 * the JSON keys are the field names below.
 */
public final class InputSchema {

    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private List<SparseField> sparseFields;
    private List<String> denseFields;
    private String scenarioColumn;
    private List<String> scenarioValues;
    private List<String> scenarios;
    private List<String> tasks;
    private List<DenseScale> denseScaling;
    private List<String> denseMissing;
    // formats: the source columns of the fields where they differ from the field names (csv with
    // a schema), and whether fields may be quoted; absent in AliCCP and older checkpoints
    private List<String> sparseColumns;
    private List<String> denseColumns;
    private boolean quoted;

    private InputSchema() {}

    /**
     * The scaling of one dense field recorded by the store (JSON form of {@link DenseScaling}):
     * min-max with the training range or none, and the value of a missing input.
     */
    static final class DenseScale {
        private boolean minMax;
        private Double min;
        private Double max;
        private float fill;

        private DenseScale() {}

        DenseScale(DenseScaling scaling) {
            minMax = scaling.isMinMax();
            min = Double.isNaN(scaling.getMin()) ? null : scaling.getMin();
            max = Double.isNaN(scaling.getMax()) ? null : scaling.getMax();
            fill = scaling.getFill();
        }

        DenseScaling toScaling() {
            return DenseScaling.of(
                    minMax, min == null ? Double.NaN : min, max == null ? Double.NaN : max, fill);
        }
    }

    /**
     * Derives the schema from a model configuration: fields, vocabulary sizes, scenarios and tasks
     * are the config's; the scenario column and its values say where each row's scenario comes
     * from.
     *
     * @param config the model configuration
     * @param scenarioColumn the source column holding the scenario, or null when every batch is
     *     given its scenario
     * @param scenarioValues the value of that column for each scenario, S of them (null when the
     *     column is null)
     * @return the schema
     * @throws IllegalArgumentException when the values do not fit the config
     */
    public static InputSchema of(
            ModelConfig config, String scenarioColumn, List<String> scenarioValues) {
        InputSchema schema = new InputSchema();
        schema.sparseFields = new ArrayList<>();
        for (int f = 0; f < config.numSparseFields(); f++) {
            schema.sparseFields.add(
                    SparseField.of(
                            config.getSparseFields().get(f),
                            config.getVocabularySizes().get(f),
                            null));
        }
        schema.denseFields = new ArrayList<>(config.getDenseFields());
        schema.scenarioColumn = scenarioColumn;
        schema.scenarioValues = scenarioValues == null ? null : new ArrayList<>(scenarioValues);
        schema.scenarios = new ArrayList<>(config.getScenarios());
        schema.tasks = new ArrayList<>(config.getTasks());
        schema.validate();
        return schema;
    }

    /**
     * Checks that a model config fits a store: the same sparse fields, dense fields, scenarios and
     * tasks, in the same order, and vocabularies that cover the store's ids.
     *
     * @param config the model configuration
     * @param store the store's schema
     * @throws IllegalArgumentException naming the first difference
     */
    public static void checkFits(ModelConfig config, StoreManifest.Schema store) {
        List<String> names = new ArrayList<>();
        for (SparseField f : store.getSparse()) {
            names.add(f.getName());
        }
        same("sparse fields", config.getSparseFields(), names, "store's");
        for (int f = 0; f < names.size(); f++) {
            int needed = store.getSparse().get(f).getVocabularySize();
            if (config.getVocabularySizes().get(f) < needed) {
                throw new IllegalArgumentException(
                        "Sparse field '"
                                + names.get(f)
                                + "' has vocabulary size "
                                + config.getVocabularySizes().get(f)
                                + " in the model config but ids up to "
                                + (needed - 1)
                                + " in the store: the config must cover the store's ids");
            }
        }
        same("dense fields", config.getDenseFields(), store.getDense(), "store's");
        same("scenarios", config.getScenarios(), store.getScenarios(), "store's");
        same("tasks", config.getTasks(), store.getTasks(), "store's");
    }

    /**
     * Derives the schema of a model trained on a prepared store: the config's fields, sizes,
     * scenarios and tasks, the store's scenario column (the store names its scenarios by their
     * value in that column, e.g. AliCCP's {@code 301} values 1, 2, 3), and the store's vocabulary
     * files, which the writer copies into the checkpoint.
     *
     * @param config the model configuration
     * @param manifest the store's manifest
     * @param storeDir the store's folder (vocabulary file paths are relative to it)
     * @return the schema
     * @throws IllegalArgumentException when the store's fields differ from the config's or a config
     *     vocabulary is smaller than the store's (the config's sizes are kept: a config may round a
     *     store size of 1 up to the minimum of 2)
     */
    public static InputSchema fromStore(
            ModelConfig config, StoreManifest manifest, java.nio.file.Path storeDir) {
        checkFits(config, manifest.getSchema());
        StoreManifest.Schema store = manifest.getSchema();
        String column = store.getScenarioField();
        InputSchema schema = of(config, column, column == null ? null : store.getScenarios());
        if (manifest.getDenseScaling() != null) {
            schema.denseScaling = new ArrayList<>();
            for (DenseScaling scaling : DenseScaling.fromManifest(manifest)) {
                schema.denseScaling.add(new DenseScale(scaling));
            }
            schema.denseMissing = new ArrayList<>();
            if (manifest.getMissing() != null) {
                schema.denseMissing.addAll(manifest.getMissing());
            } else {
                schema.denseMissing.add("");
            }
        }
        if (manifest.getSource().get("columns") instanceof Map<?, ?> columns) {
            schema.sparseColumns = strings(columns.get("sparse"));
            schema.denseColumns = strings(columns.get("dense"));
        }
        schema.quoted = Boolean.TRUE.equals(manifest.getSource().get("quoted"));
        schema.validate();
        for (SparseField f : store.getSparse()) {
            if (f.getVocabularyFile() != null) {
                schema =
                        schema.withVocabularyFile(
                                f.getName(), storeDir.resolve(f.getVocabularyFile()).toString());
            }
        }
        return schema;
    }

    private static List<String> strings(Object list) {
        if (!(list instanceof List<?> items)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object item : items) {
            out.add(String.valueOf(item));
        }
        return out;
    }

    /**
     * Returns a copy of this schema in which a sparse field maps raw values through a vocabulary
     * file; the writer copies the file into the checkpoint.
     *
     * @param field the sparse field's name
     * @param vocabularyFile the file (one {@code raw value TAB id} per line, ids in [1, V_f))
     * @return the new schema
     * @throws IllegalArgumentException when the field is not a sparse field
     */
    public InputSchema withVocabularyFile(String field, String vocabularyFile) {
        InputSchema copy = fromJson(toJson());
        for (int f = 0; f < copy.sparseFields.size(); f++) {
            SparseField s = copy.sparseFields.get(f);
            if (s.getName().equals(field)) {
                copy.sparseFields.set(
                        f,
                        SparseField.of(
                                s.getName(),
                                s.getVocabularySize(),
                                Objects.requireNonNull(vocabularyFile, "vocabularyFile")));
                return copy;
            }
        }
        throw new IllegalArgumentException(
                "'" + field + "' is not a sparse field of the schema: " + sparseFieldNames());
    }

    /**
     * Returns a copy of this schema in which the f-th sparse field maps raw values through a
     * vocabulary file (the writer's copy of it inside the checkpoint).
     *
     * @param field the sparse field's index f
     * @param vocabularyFile the file
     * @return the new schema
     */
    public InputSchema withVocabularyFile(int field, String vocabularyFile) {
        InputSchema copy = fromJson(toJson());
        SparseField s = copy.sparseFields.get(field);
        copy.sparseFields.set(
                field, SparseField.of(s.getName(), s.getVocabularySize(), vocabularyFile));
        return copy;
    }

    /**
     * Returns the sparse fields in model input order.
     *
     * @return F_s fields
     */
    public List<SparseField> getSparseFields() {
        return List.copyOf(sparseFields);
    }

    /**
     * Returns the sparse field names in model input order.
     *
     * @return F_s names
     */
    public List<String> sparseFieldNames() {
        List<String> names = new ArrayList<>();
        for (SparseField f : sparseFields) {
            names.add(f.getName());
        }
        return names;
    }

    /**
     * Returns the source column of each sparse field: the header names a scored CSV (or a row's
     * keys) must have. They are the field names unless the store's schema mapped fields to other
     * columns ({@code {"name": "city", "column": "city name"}}).
     *
     * @return F_s column names
     */
    public List<String> sparseColumns() {
        return sparseColumns != null ? List.copyOf(sparseColumns) : sparseFieldNames();
    }

    /**
     * Returns the source column of each dense field (see {@link #sparseColumns()}).
     *
     * @return F_d column names
     */
    public List<String> denseColumns() {
        return denseColumns != null ? List.copyOf(denseColumns) : getDenseFields();
    }

    /**
     * Returns whether input fields may be quoted (RFC 4180), as the store's reader allowed.
     *
     * @return true for stores prepared from schema-described CSVs
     */
    public boolean isQuoted() {
        return quoted;
    }

    /**
     * Returns the dense field names in model input order.
     *
     * @return F_d names
     */
    public List<String> getDenseFields() {
        return List.copyOf(denseFields);
    }

    /**
     * Returns the scaling the store applied to each dense field, which scoring applies too.
     *
     * @return F_d scalings in model input order, or null when none was recorded (a checkpoint of a
     *     store without scaling, or written before scaling was recorded): values are used as given
     */
    public List<DenseScaling> getDenseScaling() {
        if (denseScaling == null) {
            return null;
        }
        List<DenseScaling> out = new ArrayList<>();
        for (DenseScale scale : denseScaling) {
            out.add(scale.toScaling());
        }
        return out;
    }

    /**
     * Returns the texts that mean a missing dense value (given the fill value of {@link
     * #getDenseScaling()}).
     *
     * @return the markers, empty when no scaling was recorded
     */
    public List<String> getDenseMissing() {
        return denseMissing == null ? List.of() : List.copyOf(denseMissing);
    }

    /**
     * Returns the source column holding the scenario.
     *
     * @return the column, or null when the scenario must be given per batch
     */
    public String getScenarioColumn() {
        return scenarioColumn;
    }

    /**
     * Returns the value of the scenario column for each scenario.
     *
     * @return S values (empty when there is no scenario column)
     */
    public List<String> getScenarioValues() {
        return scenarioValues == null ? List.of() : List.copyOf(scenarioValues);
    }

    /**
     * Returns the scenario names.
     *
     * @return S names, indexed by scenario id
     */
    public List<String> getScenarios() {
        return List.copyOf(scenarios);
    }

    /**
     * Returns the task names.
     *
     * @return T names, indexed by task id
     */
    public List<String> getTasks() {
        return List.copyOf(tasks);
    }

    /**
     * Checks that this schema describes the input of a model configuration: the same sparse fields
     * with the same vocabulary sizes, dense fields, scenarios and tasks, in the same order.
     *
     * @param config the configuration
     * @throws IllegalArgumentException naming the first difference
     */
    public void checkMatches(ModelConfig config) {
        same("sparse fields", sparseFieldNames(), config.getSparseFields());
        List<Integer> sizes = new ArrayList<>();
        for (SparseField f : sparseFields) {
            sizes.add(f.getVocabularySize());
        }
        same("vocabulary sizes", sizes, config.getVocabularySizes());
        same("dense fields", denseFields, config.getDenseFields());
        same("scenarios", scenarios, config.getScenarios());
        same("tasks", tasks, config.getTasks());
    }

    private static void same(String what, List<?> schema, List<?> config) {
        same(what, config, schema, "input schema's");
    }

    private static void same(String what, List<?> config, List<?> other, String otherName) {
        if (!other.equals(config)) {
            throw new IllegalArgumentException(
                    "The "
                            + otherName
                            + " "
                            + what
                            + " "
                            + other
                            + " differ from the model config's "
                            + config);
        }
    }

    /**
     * Writes the schema as JSON.
     *
     * @return the JSON text
     */
    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * Reads a schema written by {@link #toJson()} and validates it.
     *
     * @param json the text
     * @return the schema
     * @throws IllegalArgumentException when the text is not a valid schema
     */
    public static InputSchema fromJson(String json) {
        InputSchema schema;
        try {
            schema = GSON.fromJson(json, InputSchema.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("Input schema JSON is malformed: " + e.getMessage());
        }
        if (schema == null) {
            throw new IllegalArgumentException("Input schema JSON is empty");
        }
        schema.validate();
        // A schema records no vocabulary file sizes or checksums: drop any the JSON holds, so that
        // it is written back as it was read.
        List<SparseField> fields = new ArrayList<>();
        for (SparseField f : schema.sparseFields) {
            fields.add(SparseField.of(f.getName(), f.getVocabularySize(), f.getVocabularyFile()));
        }
        schema.sparseFields = fields;
        return schema;
    }

    private void validate() {
        if (sparseFields == null || denseFields == null || scenarios == null || tasks == null) {
            throw new IllegalArgumentException(
                    "Input schema lacks sparseFields, denseFields, scenarios or tasks");
        }
        Set<String> columns = new HashSet<>();
        for (SparseField f : sparseFields) {
            if (f == null || f.getName() == null || f.getName().isEmpty()) {
                throw new IllegalArgumentException("Input schema has a sparse field without name");
            }
            if (f.getVocabularySize() < 1) {
                throw new IllegalArgumentException(
                        "Sparse field '"
                                + f.getName()
                                + "' has vocabulary size "
                                + f.getVocabularySize()
                                + ": it must be at least 1");
            }
            if (!columns.add(f.getName())) {
                throw new IllegalArgumentException("Field '" + f.getName() + "' appears twice");
            }
        }
        for (String d : denseFields) {
            if (d == null || d.isEmpty() || !columns.add(d)) {
                throw new IllegalArgumentException(
                        "Dense field '" + d + "' is empty or appears twice");
            }
        }
        if (denseScaling != null
                && (denseScaling.size() != denseFields.size() || denseScaling.contains(null))) {
            throw new IllegalArgumentException(
                    "Input schema has "
                            + denseScaling.size()
                            + " dense scalings for "
                            + denseFields.size()
                            + " dense fields "
                            + denseFields);
        }
        if (sparseColumns != null && sparseColumns.size() != sparseFields.size()
                || denseColumns != null && denseColumns.size() != denseFields.size()) {
            throw new IllegalArgumentException(
                    "Input schema has "
                            + sparseColumns
                            + " and "
                            + denseColumns
                            + " as the columns of "
                            + sparseFields.size()
                            + " sparse and "
                            + denseFields.size()
                            + " dense fields");
        }
        if (scenarios.isEmpty() || tasks.isEmpty()) {
            throw new IllegalArgumentException("Input schema needs at least one scenario and task");
        }
        if (scenarioColumn != null) {
            if (scenarioValues == null || scenarioValues.size() != scenarios.size()) {
                throw new IllegalArgumentException(
                        "Scenario column '"
                                + scenarioColumn
                                + "' needs one value per scenario ("
                                + scenarios.size()
                                + " scenarios "
                                + scenarios
                                + "), got "
                                + scenarioValues);
            }
            if (new HashSet<>(scenarioValues).size() != scenarioValues.size()) {
                throw new IllegalArgumentException(
                        "Scenario values " + scenarioValues + " must be distinct");
            }
        } else if (scenarioValues != null && !scenarioValues.isEmpty()) {
            throw new IllegalArgumentException(
                    "Scenario values " + scenarioValues + " are given without a scenario column");
        }
    }
}
