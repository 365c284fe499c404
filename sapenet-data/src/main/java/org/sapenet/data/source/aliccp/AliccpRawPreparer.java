/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.aliccp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.ErrorReason;
import org.sapenet.data.error.SkipReport;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.source.CsvCursor;
import org.sapenet.data.source.PrepareOptions;
import org.sapenet.data.source.PreparerBuilder;
import org.sapenet.data.source.RowSpill;
import org.sapenet.data.source.SplitPolicy;
import org.sapenet.data.source.StorePreparer;
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
 * Prepares a store from the raw Tianchi AliCCP files, processed the standard way into exactly the
 * layout of processed AliCCP ({@link AliccpSchema}: 23 sparse fields including {@code 301}, 8 dense
 * {@code D*} fields, scenario = id of 301 minus 1, tasks click and purchase).
 *
 * <p>Inputs (in one folder): {@code sample_skeleton_train.csv}, {@code common_features_train.csv},
 * {@code sample_skeleton_test.csv}, {@code common_features_test.csv}; a header line is optional.
 * Each skeleton row ({@code sample_id,click,conversion,common_feature_index,feature_num,
 * feature_list}) is joined with the common row of the same {@code common_feature_index} from the
 * companion common file: common entries first, then the skeleton's, the last entry of a field
 * winning.
 *
 * <p>Processing: rows with click = 0 and conversion = 1 are dropped (and counted in the manifest);
 * vocabularies come from the training rows only: a feature_id seen at least {@code minCount} times
 * gets an id 1..n in numeric order of the raw feature_id, others 0 ({@link VocabularyRule}); for
 * 109_14, 110_14, 127_14, 150_14, 508, 509, 702, 853 the entry's value is kept as the dense {@code
 * D<field>}, min-max scaled with the training minimum and maximum ((v - min) / (max - min), clipped
 * to [0, 1] on val/test; 0 when absent). The training file is the train split; each test-file row
 * goes to val or test as {@link SplitPolicy#officialHalvingTest} decides (the test file being input
 * 1, as for processed AliCCP without a validation file).
 *
 * <p>Passes and memory: the common training file is loaded into a {@link CommonFeatureTable}
 * (primitive arrays); the training skeleton is parsed once, one line at a time: each valid row's
 * value slots are counted, then written with its dense values, labels and line number to a
 * temporary file next to the output ({@link RowSpill}: 34 ints, 136 bytes per training row), read
 * back to encode once the vocabularies are frozen and deleted before the test side. Then the common
 * test file replaces the training one and the test skeleton is streamed once, parsed on one thread
 * while the calling one writes columns ({@link ParsingPipeline}, a few blocks of rows in between).
 */
public final class AliccpRawPreparer implements StorePreparer {

    private static final Logger LOGGER = LoggerFactory.getLogger(AliccpRawPreparer.class);

    /** The raw file names. */
    public static final String SKELETON_TRAIN = "sample_skeleton_train.csv";

    /** The raw file names. */
    public static final String COMMON_TRAIN = "common_features_train.csv";

    /** The raw file names. */
    public static final String SKELETON_TEST = "sample_skeleton_test.csv";

    /** The raw file names. */
    public static final String COMMON_TEST = "common_features_test.csv";

    /**
     * The spilled record of one training row, by offset: the value slots from 0, the dense values'
     * bits from {@code DENSE_AT}, the labels at {@code LABELS_AT}, the line number (two ints) at
     * {@code LINE_AT}.
     */
    private static final int DENSE_AT = AliccpSchema.SPARSE_FIELDS.size();

    private static final int LABELS_AT = DENSE_AT + AliccpSchema.DENSE_FIELDS.size();
    private static final int LINE_AT = LABELS_AT + 1;
    private static final int SPILL_WIDTH = LINE_AT + 2;

    private static final int CLICK = 1;
    private static final int CONVERSION = 2;

    static final List<String> SKELETON_HEADER =
            List.of(
                    "sample_id",
                    "click",
                    "conversion",
                    "common_feature_index",
                    "feature_num",
                    "feature_list");

    private final Path input;
    private final Path output;
    private final long minCount;
    private final long seed;
    private final ErrorPolicy errorPolicy;
    private final boolean force;

