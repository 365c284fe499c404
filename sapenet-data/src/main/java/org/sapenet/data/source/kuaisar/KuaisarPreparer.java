/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.kuaisar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.sapenet.data.source.Decimals;
import org.sapenet.data.source.HeaderIndex;
import org.sapenet.data.source.KeyedFeatureTable;
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
 * Prepares a store from the raw KuaiSAR files ({@code rec_inter.csv}, {@code src_inter.csv}, {@code
 * user_features.csv}, {@code item_features.csv}; columns matched by header name, quoted fields
 * allowed) in the {@link KuaisarSchema} layout.
 *
 * <p>Rows: every recommendation row (scenario 1) and every search row (scenario 0). Labels: click
 * ({@code click} on recommendation rows, {@code click_cnt > 0} on search rows), like ({@code like})
 * and share ({@code forward}). Search rows have no like/share columns: with {@link
 * SearchLabels#JOIN} (default) a search row takes them from the same user's recommendation rows
 * with the same item in the same split (OR over those rows; masked when there is none); with {@link
 * SearchLabels#MASK} they are always masked. The KuaiSAR paper publishes no recipe: this is ours.
 * Leaking columns ({@link KuaisarSchema#LEAKING_COLUMNS}) are never read.
 *
 * <p>Split: seeded 8:1:1 per row ({@link SplitPolicy#random}, file index 0 = rec_inter, 1 =
 * src_inter). Vocabularies: from training rows only, values seen fewer than {@code minCount} times
 * and values beyond the {@code maxVocab} most frequent map to 0 ({@link VocabularyRule}). Users or
 * items missing from the feature files get 0 for their features (counted in the manifest).
 *
 * <p>Memory: user and item features as {@link KeyedFeatureTable}s, the (user, item) labels as a
 * {@link PairLabelIndex} (about 8 bytes per recommendation row), one line of each interaction file
 * at a time. The interaction files are parsed once: each row's value slots and labels go to a
 * temporary file next to the output (8 ints, 32 bytes per row), read back to encode once the
 * vocabularies are frozen.
 */
public final class KuaisarPreparer implements StorePreparer {

    private static final Logger LOGGER = LoggerFactory.getLogger(KuaisarPreparer.class);

    /** The name of the {@link PrepareOptions} argument holding the {@link SearchLabels} mode. */
    public static final String SEARCH_LABELS = "searchLabels";

    /** The file names. */
    public static final String REC = "rec_inter.csv";

    /** The file names. */
    public static final String SRC = "src_inter.csv";

    /** The file names. */
    public static final String USERS = "user_features.csv";

    /** The file names. */
    public static final String ITEMS = "item_features.csv";

    private static final byte[][] HOURS = new byte[24][];

    /** The spilled record of one row: flags, then the slots and feature rows it was read into. */
    private static final int SPILL_WIDTH = 8;

    private static final int FLAGS = 0;
    private static final int USER = 1;
    private static final int ITEM = 2;
    private static final int USER_ROW = 3;
    private static final int ITEM_ROW = 4;
    private static final int HOUR = 5;
    private static final int SOURCE = 6;
    private static final int KEYWORD = 7;

    private static final int SEARCH = 1 << 2;
    private static final int CLICK = 1 << 3;
    private static final int LIKE = 1 << 4;
    private static final int SHARE = 1 << 5;
    private static final int JOINED = 1 << 6;

    static {
        for (int h = 0; h < 24; h++) {
            HOURS[h] = Integer.toString(h).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Where search rows take their like and share labels from. */
    public enum SearchLabels {
        /** From the same user's recommendation rows with the same item, same split (default). */
        JOIN,
        /** Always masked. */
        MASK;

        /**
         * Parses {@code join} or {@code mask}.
         *
         * @param text the option value
         * @return the mode
         * @throws IllegalArgumentException for any other value
         */
        public static SearchLabels parse(String text) {
            switch (text.toLowerCase(Locale.ROOT)) {
                case "join":
                    return JOIN;
                case "mask":
                    return MASK;
                default:
                    throw new IllegalArgumentException(
                            "--search-labels must be 'join' or 'mask', got '" + text + "'");
            }
        }
    }

    private final Path input;
    private final Path output;
    private final long minCount;
    private final int maxVocab;
    private final SplitPolicy split;
    private final SearchLabels searchLabels;
    private final ErrorPolicy errorPolicy;
    private final boolean force;

    private StoreSchema schema;
    private ValueTable[] tables;
    private FrozenVocabulary[] vocabularies;
    private KeyedFeatureTable users;
    private KeyedFeatureTable items;
    private final PairLabelIndex pairs = new PairLabelIndex();
    private int userFeatureStart;
    private int userFeatureCount;
    private int itemFeatureStart;
    private int sourceField;
    private int keywordField;
    private int hourField;
    private final long[] counters = new long[Counter.values().length];

    private enum Counter {
        RECOMMENDATION_ROWS,
        SEARCH_ROWS,
        ROWS_WITHOUT_USER_FEATURES,
        ROWS_WITHOUT_ITEM_FEATURES,
        SEARCH_ROWS_JOINED
    }

    private KuaisarPreparer(Builder builder) {
        PrepareOptions options = builder.getOptions();
        this.input = builder.input;
        this.output = options.getOutput();
        this.minCount = builder.minCount;
        this.maxVocab = builder.maxVocab;
        this.split = SplitPolicy.random(options.getSeed());
        this.searchLabels = builder.searchLabels;
        this.errorPolicy = options.getErrorPolicy();
        this.force = options.isForce();
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
     * Makes the preparer of generic options: the input folder, the vocabulary bounds and the
     * argument {@value #SEARCH_LABELS} ({@code join} or {@code mask}, default join); the split is
     * always 8:1:1 by the seed.
     *
     * @param options the options
     * @return the preparer
     * @throws IllegalArgumentException when the input is not a folder, the random split is asked
     *     for or an argument is invalid
     */
    public static KuaisarPreparer of(PrepareOptions options) {
        Path input = options.requireInputFolder(SourceFormat.KUAISAR.key());
        options.refuseRandomSplit("kuaisar (always split 8:1:1 by --seed)");
        String labels = options.getArgument(SEARCH_LABELS);
        Builder builder =
                builder()
                        .setInput(input)
                        .optOptions(options)
                        .optSearchLabels(
                                labels == null ? SearchLabels.JOIN : SearchLabels.parse(labels));
        options.getMinCount().ifPresent(builder::optMinCount);
        options.getMaxVocab().ifPresent(builder::optMaxVocab);
        return builder.build();
    }

    /**
     * Reads the KuaiSAR files and writes the store.
     *
     * @return the manifest of the new store
     * @throws DataException on bad input (with {@link ErrorPolicy#FAIL}) or a missing file
     * @throws IOException when reading or writing fails
     */
    @Override
    public StoreManifest prepare() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String name : List.of(REC, SRC, USERS, ITEMS)) {
            if (!Files.isRegularFile(input.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(
                    input
                            + ": missing KuaiSAR file(s) "
                            + missing
                            + ": expected "
                            + String.join(", ", REC, SRC, USERS, ITEMS));
        }
        long started = System.nanoTime();
        SkipReport skips = new SkipReport();
        List<String> onehot = onehotColumns(input.resolve(USERS));
        schema = KuaisarSchema.schema(onehot);
        List<String> fields = schema.getSparseFields();
        tables = new ValueTable[fields.size()];
        for (int f = 0; f < tables.length; f++) {
            tables[f] = new ValueTable();
        }
        userFeatureStart = 2;
        userFeatureCount = KuaisarSchema.USER_FEATURES.size() + onehot.size();
        itemFeatureStart = userFeatureStart + userFeatureCount;
        sourceField = fields.indexOf("search_source");
        keywordField = fields.indexOf("keyword_token");
        hourField = fields.indexOf(KuaisarSchema.HOUR);
        tables[sourceField].intern("");
        tables[keywordField].intern("");
        try (StoreWriter writer = StoreWriter.create(output, schema, force);
                RowSpill spill = RowSpill.nextTo(output, SPILL_WIDTH)) {
            users = loadUsers(input.resolve(USERS), onehot, skips);
            items = loadItems(input.resolve(ITEMS), skips);
            LOGGER.info("reading {} and {}", REC, SRC);
            interactions(input.resolve(REC), 0, spill, skips);
            pairs.seal();
            interactions(input.resolve(SRC), 1, spill, skips);
            vocabularies = new FrozenVocabulary[tables.length];
            for (int f = 0; f < tables.length; f++) {
                boolean search = f == sourceField || f == keywordField;
                VocabularyRule rule =
                        new VocabularyRule(minCount, maxVocab, search ? List.of("") : List.of());
                vocabularies[f] = tables[f].freeze(rule);
                writer.putVocabulary(f, vocabularies[f]);
            }
            LOGGER.info("encoding {} rows", spill.rows());
            encode(spill, writer);
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("input", input.toAbsolutePath().toString());
            source.putAll(split.describe());
            source.put("minCount", minCount);
            source.put("maxVocab", maxVocab);
            source.put("searchLabels", searchLabels.name().toLowerCase(Locale.ROOT));
            for (Counter counter : Counter.values()) {
                source.put(camel(counter.name()), counters[counter.ordinal()]);
            }
            source.put("users", users.rows());
            source.put("items", items.rows());
            source.put("recommendationPairs", pairs.pairs());
            source.put("hourOfDay", "UTC+8 (China time) from the interaction's Unix timestamp");
            source.put("leakingColumnsIgnored", KuaisarSchema.LEAKING_COLUMNS);
            source.put("onError", errorPolicy.key());
            Map<String, Object> coverage = new LinkedHashMap<>();
            for (int f = 0; f < tables.length; f++) {
                coverage.put(fields.get(f), Math.round(vocabularies[f].coverage() * 1e6) / 1e6);
            }
            source.put("vocabularyCoverage", coverage);
            StoreManifest manifest =
                    writer.commit(SourceFormat.KUAISAR, source, null, null, errorPolicy, skips);
            LOGGER.info(
                    "prepared {} in {} s ({} rows skipped)",
                    output,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9),
                    skips.total());
            return manifest;
        }
    }

    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static List<String> onehotColumns(Path file) throws IOException {
        try (CsvCursor cursor = new CsvCursor(file, true)) {
            if (!cursor.next()) {
                throw new DataException(file + ": empty file: expected a header line");
            }
            List<String> onehot = new ArrayList<>();
            for (String name : cursor.texts()) {
                String clean = name.trim();
                if (clean.matches("onehot_feat[0-9]+")) {
                    onehot.add(clean);
                }
            }
            onehot.sort(
                    (a, b) ->
                            Integer.compare(
                                    Integer.parseInt(a.substring(11)),
                                    Integer.parseInt(b.substring(11))));
            return onehot;
        }
    }

    private KeyedFeatureTable loadUsers(Path file, List<String> onehot, SkipReport skips)
            throws IOException {
        KeyedFeatureTable table = new KeyedFeatureTable(userFeatureCount);
        try (CsvCursor cursor = new CsvCursor(file, true)) {
            cursor.next();
            HeaderIndex header = new HeaderIndex(file, cursor.texts());
            int key = header.require("the user", "user_id");
            int[] columns = new int[userFeatureCount];
            columns[0] = header.require("a user feature", "search_active_level");
            columns[1] = header.require("a user feature", "rec_active_level", "reco_active_level");
            for (int k = 0; k < onehot.size(); k++) {
                columns[2 + k] = header.require("a user feature", onehot.get(k));
            }
            loadFeatures(cursor, header, key, columns, userFeatureStart, table, skips);
        }
        return table;
    }

    private KeyedFeatureTable loadItems(Path file, SkipReport skips) throws IOException {
        List<String> names = KuaisarSchema.ITEM_FEATURES;
        KeyedFeatureTable table = new KeyedFeatureTable(names.size());
        try (CsvCursor cursor = new CsvCursor(file, true)) {
            if (!cursor.next()) {
                throw new DataException(file + ": empty file: expected a header line");
            }
            HeaderIndex header = new HeaderIndex(file, cursor.texts());
            int key = header.require("the item", "item_id", "photo_id");
            int[] columns = new int[names.size()];
            for (int k = 0; k < columns.length; k++) {
                columns[k] = header.require("an item feature", names.get(k));
            }
            loadFeatures(cursor, header, key, columns, itemFeatureStart, table, skips);
        }
        return table;
    }

    private void loadFeatures(
            CsvCursor cursor,
            HeaderIndex header,
            int key,
            int[] columns,
            int firstField,
            KeyedFeatureTable table,
            SkipReport skips)
            throws IOException {
        while (cursor.next()) {
            try {
                checkWidth(cursor, header);
                byte[] b = cursor.buffer();
                if (cursor.start(key) == cursor.end(key)) {
                    throw error(ErrorReason.MISSING_VALUE, cursor, header, key, "empty id");
                }
                int row = table.add(b, cursor.start(key), cursor.end(key));
                if (row < 0) {
                    throw error(
                            ErrorReason.BAD_ID,
                            cursor,
                            header,
                            key,
                            "duplicate id '" + cursor.text(key) + "' (also on an earlier line)");
                }
                for (int k = 0; k < columns.length; k++) {
                    int c = columns[k];
                    if (cursor.start(c) < cursor.end(c)) {
                        table.set(
                                row,
                                k,
                                tables[firstField + k].intern(b, cursor.start(c), cursor.end(c)));
                    }
                }
            } catch (DataException e) {
                if (errorPolicy == ErrorPolicy.FAIL || e.getReason() == null) {
                    throw e;
                }
                skips.record(e);
            }
        }
    }

    /** The columns of one interaction file. */
    private static final class Layout {
        HeaderIndex header;
        int user;
        int item;
        int time;
        int click;
        int like;
        int share;
        int keyword;
        int source;
    }

    private static Layout layout(Path file, HeaderIndex header, boolean search) {
        Layout l = new Layout();
        l.header = header;
        l.user = header.require("the user", "user_id");
        l.item = header.require("the item", "item_id", "photo_id");
        if (search) {
            l.time = header.require("the time", "search_session_timestamp", "timestamp");
            l.click = header.require("the click label", "click_cnt");
            l.keyword = header.require("the query", "keyword");
            l.source = header.require("the search source", "search_source");
            l.like = -1;
            l.share = -1;
        } else {
            l.time = header.require("the time", "timestamp");
            l.click = header.require("the click label", "click");
            l.like = header.require("the like label", "like");
            l.share = header.require("the share label", "forward");
            l.keyword = -1;
            l.source = -1;
        }
        return l;
    }

    /**
     * Reads one interaction file: interns every row's values (counting training rows), collects
     * (recommendation) or joins (search) the like/share labels and spills each valid row.
     */
    private void interactions(Path file, int fileIndex, RowSpill spill, SkipReport skips)
            throws IOException {
        boolean search = fileIndex == 1;
        int[] record = new int[SPILL_WIDTH];
        int[] slots = new int[schema.sparseCount()];
        try (CsvCursor cursor = new CsvCursor(file, true)) {
            if (!cursor.next()) {
                throw new DataException(file + ": empty file: expected a header line");
            }
            Layout layout = layout(file, new HeaderIndex(file, cursor.texts()), search);
            while (cursor.next()) {
                try {
                    Split s = split.assign(Split.TRAIN, fileIndex, cursor.line());
                    read(cursor, layout, search, s, record);
                    if (s == Split.TRAIN) {
                        slots(record, slots);
                        for (int f = 0; f < slots.length; f++) {
                            if (slots[f] >= 0) {
                                tables[f].count(slots[f], 1);
                            }
                        }
                    }
                    spill.write(record);
                } catch (DataException e) {
                    if (errorPolicy == ErrorPolicy.FAIL || e.getReason() == null) {
                        throw e;
                    }
                    skips.record(e);
                }
            }
        }
    }

    /** Writes the spilled rows with the frozen vocabularies' ids. */
    private void encode(RowSpill spill, StoreWriter writer) throws IOException {
        spill.rewind();
        int[] record = new int[SPILL_WIDTH];
        int[] slots = new int[schema.sparseCount()];
        StoreRow row = new StoreRow(schema);
        Split[] splits = Split.values();
        while (spill.read(record)) {
            int flags = record[FLAGS];
            slots(record, slots);
            for (int f = 0; f < slots.length; f++) {
                row.setSparse(f, vocabularies[f].id(slots[f]));
            }
            row.setLabel(0, (flags & CLICK) != 0);
            if ((flags & SEARCH) != 0) {
                row.setScenario(0);
                row.clearLabel(1);
                row.clearLabel(2);
                counters[Counter.SEARCH_ROWS.ordinal()]++;
            } else {
                row.setScenario(1);
                counters[Counter.RECOMMENDATION_ROWS.ordinal()]++;
            }
            if ((flags & (JOINED | SEARCH)) != SEARCH) {
                row.setLabel(1, (flags & LIKE) != 0);
                row.setLabel(2, (flags & SHARE) != 0);
            }
            if ((flags & JOINED) != 0) {
                counters[Counter.SEARCH_ROWS_JOINED.ordinal()]++;
            }
            if (record[USER_ROW] < 0) {
                counters[Counter.ROWS_WITHOUT_USER_FEATURES.ordinal()]++;
            }
            if (record[ITEM_ROW] < 0) {
                counters[Counter.ROWS_WITHOUT_ITEM_FEATURES.ordinal()]++;
            }
            writer.append(splits[flags & 3], row);
        }
    }

    /** Expands a spilled record into the value slot of every field (-1 = none). */
    private void slots(int[] record, int[] slots) {
        slots[0] = record[USER];
        slots[1] = record[ITEM];
        for (int k = 0; k < userFeatureCount; k++) {
            slots[userFeatureStart + k] = users.get(record[USER_ROW], k);
        }
        for (int k = 0; k < KuaisarSchema.ITEM_FEATURES.size(); k++) {
            slots[itemFeatureStart + k] = items.get(record[ITEM_ROW], k);
        }
        slots[hourField] = record[HOUR];
        slots[sourceField] = record[SOURCE];
        slots[keywordField] = record[KEYWORD];
    }

    /**
     * Parses one interaction row into a spill record: interns its values (every split: values seen
     * only outside training keep count 0, so id 0), finds its user and item features, reads its
     * labels (recommendation rows also go into the pair index, search rows join it).
     */
    private void read(CsvCursor cursor, Layout l, boolean search, Split s, int[] record) {
        checkWidth(cursor, l.header);
        byte[] b = cursor.buffer();
        id(cursor, l, l.user);
        int item = id(cursor, l, l.item);
        int userStart = cursor.start(l.user);
        int userEnd = cursor.end(l.user);
        record[USER] = tables[0].intern(b, userStart, userEnd);
        record[ITEM] = tables[1].intern(b, cursor.start(l.item), cursor.end(l.item));
        record[USER_ROW] = users.find(b, userStart, userEnd);
        record[ITEM_ROW] = items.find(b, cursor.start(l.item), cursor.end(l.item));
        int hour = hour(cursor, l);
        record[HOUR] = tables[hourField].intern(HOURS[hour], 0, HOURS[hour].length);
        int flags = s.ordinal();
        if (count(cursor, l, l.click) > 0) {
            flags |= CLICK;
        }
        if (search) {
            int start = cursor.start(l.source);
            int end = cursor.end(l.source);
            record[SOURCE] = start == end ? -1 : tables[sourceField].intern(b, start, end);
            record[KEYWORD] = firstToken(cursor, l.keyword);
            flags |= SEARCH;
            if (searchLabels == SearchLabels.JOIN) {
                int found = pairs.lookup(b, userStart, userEnd, item, s);
                if ((found & 1) != 0) {
                    flags |=
                            JOINED | ((found & 2) != 0 ? LIKE : 0) | ((found & 4) != 0 ? SHARE : 0);
                }
            }
        } else {
            record[SOURCE] = 0; // the reserved empty value, interned first
            record[KEYWORD] = 0;
            boolean like = count(cursor, l, l.like) > 0;
            boolean share = count(cursor, l, l.share) > 0;
            flags |= (like ? LIKE : 0) | (share ? SHARE : 0);
            pairs.add(b, userStart, userEnd, item, s, like, share);
        }
        record[FLAGS] = flags;
    }

    /** The first token of a keyword list such as {@code [20, 34, 3]}; -1 when empty. */
    private int firstToken(CsvCursor cursor, int column) {
        byte[] b = cursor.buffer();
        int i = cursor.start(column);
        int end = cursor.end(column);
        while (i < end && (b[i] == '[' || b[i] == ' ')) {
            i++;
        }
        int start = i;
        while (i < end && b[i] != ',' && b[i] != ']' && b[i] != ' ') {
            i++;
        }
        int tokenEnd = i;
        if (start < tokenEnd && (b[start] == '\'' || b[start] == '"')) {
            start++;
        }
        if (tokenEnd > start && (b[tokenEnd - 1] == '\'' || b[tokenEnd - 1] == '"')) {
            tokenEnd--;
        }
        return start >= tokenEnd ? -1 : tables[keywordField].intern(b, start, tokenEnd);
    }

    private static int id(CsvCursor cursor, Layout l, int column) {
        int id = cursor.parseId(column);
        if (id < 0) {
            throw error(
                    ErrorReason.BAD_ID,
                    cursor,
                    l.header,
                    column,
                    "expected a non-negative integer id below 2^31-1, got '"
                            + cursor.text(column)
                            + "'");
        }
        return id;
    }

    private static int count(CsvCursor cursor, Layout l, int column) {
        int value = cursor.parseId(column);
        if (value < 0) {
            float f;
            try {
                f = cursor.parseFloat(column);
            } catch (NumberFormatException e) {
                f = Float.NaN;
            }
            if (!(f >= 0) || f != Math.rint(f)) {
                throw error(
                        ErrorReason.BAD_LABEL,
                        cursor,
                        l.header,
                        column,
                        "expected a non-negative integer (0 = no), got '"
                                + cursor.text(column)
                                + "'");
            }
            value = f > 0 ? 1 : 0;
        }
        return value;
    }

    private static int hour(CsvCursor cursor, Layout l) {
        int c = l.time;
        long value = Decimals.parseLong(cursor.buffer(), cursor.start(c), cursor.end(c));
        if (value < 0) {
            double d;
            try {
                d = Double.parseDouble(cursor.text(c).trim());
            } catch (NumberFormatException e) {
                d = Double.NaN;
            }
            if (!(d >= 0) || d > 9e15) {
                throw error(
                        ErrorReason.BAD_TIMESTAMP,
                        cursor,
                        l.header,
                        c,
                        "expected a Unix timestamp in seconds or milliseconds, got '"
                                + cursor.text(c)
                                + "'");
            }
            value = (long) d;
        }
        long seconds = value > 100_000_000_000L ? value / 1000 : value;
        return (int) (((seconds + 8 * 3600) / 3600) % 24);
    }

    private static void checkWidth(CsvCursor cursor, HeaderIndex header) {
        int count = cursor.fieldCount();
        if (count == header.width()) {
            return;
        }
        boolean truncated = !cursor.endsWithNewline() && count < header.width();
        throw DataException.at(
                truncated ? ErrorReason.TRUNCATED_LINE : ErrorReason.COLUMN_COUNT,
                cursor.getFile(),
                cursor.line(),
                0,
                null,
                (truncated ? "truncated last line: " : "")
                        + "expected "
                        + header.width()
                        + " columns as in the header, found "
                        + count);
    }

    private static DataException error(
            ErrorReason reason, CsvCursor cursor, HeaderIndex header, int column, String detail) {
        return DataException.at(
                reason, cursor.getFile(), cursor.line(), column + 1, header.name(column), detail);
    }

    /** Configures a {@link KuaisarPreparer}. */
    public static final class Builder extends PreparerBuilder<Builder> {
        private Path input;
        private long minCount = 10;
        private int maxVocab = 100_000;
        private SearchLabels searchLabels = SearchLabels.JOIN;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the folder holding the four KuaiSAR files.
         *
         * @param input the folder
         * @return this builder
         */
        public Builder setInput(Path input) {
            this.input = input;
            return this;
        }

        /**
         * Sets the least training count a value needs for an id of its own (default 10).
         *
         * @param minCount at least 1
         * @return this builder
         */
        public Builder optMinCount(long minCount) {
            this.minCount = minCount;
            return this;
        }

        /**
         * Sets the most ids per field, 0 included (default 100,000; 0 = no cap).
         *
         * @param maxVocab the cap
         * @return this builder
         */
        public Builder optMaxVocab(int maxVocab) {
            this.maxVocab = maxVocab;
            return this;
        }

        /**
         * Sets where search rows take like and share from (default {@link SearchLabels#JOIN}).
         *
         * @param searchLabels the mode
         * @return this builder
         */
        public Builder optSearchLabels(SearchLabels searchLabels) {
            this.searchLabels = searchLabels;
            return this;
        }

        /**
         * Builds the preparer.
         *
         * @return the preparer
         * @throws IllegalArgumentException on a missing folder or a bad option
         */
        public KuaisarPreparer build() {
            requireOutput();
            if (input == null || !Files.isDirectory(input)) {
                throw new IllegalArgumentException(
                        "setInput: a folder with the KuaiSAR files is required, got " + input);
            }
            new VocabularyRule(minCount, maxVocab, List.of("")); // validates both
            return new KuaisarPreparer(this);
        }
    }
}
