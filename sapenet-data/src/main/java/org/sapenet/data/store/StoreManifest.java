/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.ToNumberPolicy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sapenet.data.error.StoreException;
import org.sapenet.data.schema.StoreSchema;

/**
 * The {@code manifest.json} of a prepared store: format version, schema with vocabulary sizes, per
 * split row counts (total and per scenario), label rates, the column files with their sizes and
 * CRC32C, the source options and the skipped-row counts. The field names below are the JSON keys.
 */
public final class StoreManifest {

    private static final Gson GSON =
            new GsonBuilder()
                    .setPrettyPrinting()
                    .disableHtmlEscaping()
                    .serializeNulls()
                    // Integers in the source section (seed, counts) read back as integers.
                    .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
                    .create();

    private String format;
    private int formatVersion;
    private String byteOrder;
    private String checksum;
    private String createdAt;
    private Schema schema;
    private Map<String, SplitInfo> splits = new LinkedHashMap<>();
    private SourceFormat sourceFormat;
    private Map<String, DenseRange> denseScaling;
    private List<String> missing;
    private Map<String, Object> source = new LinkedHashMap<>();
    private Errors errors;

    StoreManifest() {}

    /** The schema section: fields, vocabulary sizes, scenarios and tasks. */
    public static final class Schema {
        private List<SparseField> sparse = new ArrayList<>();
        private List<String> dense = new ArrayList<>();
        private List<String> scenarios = new ArrayList<>();
        private List<String> tasks = new ArrayList<>();
        private String scenarioField;

        /**
         * Returns the sparse fields.
         *
         * @return the F sparse fields in store order
         */
        public List<SparseField> getSparse() {
            return sparse;
        }

        /**
         * Returns the dense field names.
         *
         * @return the Fd names in store order
         */
        public List<String> getDense() {
            return dense;
        }

        /**
         * Returns the scenario names.
         *
         * @return S names, indexed by scenario id
         */
        public List<String> getScenarios() {
            return scenarios;
        }

        /**
         * Returns the task names.
         *
         * @return T names, indexed by task id
         */
        public List<String> getTasks() {
            return tasks;
        }

        /**
         * Returns the source column of the scenario id.
         *
         * @return the column name, or null
         */
        public String getScenarioField() {
            return scenarioField;
        }
    }

    /**
     * One sparse field: its name, vocabulary size (max id + 1 over all splits) and vocab file. A
     * checkpoint's input schema ({@code sapenet-serve}) describes its fields with this type too,
     * without the file's size and checksum.
     */
    public static final class SparseField {
        private String name;
        private int vocabularySize;
        private String vocabularyFile;
        // formats: vocabulary file size and checksum (null without a vocabulary file)
        private Long vocabularyBytes;
        private String vocabularyCrc32c;

        SparseField() {}

        SparseField(String name, int vocabularySize, String vocabularyFile) {
            this.name = name;
            this.vocabularySize = vocabularySize;
            this.vocabularyFile = vocabularyFile;
        }

        /**
         * Describes a field without the size and checksum of its vocabulary file (both null), as a
         * checkpoint's input schema records it.
         *
         * @param name the field name
         * @param vocabularySize the number of ids including 0 (unknown)
         * @param vocabularyFile the vocabulary file, or null when the field holds encoded ids
         * @return the field
         */
        public static SparseField of(String name, int vocabularySize, String vocabularyFile) {
            return new SparseField(name, vocabularySize, vocabularyFile);
        }

        /**
         * Returns the field name.
         *
         * @return the name
         */
        public String getName() {
            return name;
        }

        /**
         * Returns the number of embedding rows the field needs: max id + 1 over all splits.
         *
         * @return the vocabulary size
         */
        public int getVocabularySize() {
            return vocabularySize;
        }

        /**
         * Returns the vocabulary file (raw value to id) relative to the store, when the source
         * built one.
         *
         * @return e.g. {@code vocab/003-user_id.tsv}, or null (processed AliCCP is already encoded)
         */
        public String getVocabularyFile() {
            return vocabularyFile;
        }