    private final ValueTable[] tables = new ValueTable[AliccpSchema.SPARSE_FIELDS.size()];
    private final RawFeatureParser parser;
    private final float[] min = new float[AliccpSchema.DENSE_FIELDS.size()];
    private final float[] max = new float[AliccpSchema.DENSE_FIELDS.size()];
    private FrozenVocabulary[] vocabularies;
    private long dropped;
    private final SplitPolicy halving;

    private AliccpRawPreparer(Builder builder) {
        PrepareOptions options = builder.getOptions();
        this.input = builder.input;
        this.output = options.getOutput();
        this.minCount = builder.minCount;
        this.seed = options.getSeed();
        this.errorPolicy = options.getErrorPolicy();
        this.force = options.isForce();
        this.halving = SplitPolicy.officialHalvingTest(seed);
        for (int f = 0; f < tables.length; f++) {
            tables[f] = new ValueTable();
        }
        parser = new RawFeatureParser(tables);
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
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
     * Makes the preparer of generic options: the input folder and the minimum count ({@link
     * Builder#optMinCount}); the split is fixed (the seed halves the test file).
     *
     * @param options the options
     * @return the preparer
     * @throws IllegalArgumentException when the input is not a folder or the random split is asked
     *     for
     */
    public static AliccpRawPreparer of(PrepareOptions options) {
        Path input = options.requireInputFolder(SourceFormat.ALICCP_RAW.key());
        options.refuseRandomSplit(
                "aliccp-raw (the official train file is the train split; the test file is halved"
                        + " into val and test by --seed)");
        Builder builder = builder().setInput(input).optOptions(options);
        options.getMinCount().ifPresent(builder::optMinCount);
        return builder.build();
    }

    /**
     * Reads the raw files and writes the store.
     *
     * @return the manifest of the new store
     * @throws DataException on bad input (with {@link ErrorPolicy#FAIL}) or a missing file
     * @throws IOException when reading or writing fails
     */
    @Override
    public StoreManifest prepare() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String name : List.of(SKELETON_TRAIN, COMMON_TRAIN, SKELETON_TEST, COMMON_TEST)) {
            if (!Files.isRegularFile(input.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(
                    input
                            + ": missing raw AliCCP file(s) "
                            + missing
                            + ": expected "
                            + SKELETON_TRAIN
                            + ", "
                            + COMMON_TRAIN
                            + ", "
                            + SKELETON_TEST
                            + " and "
                            + COMMON_TEST);
        }
        long started = System.nanoTime();
        SkipReport skips = new SkipReport();
        Map<String, Object> rowsRead = new LinkedHashMap<>();
        try (StoreWriter writer = StoreWriter.create(output, AliccpSchema.schema(), force)) {
            LOGGER.info("loading {}", input.resolve(COMMON_TRAIN));
            CommonFeatureTable common =
                    CommonFeatureTable.load(
                            input.resolve(COMMON_TRAIN), parser, true, errorPolicy, skips);
            rowsRead.put(COMMON_TRAIN, common.lines());
            rowsRead.put(SKELETON_TRAIN, train(common, writer, skips));
            common = null;
            LOGGER.info("loading {}", input.resolve(COMMON_TEST));
            common =
                    CommonFeatureTable.load(
                            input.resolve(COMMON_TEST), parser, false, errorPolicy, skips);
            rowsRead.put(COMMON_TEST, common.lines());
            rowsRead.put(SKELETON_TEST, test(common, writer, skips));

            Map<String, Object> source = new LinkedHashMap<>();
            source.put("input", input.toAbsolutePath().toString());
            source.put("rowsRead", rowsRead);
            source.put("droppedClickZeroConversionOne", dropped);
            source.putAll(halving.describe());
            source.put("minCount", minCount);
            source.put("vocabularyCoverage", coverage());
            source.put("onError", errorPolicy.key());
            StoreManifest manifest =
                    writer.commit(
                            SourceFormat.ALICCP_RAW,
                            source,
                            denseScaling(),
                            null,
                            errorPolicy,
                            skips);
            LOGGER.info(
                    "prepared {} in {} s ({} rows skipped, {} dropped)",
                    output,
                    String.format("%.1f", (System.nanoTime() - started) / 1e9),
                    skips.total(),
                    dropped);
            return manifest;
        }
    }

    private void freeze(StoreWriter writer) throws IOException {
        vocabularies = new FrozenVocabulary[tables.length];
        VocabularyRule rule = VocabularyRule.of(minCount, 0);
        for (int f = 0; f < tables.length; f++) {
            vocabularies[f] = tables[f].freeze(rule);
            writer.putVocabulary(f, vocabularies[f]);
        }
        int scenarioField = AliccpSchema.SPARSE_FIELDS.indexOf(AliccpSchema.SCENARIO_COLUMN);
        int values = vocabularies[scenarioField].size() - 1;
        if (values != AliccpSchema.SCENARIOS.size()) {
            throw new DataException(
                    input.resolve(SKELETON_TRAIN)
                            + ": field 301 (the scenario) has "
                            + values
                            + " feature_id(s) seen at least "
                            + minCount
                            + " times in training, expected exactly "
                            + AliccpSchema.SCENARIOS.size()
                            + " (AliCCP's three positions)");
        }
    }

    /**
     * Parses the training skeleton once into a spill (deleted before the test pass), freezes the
     * vocabularies and writes the spilled rows; returns the lines read.
     */
    private long train(CommonFeatureTable common, StoreWriter writer, SkipReport skips)
            throws IOException {
        Path file = input.resolve(SKELETON_TRAIN);
        try (RowSpill spill = RowSpill.nextTo(output, SPILL_WIDTH)) {
            LOGGER.info("reading {}", file);
            long rows = scan(file, common, spill, null, skips);
            freeze(writer);
            LOGGER.info("encoding {} training rows", spill.rows());
            encode(spill, writer, skips);
            return rows;
        }
    }

    /** Streams the test skeleton: parses on one thread, writes columns on this one. */
    private long test(CommonFeatureTable common, StoreWriter writer, SkipReport skips)
            throws IOException {
        Path file = input.resolve(SKELETON_TEST);
        LOGGER.info("encoding {}", file);
        long[] rows = new long[1];
        ParsingPipeline.run(writer, sink -> rows[0] = scan(file, common, null, sink, skips));
        return rows[0];
    }

    /**
     * Streams a skeleton file. Training (spill set): interns and counts each valid row's values and
     * spills the row. Test (sink set): encodes each valid row into the sink, split by {@link
     * #halving}. Either way click = 0, conversion = 1 rows are dropped and counted.
     */
    private long scan(
            Path file,
            CommonFeatureTable common,
            RowSpill spill,
            ParsingPipeline.BlockSink sink,
            SkipReport skips)
            throws IOException {
        boolean train = spill != null;
        RawFeatureParser.RawRow raw = new RawFeatureParser.RawRow();
        int[] record = new int[SPILL_WIDTH];
        long rows = 0;
        try (CsvCursor cursor = new CsvCursor(file)) {
            boolean first = true;
            while (cursor.next()) {
                if (first && cursor.text(0).equals(SKELETON_HEADER.get(0))) {
                    first = false;
                    continue;
                }
                first = false;
                rows++;
                try {
                    int labels = read(cursor, common, raw, train);
                    if (labels < 0) {
                        dropped++;
                    } else if (train) {
                        count(raw);
                        spill.write(record(raw, labels, cursor.line(), record));
                    } else {
                        encode(file, cursor.line(), raw, labels, sink.row());
                        sink.accept(halving.assign(Split.TEST, 1, cursor.line()));
                    }
                } catch (DataException e) {
                    skipOrThrow(e, skips);
                }
            }
        }
        return rows;
    }

    /** Writes the spilled training rows with the frozen vocabularies' ids. */
    private void encode(RowSpill spill, StoreWriter writer, SkipReport skips) throws IOException {
        spill.rewind();
        Path file = input.resolve(SKELETON_TRAIN);
        RawFeatureParser.RawRow raw = new RawFeatureParser.RawRow();
        int[] record = new int[SPILL_WIDTH];
        StoreRow row = new StoreRow(AliccpSchema.schema());
        while (spill.read(record)) {
            System.arraycopy(record, 0, raw.slots, 0, DENSE_AT);
            for (int d = 0; d < raw.dense.length; d++) {
                raw.dense[d] = Float.intBitsToFloat(record[DENSE_AT + d]);
            }
            long line = ((long) record[LINE_AT] << 32) | (record[LINE_AT + 1] & 0xFFFFFFFFL);
            try {
                encode(file, line, raw, record[LABELS_AT], row);
                writer.append(Split.TRAIN, row);
            } catch (DataException e) {
                skipOrThrow(e, skips);
            }
        }
    }

    /** Packs a parsed training row into a spill record. */
    private static int[] record(RawFeatureParser.RawRow raw, int labels, long line, int[] record) {
        System.arraycopy(raw.slots, 0, record, 0, DENSE_AT);
        for (int d = 0; d < raw.dense.length; d++) {
            record[DENSE_AT + d] = Float.floatToRawIntBits(raw.dense[d]);
        }
        record[LABELS_AT] = labels;
        record[LINE_AT] = (int) (line >>> 32);
        record[LINE_AT + 1] = (int) line;
        return record;
    }

    private void skipOrThrow(DataException e, SkipReport skips) {
        if (errorPolicy == ErrorPolicy.FAIL || e.getReason() == null) {
            throw e;
        }
        skips.record(e);
    }

    /**
     * Parses and joins one skeleton row; returns its labels ({@link #CLICK}, {@link #CONVERSION}
     * bits), or -1 for a click = 0, conversion = 1 row.
     */
    private int read(
            CsvCursor cursor,
            CommonFeatureTable common,
            RawFeatureParser.RawRow raw,
            boolean insert) {
        checkWidth(cursor, SKELETON_HEADER);
        boolean click = label(cursor, 1);
        boolean conversion = label(cursor, 2);
        if (conversion && !click) {
            return -1;
        }
        int r = common.find(cursor.buffer(), cursor.start(3), cursor.end(3));
        if (r < 0) {
            throw DataException.at(
                    ErrorReason.MISSING_REFERENCE,
                    cursor.getFile(),
                    cursor.line(),
                    4,
                    SKELETON_HEADER.get(3),
                    "common_feature_index '"
                            + cursor.text(3)
                            + "' is not in the companion common_features file (or its row was"
                            + " bad)");
        }
        raw.clear();
        common.copyTo(r, raw);
        int entries = parser.parse(cursor, 5, SKELETON_HEADER, raw, insert);
        checkCount(cursor, 4, SKELETON_HEADER, entries);
        return (click ? CLICK : 0) | (conversion ? CONVERSION : 0);
    }

    private void count(RawFeatureParser.RawRow raw) {
        for (int f = 0; f < tables.length; f++) {
            if (raw.slots[f] >= 0) {
                tables[f].count(raw.slots[f], 1);
            }
        }
        for (int d = 0; d < min.length; d++) {
            float v = raw.dense[d];
            if (!Float.isNaN(v)) {
                min[d] = Math.min(min[d], v);
                max[d] = Math.max(max[d], v);
            }
        }
    }

    /** Encodes a row with the frozen vocabularies and the training ranges. */
    private void encode(
            Path file, long line, RawFeatureParser.RawRow raw, int labels, StoreRow row) {
        for (int f = 0; f < tables.length; f++) {
            row.setSparse(f, vocabularies[f].id(raw.slots[f]));
        }
        int scenarioField = AliccpSchema.SPARSE_FIELDS.indexOf(AliccpSchema.SCENARIO_COLUMN);
        int scenario = vocabularies[scenarioField].id(raw.slots[scenarioField]);
        if (scenario == 0) {
            throw DataException.at(
                    ErrorReason.BAD_SCENARIO,
                    file,
                    line,
                    6,
                    SKELETON_HEADER.get(5),
                    "field 301 (the scenario) is missing or not one of the three positions seen in"
                            + " training");
        }
        row.setScenario(scenario - 1);
        row.setLabel(0, (labels & CLICK) != 0);
        row.setLabel(1, (labels & CONVERSION) != 0);
        for (int d = 0; d < min.length; d++) {
            row.setDense(d, scale(raw.dense[d], min[d], max[d]));
        }
    }

    /**
     * Min-max scales a value with the training range: (v - min) / (max - min) in double precision,
     * clipped to [0, 1]; 0 for an absent value (NaN) or an empty or single-valued range.
     *
     * @param v the raw value
     * @param min the training minimum
     * @param max the training maximum
     * @return the scaled value
     */
    public static float scale(float v, float min, float max) {
        if (Float.isNaN(v) || !(max > min)) {
            return 0f;
        }
        double scaled = ((double) v - min) / ((double) max - min);
        return (float) Math.min(1.0, Math.max(0.0, scaled));
    }

    private Map<String, StoreManifest.DenseRange> denseScaling() {
        Map<String, StoreManifest.DenseRange> out = new LinkedHashMap<>();
        for (int d = 0; d < min.length; d++) {
            boolean seen = min[d] <= max[d];
            out.put(
                    AliccpSchema.DENSE_FIELDS.get(d),
                    StoreManifest.DenseRange.minMax(
                            seen ? (double) min[d] : null, seen ? (double) max[d] : null, 0.0));
        }
        return out;
    }

    private Map<String, Object> coverage() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int f = 0; f < tables.length; f++) {
            out.put(
                    AliccpSchema.SPARSE_FIELDS.get(f),
                    Math.round(vocabularies[f].coverage() * 1e6) / 1e6);
        }
        return out;
    }

    private static boolean label(CsvCursor cursor, int column) {
        if (cursor.is(column, '0')) {
            return false;
        }
        if (cursor.is(column, '1')) {
            return true;
        }
        throw DataException.at(
                ErrorReason.BAD_LABEL,
                cursor.getFile(),
                cursor.line(),
                column + 1,
                SKELETON_HEADER.get(column),
                "expected label 0 or 1, got '" + cursor.text(column) + "'");
    }

    /** Checks that a raw line has the expected number of columns. */
    static void checkWidth(CsvCursor cursor, List<String> header) {
        int count = cursor.fieldCount();
        if (count == header.size()) {
            return;
        }
        boolean truncated = !cursor.endsWithNewline() && count < header.size();
        throw DataException.at(
                truncated ? ErrorReason.TRUNCATED_LINE : ErrorReason.COLUMN_COUNT,
                cursor.getFile(),
                cursor.line(),
                0,
                null,
                (truncated ? "truncated last line: " : "")
                        + "expected "
                        + header.size()
                        + " columns ("
                        + String.join(",", header)
                        + "), found "
                        + count);
    }

    /** Checks that feature_num matches the entries of feature_list. */
    static void checkCount(CsvCursor cursor, int column, List<String> header, int entries) {
        int declared = cursor.parseId(column);
        if (declared != entries) {
            throw DataException.at(
                    ErrorReason.BAD_FEATURE,
                    cursor.getFile(),
                    cursor.line(),
                    column + 1,
                    header.get(column),
                    "feature_num is '"
                            + cursor.text(column)
                            + "' but feature_list holds "
                            + entries
                            + " entries");
        }
    }

    /** Configures an {@link AliccpRawPreparer}. */
    public static final class Builder extends PreparerBuilder<Builder> {
        private Path input;
        private long minCount = 10;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the folder holding the four raw files.
         *
         * @param input the folder
         * @return this builder
         */
        public Builder setInput(Path input) {
            this.input = input;
            return this;
        }

        /**
         * Sets the least training count a feature_id needs for an id of its own (default 10).
         *
         * @param minCount at least 1
         * @return this builder
         */
        public Builder optMinCount(long minCount) {
            this.minCount = minCount;
            return this;
        }

        /**
         * Builds the preparer.
         *
         * @return the preparer
         * @throws IllegalArgumentException when the input or output is missing or min count is
         *     below 1
         */
        public AliccpRawPreparer build() {
            requireOutput();
            if (input == null || !Files.isDirectory(input)) {
                throw new IllegalArgumentException(
                        "setInput: a folder with the raw AliCCP files is required, got " + input);
            }
            if (minCount < 1) {
                throw new IllegalArgumentException("--min-count must be at least 1");
            }
            return new AliccpRawPreparer(this);
        }
    }
}
