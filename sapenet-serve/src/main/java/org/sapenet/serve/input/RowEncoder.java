/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.input;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sapenet.data.error.ErrorReason;
import org.sapenet.data.error.StoreException;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.vocab.DenseScaling;
import org.sapenet.data.vocab.Vocabulary;

/**
 * Turns raw field values into model input with the training rules (see {@link InputSchema}): ids of
 * encoded fields parsed and an id at or above V_f mapped to 0, raw values of vocabulary fields
 * looked up and unseen ones mapped to 0, dense values parsed as finite decimals and scaled as the
 * store scaled them (a missing marker of the store takes the store's fill value), the scenario
 * column mapped to the scenario id. A value that is not what the field needs is a {@link
 * ValueException} with an {@link ErrorReason} and what was expected; the caller adds where it was.
 *
 * <p>Immutable after construction and safe to share between threads.
 */
public final class RowEncoder {

    private final InputSchema schema;
    private final int[] vocabularySizes;
    private final List<Vocabulary> vocabularies;
    private final Map<String, Integer> scenarioByValue;
    private final Map<String, Integer> scenarioByName;
    private final int scenarioSparseField;
    private final List<DenseScaling> denseScaling;
    private final Set<String> denseMissing;

    private RowEncoder(InputSchema schema, List<Vocabulary> vocabularies) {
        this.schema = schema;
        denseScaling = schema.getDenseScaling();
        denseMissing = new HashSet<>(schema.getDenseMissing());
        List<StoreManifest.SparseField> fields = schema.getSparseFields();
        vocabularySizes = new int[fields.size()];
        int scenarioField = -1;
        List<String> columns = schema.sparseColumns();
        for (int f = 0; f < fields.size(); f++) {
            vocabularySizes[f] = fields.get(f).getVocabularySize();
            if (columns.get(f).equals(schema.getScenarioColumn())) {
                scenarioField = f;
            }
        }
        this.vocabularies = vocabularies;
        this.scenarioSparseField = scenarioField;
        scenarioByValue = new HashMap<>();
        List<String> values = schema.getScenarioValues();
        for (int s = 0; s < values.size(); s++) {
            scenarioByValue.put(values.get(s), s);
        }
        scenarioByName = new HashMap<>();
        List<String> names = schema.getScenarios();
        for (int s = 0; s < names.size(); s++) {
            scenarioByName.put(names.get(s), s);
        }
    }

    /**
     * Creates the encoder of a schema, reading its vocabulary files.
     *
     * @param schema the input schema
     * @param baseDir the folder the schema's vocabulary file paths are relative to (the checkpoint)
     * @return the encoder
     * @throws IOException when a vocabulary file cannot be read
     * @throws IllegalArgumentException when a vocabulary file is malformed
     */
    public static RowEncoder of(InputSchema schema, Path baseDir) throws IOException {
        List<Vocabulary> vocabularies = new ArrayList<>();
        for (StoreManifest.SparseField field : schema.getSparseFields()) {
            String file = field.getVocabularyFile();
            if (file == null) {
                vocabularies.add(null);
                continue;
            }
            Vocabulary vocabulary;
            try {
                vocabulary = Vocabulary.read(baseDir.resolve(file));
            } catch (StoreException e) {
                throw new IOException(e.getMessage(), e);
            }
            if (vocabulary.size() > field.getVocabularySize()) {
                throw new IOException(
                        baseDir.resolve(file)
                                + ": "
                                + vocabulary.size()
                                + " ids, but the model's field '"
                                + field.getName()
                                + "' has "
                                + field.getVocabularySize());
            }
            vocabularies.add(vocabulary);
        }
        return new RowEncoder(schema, vocabularies);
    }

    /**
     * Returns the schema.
     *
     * @return the schema
     */
    public InputSchema getSchema() {
        return schema;
    }

    /**
     * Returns F_s.
     *
     * @return the number of sparse fields
     */
    public int sparseFields() {
        return vocabularySizes.length;
    }

    /**
     * Returns F_d.
     *
     * @return the number of dense fields
     */
    public int denseFields() {
        return schema.getDenseFields().size();
    }

    /**
     * Returns whether a sparse field maps raw values through a vocabulary.
     *
     * @param field the sparse field
     * @return true for vocabulary fields, false for encoded ids
     */
    public boolean hasVocabulary(int field) {
        return vocabularies.get(field) != null;
    }

    /**
     * Applies the unknown-id rule of an encoded field: an id at or above V_f is unknown.
     *
     * @param field the sparse field
     * @param id a non-negative id
     * @return the id, or 0 when it is at or above the field's vocabulary size
     */
    public int knownId(int field, int id) {
        return id >= vocabularySizes[field] ? 0 : id;
    }

    /**
     * Looks a raw value up in a vocabulary field's vocabulary.
     *
     * @param field a field with a vocabulary ({@link #hasVocabulary(int)})
     * @param raw the raw value
     * @return its id, or 0 when unseen
     */
    public int vocabularyId(int field, String raw) {
        return vocabularies.get(field).id(raw);
    }