        /**
         * Returns the size of the vocabulary file.
         *
         * @return bytes, or null without a vocabulary file
         */
        public Long getVocabularyBytes() {
            return vocabularyBytes;
        }

        /**
         * Returns the CRC32C of the vocabulary file as 8 lower-case hex digits.
         *
         * @return the checksum, or null without a vocabulary file
         */
        public String getVocabularyCrc32c() {
            return vocabularyCrc32c;
        }
    }

    /**
     * The scaling a store applied to one dense field ({@code denseScaling} in the manifest): {@code
     * scaling} {@code minmax} (with the training {@code min} and {@code max}, null when no training
     * value was seen) or {@code none}, and the {@code fill} of a missing value.
     */
    public static final class DenseRange {
        private String scaling;
        private double fill;
        private Double min;
        private Double max;

        DenseRange() {}

        /**
         * Describes min-max scaling with the training range.
         *
         * @param min the training minimum, null when no training value was seen
         * @param max the training maximum, null when no training value was seen
         * @param fill the value of a missing input
         * @return the range
         */
        public static DenseRange minMax(Double min, Double max, double fill) {
            DenseRange range = new DenseRange();
            range.scaling = MIN_MAX;
            range.min = min;
            range.max = max;
            range.fill = fill;
            return range;
        }

        /**
         * Describes a field kept as it is.
         *
         * @param fill the value of a missing input
         * @return the range
         */
        public static DenseRange none(double fill) {
            DenseRange range = new DenseRange();
            range.scaling = NONE;
            range.fill = fill;
            return range;
        }

        /**
         * Returns whether values are min-max scaled.
         *
         * @return true for {@code minmax}
         */
        public boolean isMinMax() {
            return MIN_MAX.equals(scaling);
        }

        /**
         * Returns the training minimum.
         *
         * @return the minimum, or null
         */
        public Double getMin() {
            return min;
        }

        /**
         * Returns the training maximum.
         *
         * @return the maximum, or null
         */
        public Double getMax() {
            return max;
        }

        /**
         * Returns the value of a missing input.
         *
         * @return the fill
         */
        public double getFill() {
            return fill;
        }
    }

    private static final String MIN_MAX = "minmax";
    private static final String NONE = "none";

    /** The keys version 1 kept in the source map that version 2 records as typed keys. */
    private static final String V1_FORMAT = "format";

    private static final String V1_DENSE_SCALING = "denseScaling";
    private static final String V1_MISSING = "missing";

    /** One split: row counts, label statistics and column files. */
    public static final class SplitInfo {
        private long rows;
        private long[] rowsPerScenario;
        private Map<String, Double> labelRate = new LinkedHashMap<>();
        private Map<String, long[]> positivesPerScenario = new LinkedHashMap<>();
        private Map<String, long[]> labelledPerScenario = new LinkedHashMap<>();
        private List<ColumnInfo> columns = new ArrayList<>();

        /**
         * Returns the number of rows.
         *
         * @return the rows
         */
        public long getRows() {
            return rows;
        }

        /**
         * Returns the rows of each scenario.
         *
         * @return S counts
         */
        public long[] getRowsPerScenario() {
            return rowsPerScenario.clone();
        }

        /**
         * Returns the positive rate of each task over the rows that carry its label.
         *
         * @return task name to rate (null when no row carries the label)
         */
        public Map<String, Double> getLabelRate() {
            return labelRate;
        }

        /**
         * Returns the positive labels of a task per scenario.
         *
         * @param task the task name
         * @return S counts
         */
        public long[] positives(String task) {
            return positivesPerScenario.get(task).clone();
        }

        /**
         * Returns the rows carrying a label (mask 1) for a task, per scenario.
         *
         * @param task the task name
         * @return S counts
         */
        public long[] labelled(String task) {
            return labelledPerScenario.get(task).clone();
        }

        /**
         * Returns the column files.
         *
         * @return the columns in file order
         */
        public List<ColumnInfo> getColumns() {
            return columns;
        }
    }

