/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.csv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.ErrorReason;
import org.sapenet.data.error.SkipReport;
import org.sapenet.data.schema.StoreSchema;
import org.sapenet.data.source.CsvCursor;
import org.sapenet.data.source.HeaderIndex;
import org.sapenet.data.source.PrepareOptions;
import org.sapenet.data.source.PreparerBuilder;
import org.sapenet.data.source.SplitPolicy;
import org.sapenet.data.source.StorePreparer;
import org.sapenet.data.source.aliccp.AliccpRawPreparer;
import org.sapenet.data.store.SourceFormat;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.store.StoreRow;
import org.sapenet.data.store.StoreWriter;
import org.sapenet.data.vocab.FrozenVocabulary;
import org.sapenet.data.vocab.ValueTable;
import org.sapenet.data.vocab.VocabularyRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a store from any CSV (header line, RFC 4180 quoting) described by a {@link CsvSchema}:
 * raw sparse values are encoded through vocabularies built on the training rows and stored in the
 * store; dense values are parsed (missing ones filled) and optionally min-max scaled with the
 * training range; labels are mapped through the task's positive and negative texts.
 *
 * <p>Inputs: three files (train, val, test: the official split) or one file split 8:1:1 with a
 * seed. Streams each file twice (count, then encode); memory is the vocabularies' distinct values.
 */
public final class SchemaCsvPreparer implements StorePreparer {

    private static final Logger LOGGER = LoggerFactory.getLogger(SchemaCsvPreparer.class);

    /** The name of the {@link PrepareOptions} argument holding the schema file's path. */
    public static final String SCHEMA = "schema";

    private final CsvSchema schema;
    private final Path schemaFile;
    private final EnumMap<Split, Path> files;
    private final Path single;
    private final Path output;
    private final SplitPolicy split;
    private final ErrorPolicy errorPolicy;
    private final boolean force;

    private final StoreSchema storeSchema;
    private final ValueTable[] tables;
    private final byte[][] missing;
    private final byte[][] scenarioValues;
    private final byte[][][] positives;
    private final byte[][][] negatives;
    private final float[] min;
    private final float[] max;
    private FrozenVocabulary[] vocabularies;

    private SchemaCsvPreparer(Builder builder) {
        PrepareOptions options = builder.getOptions();
        this.schema = builder.schema;
        this.schemaFile = builder.schemaFile;
        this.files = builder.files;
        this.single = builder.single;
        this.output = options.getOutput();
        this.split =
                single != null ? SplitPolicy.random(options.getSeed()) : SplitPolicy.official();
        this.errorPolicy = options.getErrorPolicy();
        this.force = options.isForce();
        storeSchema = schema.toStoreSchema();
        tables = new ValueTable[schema.getSparse().size()];
        for (int f = 0; f < tables.length; f++) {
            tables[f] = new ValueTable();
        }
        missing = bytes(schema.getMissing());
        scenarioValues = bytes(schema.getScenarios());
        positives = new byte[schema.getTasks().size()][][];
        negatives = new byte[schema.getTasks().size()][][];
        for (int t = 0; t < positives.length; t++) {
            positives[t] = bytes(schema.getTasks().get(t).positive());
            negatives[t] = bytes(schema.getTasks().get(t).negative());
        }
        min = new float[schema.getDense().size()];
        max = new float[schema.getDense().size()];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
    }