    /**
     * Returns the scenario of a value of the scenario column.
     *
     * @param raw the value
     * @return 0..S-1, or -1 when the value names no scenario
     */
    public int scenarioOfValue(String raw) {
        Integer s = scenarioByValue.get(raw);
        return s == null ? -1 : s;
    }

    /**
     * Returns the scenario values as a message lists them: {@code 1, 2 or 3}.
     *
     * @return the text
     */
    public String scenarioValuesText() {
        List<String> values = schema.getScenarioValues();
        if (values.size() == 1) {
            return values.get(0);
        }
        return String.join(", ", values.subList(0, values.size() - 1))
                + " or "
                + values.get(values.size() - 1);
    }

    /**
     * Encodes a sparse value held in {@code text[start, end)}.
     *
     * @param field the sparse field
     * @param text the text holding the value
     * @param start the value's first character
     * @param end one past its last character
     * @return the id, 0 when unknown
     * @throws ValueException when an encoded field's value is not a non-negative 32-bit integer
     */
    public int encodeSparse(int field, String text, int start, int end) {
        Vocabulary vocabulary = vocabularies.get(field);
        if (vocabulary != null) {
            return vocabulary.id(text.substring(start, end));
        }
        if (start == end) {
            throw new ValueException(
                    ErrorReason.BAD_ID, "expected a non-negative integer id below 2^31-1, got ''");
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new ValueException(
                        ErrorReason.BAD_ID,
                        "expected a non-negative integer id below 2^31-1, got '"
                                + text.substring(start, end)
                                + "'");
            }
            value = value * 10 + digit;
            if (value >= Integer.MAX_VALUE) {
                throw new ValueException(
                        ErrorReason.BAD_ID,
                        "expected a non-negative integer id below 2^31-1, got '"
                                + text.substring(start, end)
                                + "'");
            }
        }
        return value >= vocabularySizes[field] ? 0 : (int) value;
    }

    /**
     * Encodes a sparse value.
     *
     * @param field the sparse field
     * @param raw the raw value
     * @return the id, 0 when unknown
     * @throws ValueException when an encoded field's value is not a non-negative integer
     */
    public int encodeSparse(int field, String raw) {
        return encodeSparse(field, raw, 0, raw.length());
    }

    /**
     * Encodes a dense value held in {@code text[start, end)}: parsed, then scaled as in training; a
     * missing marker takes the field's fill value when the schema records scaling.
     *
     * @param field the dense field
     * @param text the text holding the value
     * @param start the value's first character
     * @param end one past its last character
     * @return the model input value
     * @throws ValueException when it is neither a finite decimal number nor a missing marker
     */
    public float encodeDense(int field, String text, int start, int end) {
        String raw = text.substring(start, end);
        if (isDenseMissing(raw)) {
            return denseScaling.get(field).getFill();
        }
        float value;
        try {
            value = Float.parseFloat(raw);
        } catch (NumberFormatException e) {
            throw new ValueException(
                    ErrorReason.BAD_NUMBER, "expected a decimal number, got '" + raw + "'");
        }
        if (!Float.isFinite(value)) {
            throw new ValueException(
                    ErrorReason.NOT_FINITE, "expected a finite number, got '" + raw + "'");
        }
        return scaleDense(field, value);
    }

    /**
     * Encodes a dense value.
     *
     * @param field the dense field
     * @param raw the raw value
     * @return the model input value
     * @throws ValueException when it is neither a finite decimal number nor a missing marker
     */
    public float encodeDense(int field, String raw) {
        return encodeDense(field, raw, 0, raw.length());
    }

    /**
     * Returns whether the schema records the store's dense scaling.
     *
     * @return true when dense values are scaled and missing markers filled
     */
    public boolean scalesDense() {
        return denseScaling != null;
    }

    /**
     * Returns whether a raw dense value is missing: one of the store's missing markers, when the
     * schema records scaling (without it every value must be a number).
     *
     * @param raw the raw value
     * @return true when it takes the fill value
     */
    public boolean isDenseMissing(String raw) {
        return denseScaling != null && denseMissing.contains(raw);
    }

    /**
     * Returns the value a missing dense input takes.
     *
     * @param field the dense field
     * @return the fill value (0 without recorded scaling)
     */
    public float denseFill(int field) {
        return denseScaling == null ? 0f : denseScaling.get(field).getFill();
    }

    /**
     * Scales a parsed finite dense value as the store scaled it.
     *
     * @param field the dense field
     * @param value the raw value
     * @return the model input value (the value itself without recorded scaling)
     */
    public float scaleDense(int field, float value) {
        return denseScaling == null ? value : denseScaling.get(field).apply(value);
    }

    /**
     * Maps a value of the scenario column to its scenario id.
     *
     * @param text the text holding the value
     * @param start the value's first character
     * @param end one past its last character
     * @return 0..S-1
     * @throws ValueException when the value names no scenario
     */
    public int encodeScenario(String text, int start, int end) {
        String raw = text.substring(start, end);
        int s = scenarioOfValue(raw);
        if (s < 0) {
            throw new ValueException(
                    ErrorReason.BAD_SCENARIO,
                    "expected scenario value " + scenarioValuesText() + ", got '" + raw + "'");
        }
        return s;
    }

    /**
     * Returns the scenario every row is scored in, or -1 when each row's scenario comes from its
     * scenario column. A model without a scenario column and with one scenario puts every row in
     * it.
     *
     * @param scenario the scenario given for all rows (name or scenario-column value), or null
     * @return the scenario id in [0, S), or -1 to read each row's scenario column
     * @throws IllegalArgumentException when the scenario is unknown, or when none is given and the
     *     model has several scenarios and no scenario column
     */
    public int fixedScenario(String scenario) {
        if (scenario != null) {
            return scenarioId(scenario);
        }
        if (schema.getScenarioColumn() != null) {
            return -1;
        }
        if (schema.getScenarios().size() == 1) {
            return 0;
        }
        throw new IllegalArgumentException(
                "The model has no scenario column and "
                        + schema.getScenarios().size()
                        + " scenarios "
                        + schema.getScenarios()
                        + ": give the scenario of the rows (sapenet score --scenario NAME)");
    }

    /**
     * Returns the id of a scenario given by name (or by its value in the scenario column).
     *
     * @param scenario the name
     * @return 0..S-1
     * @throws IllegalArgumentException naming the known scenarios
     */
    public int scenarioId(String scenario) {
        Integer s = scenarioByName.get(scenario);
        if (s == null) {
            s = scenarioByValue.get(scenario);
        }
        if (s == null) {
            throw new IllegalArgumentException(
                    "Unknown scenario '"
                            + scenario
                            + "': the model knows "
                            + schema.getScenarios()
                            + (schema.getScenarioColumn() == null
                                    ? ""
                                    : " (values of column '"
                                            + schema.getScenarioColumn()
                                            + "': "
                                            + schema.getScenarioValues()
                                            + ")"));
        }
        return s;
    }

    /**
     * Returns the sparse field that is also the scenario column (AliCCP's {@code 301}).
     *
     * @return its index, or -1 when the scenario column is not a sparse field
     */
    public int scenarioSparseField() {
        return scenarioSparseField;
    }

    /**
     * Returns the id the scenario column's sparse field takes in a scenario: what a row scored in
     * that scenario carries in that field, as in training.
     *
     * @param scenario the scenario id
     * @return the encoded id
     */
    public int scenarioFeatureId(int scenario) {
        return encodeSparse(scenarioSparseField, schema.getScenarioValues().get(scenario));
    }

    /**
     * Encodes raw rows keyed by source column name.
     *
     * @param rows the rows (label columns and other extra keys are ignored)
     * @param scenario the scenario of the whole batch, or null to read each row's scenario column
     * @return the batch
     * @throws IllegalArgumentException naming the row and key of the first value that is missing or
     *     not what its field needs
     */
    public ScoringBatch encode(List<Map<String, String>> rows, String scenario) {
        int b = rows.size();
        int fs = sparseFields();
        int fd = denseFields();
        int[] sparse = new int[b * fs];
        float[] dense = new float[b * fd];
        int[] scenarios = new int[b];
        int fixed = fixedScenario(scenario);
        List<String> sparseNames = schema.sparseColumns();
        List<String> denseNames = schema.denseColumns();
        for (int r = 0; r < b; r++) {
            Map<String, String> row = rows.get(r);
            String key = null;
            try {
                for (int f = 0; f < fs; f++) {
                    if (fixed >= 0 && f == scenarioSparseField) {
                        sparse[r * fs + f] = scenarioFeatureId(fixed);
                        continue;
                    }
                    key = sparseNames.get(f);
                    sparse[r * fs + f] = encodeSparse(f, required(row, key));
                }
                for (int j = 0; j < fd; j++) {
                    key = denseNames.get(j);
                    String raw = required(row, key);
                    dense[r * fd + j] = encodeDense(j, raw);
                }
                if (fixed >= 0) {
                    scenarios[r] = fixed;
                } else {
                    key = schema.getScenarioColumn();
                    String raw = required(row, key);
                    scenarios[r] = encodeScenario(raw, 0, raw.length());
                }
            } catch (ValueException e) {
                throw new IllegalArgumentException(
                        "Row " + r + ", column '" + key + "': " + e.getMessage(), e);
            }
        }
        return ScoringBatch.ofFlat(b, fs, sparse, fd, dense, scenarios);
    }

    private static String required(Map<String, String> row, String key) {
        String value = row.get(key);
        if (value == null) {
            throw new ValueException(ErrorReason.COLUMN_COUNT, "the row has no value");
        }
        return value;
    }
}