    /** One column file: what it holds, its type, size and checksum. */
    public static final class ColumnInfo {
        private String name;
        private String file;
        private String type;
        private long bytes;
        private String crc32c;

        ColumnInfo() {}

        ColumnInfo(String name, String file, ColumnType type, long bytes, long crc32c) {
            this.name = name;
            this.file = file;
            this.type = type.key();
            this.bytes = bytes;
            this.crc32c = String.format("%08x", crc32c);
        }

        /**
         * Returns what the column holds, e.g. {@code sparse:101}, {@code label:click}.
         *
         * @return the column name
         */
        public String getName() {
            return name;
        }

        /**
         * Returns the file name inside the split folder.
         *
         * @return the file name
         */
        public String getFile() {
            return file;
        }

        /**
         * Returns the element type's manifest name.
         *
         * @return {@code int32}, {@code float32} or {@code uint8}
         */
        public String getType() {
            return type;
        }

        /**
         * Returns the file size.
         *
         * @return bytes
         */
        public long getBytes() {
            return bytes;
        }

        /**
         * Returns the CRC32C of the file as 8 lower-case hex digits.
         *
         * @return the checksum
         */
        public String getCrc32c() {
            return crc32c;
        }
    }

    /** The error-handling section: the policy and the rows skipped by reason. */
    public static final class Errors {
        private String policy;
        private long skippedTotal;
        private Map<String, Long> skipped = new LinkedHashMap<>();
        private Map<String, String> examples = new LinkedHashMap<>();

        /**
         * Returns the policy used.
         *
         * @return {@code fail} or {@code skip}
         */
        public String getPolicy() {
            return policy;
        }

        /**
         * Returns the skipped rows.
         *
         * @return the total
         */
        public long getSkippedTotal() {
            return skippedTotal;
        }

        /**
         * Returns the skipped rows by reason.
         *
         * @return reason key to count
         */
        public Map<String, Long> getSkipped() {
            return skipped;
        }

        /**
         * Returns the first error message of each reason.
         *
         * @return reason key to message
         */
        public Map<String, String> getExamples() {
            return examples;
        }
    }

    static StoreManifest create(StoreSchema schema, int[] vocabularySizes) {
        return create(schema, vocabularySizes, new VocabularyInfo[vocabularySizes.length]);
    }

    /** formats: where a field's vocabulary file is, with its size and checksum. */
    record VocabularyInfo(String file, long bytes, long crc32c) {}

    static StoreManifest create(
            StoreSchema schema, int[] vocabularySizes, VocabularyInfo[] vocabularies) {
        StoreManifest manifest = new StoreManifest();
        manifest.format = StoreFormat.FORMAT_NAME;
        manifest.formatVersion = StoreFormat.VERSION;
        manifest.byteOrder = StoreFormat.BYTE_ORDER_NAME;
        manifest.checksum = StoreFormat.CHECKSUM_NAME;
        manifest.createdAt = java.time.Instant.now().toString();
        Schema section = new Schema();
        for (int f = 0; f < schema.sparseCount(); f++) {
            VocabularyInfo vocabulary = vocabularies[f];
            SparseField field =
                    new SparseField(
                            schema.getSparseFields().get(f),
                            vocabularySizes[f],
                            vocabulary == null ? null : vocabulary.file());
            if (vocabulary != null) {
                field.vocabularyBytes = vocabulary.bytes();
                field.vocabularyCrc32c = String.format("%08x", vocabulary.crc32c());
            }
            section.sparse.add(field);
        }
        section.dense.addAll(schema.getDenseFields());
        section.scenarios.addAll(schema.getScenarios());
        section.tasks.addAll(schema.getTasks());
        section.scenarioField = schema.getScenarioField();
        manifest.schema = section;
        return manifest;
    }