    private static byte[][] bytes(List<String> texts) {
        byte[][] out = new byte[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = texts.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return out;
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes the preparer of generic options: the argument {@value #SCHEMA} (the schema file,
     * required), whose fields' vocabulary rules default to the options' minimum count (else 1) and
     * id bound (else none); the input as one file split 8:1:1 by the seed, or three files named per
     * split, each else {@code SPLIT.csv} in the input folder.
     *
     * @param options the options
     * @return the preparer
     * @throws IllegalArgumentException when the schema or an input is missing
     * @throws IOException when the schema cannot be read
     */
    public static SchemaCsvPreparer of(PrepareOptions options) throws IOException {
        String schemaFile = options.getArgument(SCHEMA);
        if (schemaFile == null) {
            throw new IllegalArgumentException("--format csv needs --schema FILE.json");
        }
        Path file = Path.of(schemaFile);
        CsvSchema schema =
                CsvSchema.read(
                        file, options.getMinCount().orElse(1), options.getMaxVocab().orElse(0));
        Builder builder = builder().setSchema(schema, file).optOptions(options);
        Path input = options.getInput();
        if (input != null && Files.isRegularFile(input)) {
            builder.optSingleFile(input);
        } else {
            for (Split split : Split.values()) {
                Path named = options.getFiles().get(split);
                if (named == null && input == null) {
                    throw new IllegalArgumentException(
                            "--format csv needs --input FILE (split 8:1:1) or --train, --val and"
                                    + " --test");
                }
                builder.optFile(split, named != null ? named : input.resolve(split.key() + ".csv"));
            }
        }
        return builder.build();
    }

    /**
     * Reads the CSV file(s) and writes the store.
     *
     * @return the manifest of the new store
     * @throws DataException on bad input (with {@link ErrorPolicy#FAIL}) or a missing file
     * @throws IOException when reading or writing fails
     */
    @Override
    public StoreManifest prepare() throws IOException {
        EnumMap<Split, Path> inputs = new EnumMap<>(Split.class);
        if (single != null) {
            inputs.put(Split.TRAIN, single);
        } else {
            inputs.putAll(files);
        }
        for (Path file : inputs.values()) {
            if (!Files.isRegularFile(file)) {
                throw new DataException(file + ": no such file");
            }
        }
        long started = System.nanoTime();
        SkipReport skips = new SkipReport();
        Map<String, Object> rowsRead = new LinkedHashMap<>();
        try (StoreWriter writer = StoreWriter.create(output, storeSchema, force)) {
            int fileIndex = 0;
            for (Map.Entry<Split, Path> entry : inputs.entrySet()) {
                if (single != null || entry.getKey() == Split.TRAIN) {
                    pass(entry.getValue(), fileIndex, entry.getKey(), null, new SkipReport());
                }
                fileIndex++;
            }
            vocabularies = new FrozenVocabulary[tables.length];
            for (int f = 0; f < tables.length; f++) {
                CsvSchema.Sparse field = schema.getSparse().get(f);
                vocabularies[f] =
                        tables[f].freeze(VocabularyRule.of(field.minCount(), field.maxVocab()));
                writer.putVocabulary(f, vocabularies[f]);
            }
            fileIndex = 0;
            for (Map.Entry<Split, Path> entry : inputs.entrySet()) {
                long rows = pass(entry.getValue(), fileIndex++, entry.getKey(), writer, skips);
                rowsRead.put(entry.getValue().toAbsolutePath().toString(), rows);
            }
            Map<String, Object> source = new LinkedHashMap<>();
            source.put(
                    "schema", schemaFile == null ? null : schemaFile.toAbsolutePath().toString());
            source.put("rowsRead", rowsRead);
            source.putAll(split.describe());
            // What scoring needs to read files as this reader did: the fields' columns, quoting.
            List<String> sparseColumns = new ArrayList<>();
            schema.getSparse().forEach(f -> sparseColumns.add(f.column()));
            List<String> denseColumns = new ArrayList<>();
            schema.getDense().forEach(f -> denseColumns.add(f.column()));
            Map<String, Object> columns = new LinkedHashMap<>();
            columns.put("sparse", sparseColumns);
            columns.put("dense", denseColumns);
            source.put("columns", columns);
            source.put("quoted", true);
            Map<String, StoreManifest.DenseRange> scaling = new LinkedHashMap<>();
            for (int d = 0; d < min.length; d++) {
                CsvSchema.Dense field = schema.getDense().get(d);
                boolean seen = min[d] <= max[d];
                scaling.put(
                        field.name(),
                        field.minMax()
                                ? StoreManifest.DenseRange.minMax(
                                        seen ? (double) min[d] : null,
                                        seen ? (double) max[d] : null,
                                        field.fill())
                                : StoreManifest.DenseRange.none(field.fill()));
            }
            source.put("onError", errorPolicy.key());
            StoreManifest manifest =
                    writer.commit(
                            SourceFormat.CSV,
                            source,
                            scaling,
                            schema.getMissing(),
                            errorPolicy,
                            skips);
            LOGGER.info(
                    "prepared {} in {} s ({} rows skipped)",
                    output,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9),
                    skips.total());
            return manifest;
        }
    }

    /** Column positions of one file. */
    private static final class Layout {
        HeaderIndex header;
        int[] sparse;
        int[] dense;
        int scenario = -1;
        int[] tasks;
    }

    private Layout layout(Path file, HeaderIndex header) {
        Layout l = new Layout();
        l.header = header;
        l.sparse = new int[tables.length];
        for (int f = 0; f < l.sparse.length; f++) {
            l.sparse[f] =
                    header.require(
                            "sparse field " + schema.getSparse().get(f).name(),
                            schema.getSparse().get(f).column());
        }
        l.dense = new int[min.length];
        for (int d = 0; d < l.dense.length; d++) {
            l.dense[d] =
                    header.require(
                            "dense field " + schema.getDense().get(d).name(),
                            schema.getDense().get(d).column());
        }
        if (schema.getScenarioColumn() != null) {
            l.scenario = header.require("the scenario", schema.getScenarioColumn());
        }
        l.tasks = new int[positives.length];
        for (int t = 0; t < l.tasks.length; t++) {
            l.tasks[t] =
                    header.require(
                            "task " + schema.getTasks().get(t).name(),
                            schema.getTasks().get(t).column());
        }
        return l;
    }

    /** Counts (writer null: training rows only) or encodes one file; returns its data rows. */
    private long pass(
            Path file, int fileIndex, Split fileSplit, StoreWriter writer, SkipReport skips)
            throws IOException {
        boolean counting = writer == null;
        StoreRow row = new StoreRow(storeSchema);
        int[] slots = new int[tables.length];
        float[] dense = new float[min.length];
        long rows = 0;
        try (CsvCursor cursor = new CsvCursor(file, true)) {
            if (!cursor.next()) {
                throw new DataException(file + ": empty file: expected a header line");
            }
            Layout layout = layout(file, new HeaderIndex(file, cursor.texts()));
            while (cursor.next()) {
                rows++;
                try {
                    Split s = split.assign(fileSplit, fileIndex, cursor.line());
                    if (counting && s != Split.TRAIN) {
                        continue;
                    }
                    read(cursor, layout, counting, slots, dense, row);
                    if (counting) {
                        for (int f = 0; f < slots.length; f++) {
                            if (slots[f] >= 0) {
                                tables[f].count(slots[f], 1);
                            }
                        }
                        for (int d = 0; d < dense.length; d++) {
                            if (!Float.isNaN(dense[d])) {
                                min[d] = Math.min(min[d], dense[d]);
                                max[d] = Math.max(max[d], dense[d]);
                            }
                        }
                        continue;
                    }
                    for (int f = 0; f < slots.length; f++) {
                        row.setSparse(f, vocabularies[f].id(slots[f]));
                    }
                    for (int d = 0; d < dense.length; d++) {
                        CsvSchema.Dense field = schema.getDense().get(d);
                        float v = dense[d];
                        if (Float.isNaN(v)) {
                            v = field.fill();
                        } else if (field.minMax()) {
                            v = AliccpRawPreparer.scale(v, min[d], max[d]);
                        }
                        row.setDense(d, v);
                    }
                    writer.append(s, row);
                } catch (DataException e) {
                    if (errorPolicy == ErrorPolicy.FAIL || e.getReason() == null) {
                        throw e;
                    }
                    skips.record(e);
                }
            }
        }
        if (rows == 0) {
            throw new DataException(file + ": no data rows after the header");
        }
        return rows;
    }

    private void read(
            CsvCursor cursor, Layout l, boolean insert, int[] slots, float[] dense, StoreRow row) {
        int count = cursor.fieldCount();
        if (count != l.header.width()) {
            boolean truncated = !cursor.endsWithNewline() && count < l.header.width();
            throw DataException.at(
                    truncated ? ErrorReason.TRUNCATED_LINE : ErrorReason.COLUMN_COUNT,
                    cursor.getFile(),
                    cursor.line(),
                    0,
                    null,
                    (truncated ? "truncated last line: " : "")
                            + "expected "
                            + l.header.width()
                            + " columns as in the header, found "
                            + count);
        }
        byte[] b = cursor.buffer();
        for (int f = 0; f < slots.length; f++) {
            int c = l.sparse[f];
            slots[f] =
                    isAny(cursor, c, missing)
                            ? -1
                            : insert
                                    ? tables[f].intern(b, cursor.start(c), cursor.end(c))
                                    : tables[f].find(b, cursor.start(c), cursor.end(c));
        }
        for (int d = 0; d < dense.length; d++) {
            int c = l.dense[d];
            if (isAny(cursor, c, missing)) {
                dense[d] = Float.NaN;
                continue;
            }
            float v;
            try {
                v = cursor.parseFloat(c);
            } catch (NumberFormatException e) {
                throw error(
                        ErrorReason.BAD_NUMBER,
                        cursor,
                        l,
                        c,
                        "expected a decimal number or a missing marker "
                                + schema.getMissing()
                                + ", got '"
                                + cursor.text(c)
                                + "'");
            }
            if (!Float.isFinite(v)) {
                throw error(
                        ErrorReason.NOT_FINITE,
                        cursor,
                        l,
                        c,
                        "expected a finite number, got '" + cursor.text(c) + "'");
            }
            dense[d] = v;
        }
        int scenario = 0;
        if (l.scenario >= 0) {
            scenario = indexOf(cursor, l.scenario, scenarioValues);
            if (scenario < 0) {
                throw error(
                        ErrorReason.BAD_SCENARIO,
                        cursor,
                        l,
                        l.scenario,
                        "expected one of the scenario values "
                                + schema.getScenarios()
                                + ", got '"
                                + cursor.text(l.scenario)
                                + "'");
            }
        }
        row.setScenario(scenario);
        for (int t = 0; t < l.tasks.length; t++) {
            int c = l.tasks[t];
            CsvSchema.Task task = schema.getTasks().get(t);
            if (indexOf(cursor, c, positives[t]) >= 0) {
                row.setLabel(t, true);
            } else if (indexOf(cursor, c, negatives[t]) >= 0) {
                row.setLabel(t, false);
            } else if (isAny(cursor, c, missing)) {
                if (!task.mask()) {
                    throw error(
                            ErrorReason.MISSING_VALUE,
                            cursor,
                            l,
                            c,
                            "label of task '"
                                    + task.name()
                                    + "' is missing (set \"missing\": \"mask\" on the task to mask such rows)");
                }
                row.clearLabel(t);
            } else {
                throw error(
                        ErrorReason.BAD_LABEL,
                        cursor,
                        l,
                        c,
                        "expected one of "
                                + task.positive()
                                + " (positive) or "
                                + task.negative()
                                + " (negative), got '"
                                + cursor.text(c)
                                + "'");
            }
        }
    }

    private static boolean isAny(CsvCursor cursor, int column, byte[][] values) {
        return indexOf(cursor, column, values) >= 0;
    }

    private static int indexOf(CsvCursor cursor, int column, byte[][] values) {
        byte[] b = cursor.buffer();
        int start = cursor.start(column);
        int length = cursor.end(column) - start;
        for (int i = 0; i < values.length; i++) {
            byte[] v = values[i];
            if (v.length == length && Arrays.equals(b, start, start + length, v, 0, length)) {
                return i;
            }
        }
        return -1;
    }

    private static DataException error(
            ErrorReason reason, CsvCursor cursor, Layout l, int column, String detail) {
        return DataException.at(
                reason, cursor.getFile(), cursor.line(), column + 1, l.header.name(column), detail);
    }

    /** Configures a {@link SchemaCsvPreparer}. */
    public static final class Builder extends PreparerBuilder<Builder> {
        private CsvSchema schema;
        private Path schemaFile;
        private final EnumMap<Split, Path> files = new EnumMap<>(Split.class);
        private Path single;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the schema.
         *
         * @param schema the parsed schema
         * @param file the file it came from (recorded in the manifest), or null
         * @return this builder
         */
        public Builder setSchema(CsvSchema schema, Path file) {
            this.schema = schema;
            this.schemaFile = file;
            return this;
        }

        /**
         * Names the file of one split (all three for the official split).
         *
         * @param split the split
         * @param file the CSV file
         * @return this builder
         */
        public Builder optFile(Split split, Path file) {
            files.put(split, file);
            return this;
        }

        /**
         * Sets one CSV file to split 8:1:1 at random (instead of three files).
         *
         * @param file the CSV file
         * @return this builder
         */
        public Builder optSingleFile(Path file) {
            this.single = file;
            return this;
        }

        /**
         * Builds the preparer.
         *
         * @return the preparer
         * @throws IllegalArgumentException when the schema, the output or the inputs are missing
         */
        public SchemaCsvPreparer build() {
            if (schema == null) {
                throw new IllegalArgumentException(
                        "setSchema: a schema (--schema FILE.json) is required");
            }
            requireOutput();
            if (single == null && files.size() != 3) {
                throw new IllegalArgumentException(
                        "name one CSV file (split 8:1:1 with the seed) or all three of train, val"
                                + " and test, got "
                                + new ArrayList<>(files.keySet()));
            }
            if (single != null && !files.isEmpty()) {
                throw new IllegalArgumentException(
                        "name one CSV file or three per-split files, not both");
            }
            return new SchemaCsvPreparer(this);
        }
    }
}