    static SplitInfo splitInfo(
            long rows,
            long[] rowsPerScenario,
            List<String> tasks,
            long[][] positives,
            long[][] labelled,
            List<ColumnInfo> columns) {
        SplitInfo info = new SplitInfo();
        info.rows = rows;
        info.rowsPerScenario = rowsPerScenario.clone();
        for (int t = 0; t < tasks.size(); t++) {
            long pos = 0;
            long lab = 0;
            for (int s = 0; s < rowsPerScenario.length; s++) {
                pos += positives[t][s];
                lab += labelled[t][s];
            }
            info.labelRate.put(tasks.get(t), lab == 0 ? null : (double) pos / lab);
            info.positivesPerScenario.put(tasks.get(t), positives[t].clone());
            info.labelledPerScenario.put(tasks.get(t), labelled[t].clone());
        }
        info.columns.addAll(columns);
        return info;
    }

    void putSplit(Split split, SplitInfo info) {
        splits.put(split.key(), info);
    }

    void setSource(
            SourceFormat format,
            Map<String, Object> options,
            Map<String, DenseRange> denseScaling,
            List<String> missing) {
        for (String key : List.of(V1_FORMAT, V1_DENSE_SCALING, V1_MISSING)) {
            if (options.containsKey(key)) {
                throw new IllegalArgumentException(
                        "'" + key + "' is a typed manifest key, not a source option");
            }
        }
        this.sourceFormat = format;
        this.source = new LinkedHashMap<>(options);
        this.denseScaling = denseScaling == null ? null : new LinkedHashMap<>(denseScaling);
        this.missing = missing == null ? null : new ArrayList<>(missing);
    }

    /**
     * Reads a version 1 manifest's source format, dense scaling and missing markers out of its
     * source map into the typed keys, as version 2 records them. A version 1 range is min-max
     * exactly when it has a {@code min} key; its fill is 0 unless it records one.
     */
    private void upgradeVersion1() {
        if (source == null) {
            source = new LinkedHashMap<>();
        }
        Object format = source.remove(V1_FORMAT);
        sourceFormat = format == null ? null : SourceFormat.fromKey(format.toString());
        Object scaling = source.remove(V1_DENSE_SCALING);
        if (scaling instanceof Map<?, ?> byField) {
            denseScaling = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : byField.entrySet()) {
                if (!(entry.getValue() instanceof Map<?, ?> range)) {
                    continue;
                }
                double fill = range.get("fill") instanceof Number f ? f.doubleValue() : 0.0;
                DenseRange typed;
                if (range.containsKey("min")) {
                    typed =
                            DenseRange.minMax(
                                    number(range.get("min")), number(range.get("max")), fill);
                } else {
                    typed = DenseRange.none(fill);
                }
                denseScaling.put(String.valueOf(entry.getKey()), typed);
            }
        }
        Object markers = source.remove(V1_MISSING);
        if (markers instanceof List<?> list) {
            missing = new ArrayList<>();
            for (Object marker : list) {
                missing.add(String.valueOf(marker));
            }
        }
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    void setErrors(String policy, long total, Map<String, Long> skipped, Map<String, String> ex) {
        Errors section = new Errors();
        section.policy = policy;
        section.skippedTotal = total;
        section.skipped.putAll(skipped);
        section.examples.putAll(ex);
        this.errors = section;
    }

    /**
     * Parses a manifest.
     *
     * @param json the text of {@code manifest.json}
     * @param where the file, for messages
     * @return the manifest
     * @throws StoreException when the text is not a manifest
     */
    static StoreManifest parse(String json, String where) {
        try {
            StoreManifest manifest = GSON.fromJson(json, StoreManifest.class);
            if (manifest == null) {
                throw new StoreException(where + " is empty: not a prepared store");
            }
            if (manifest.formatVersion == 1) {
                manifest.upgradeVersion1();
            }
            return manifest;
        } catch (JsonParseException e) {
            throw new StoreException(
                    where
                            + " is not a valid manifest (damaged or not a sapenet store): "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Returns the manifest as pretty-printed JSON.
     *
     * @return the JSON text
     */
    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * Returns the format name.
     *
     * @return {@value StoreFormat#FORMAT_NAME} for a valid store
     */
    public String getFormat() {
        return format;
    }

    /**
     * Returns the format version.
     *
     * @return the version
     */
    public int getFormatVersion() {
        return formatVersion;
    }

    /**
     * Returns the byte order name.
     *
     * @return {@value StoreFormat#BYTE_ORDER_NAME}
     */
    public String getByteOrder() {
        return byteOrder;
    }

    /**
     * Returns the checksum algorithm.
     *
     * @return {@value StoreFormat#CHECKSUM_NAME}
     */
    public String getChecksum() {
        return checksum;
    }

    /**
     * Returns when the store was written.
     *
     * @return an ISO-8601 instant
     */
    public String getCreatedAt() {
        return createdAt;
    }

    /**
     * Returns the schema section.
     *
     * @return the schema with vocabulary sizes
     */
    public Schema getSchema() {
        return schema;
    }

    /**
     * Returns the split sections by split key.
     *
     * @return {@code train}, {@code val}, {@code test} to their info
     */
    public Map<String, SplitInfo> getSplits() {
        return splits;
    }

    /**
     * Returns one split's section.
     *
     * @param split the split
     * @return its info
     */
    public SplitInfo split(Split split) {
        return splits.get(split.key());
    }

    /**
     * Returns the input the store was prepared from ({@code sourceFormat}; a version 1 store's
     * {@code source.format}).
     *
     * @return the format, or null when the manifest records none or one this code does not know
     */
    public SourceFormat getSourceFormat() {
        return sourceFormat;
    }

    /**
     * Returns the scaling the store applied to its dense fields ({@code denseScaling}).
     *
     * @return dense field name to its range, or null when the source recorded none (processed
     *     AliCCP, KuaiSAR)
     */
    public Map<String, DenseRange> getDenseScaling() {
        return denseScaling;
    }

    /**
     * Returns the input texts that meant a missing value ({@code missing}).
     *
     * @return the markers, or null when the source recorded none (only schema CSV does)
     */
    public List<String> getMissing() {
        return missing;
    }

    /**
     * Returns the source section: input files and the options used (the source format, dense
     * scaling and missing markers have their own keys: {@link #getSourceFormat}, {@link
     * #getDenseScaling}, {@link #getMissing}).
     *
     * @return the source description
     */
    public Map<String, Object> getSource() {
        return source;
    }

    /**
     * Returns the error-handling section.
     *
     * @return the policy and skipped counts
     */
    public Errors getErrors() {
        return errors;
    }

    /**
     * Returns the schema as a {@link StoreSchema}.
     *
     * @return the schema
     */
    public StoreSchema toSchema() {
        List<String> sparse = new ArrayList<>();
        for (SparseField field : schema.sparse) {
            sparse.add(field.name);
        }
        return new StoreSchema(
                sparse, schema.dense, schema.scenarios, schema.tasks, schema.scenarioField);
    }

    /**
     * Returns the vocabulary size of each sparse field.
     *
     * @return F sizes (max id + 1 over all splits)
     */
    public int[] vocabularySizes() {
        int[] sizes = new int[schema.sparse.size()];
        for (int f = 0; f < sizes.length; f++) {
            sizes[f] = schema.sparse.get(f).vocabularySize;
        }
        return sizes;
    }

    /**
     * Returns the identity of the store's content: a SHA-256 (16 hex digits shown) over the schema,
     * every split's column files (name, size, CRC32C) and the vocabulary files' checksums, and
     * nothing else (not the creation time, not the folder). Two stores with the same identity hold
     * the same rows; a run or grid compares it to refuse mixing stores.
     *
     * @return 16 lower-case hex digits
     */
    public String contentId() {
        StringBuilder sb = new StringBuilder(GSON.toJson(schema));
        for (Map.Entry<String, SplitInfo> split : splits.entrySet()) {
            sb.append('\n').append(split.getKey()).append(' ').append(split.getValue().getRows());
            for (ColumnInfo column : split.getValue().getColumns()) {
                sb.append('\n')
                        .append(column.getName())
                        .append(' ')
                        .append(column.getBytes())
                        .append(' ')
                        .append(column.getCrc32c());
            }
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
