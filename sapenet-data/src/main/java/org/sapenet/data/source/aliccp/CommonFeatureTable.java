/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.aliccp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.ErrorReason;
import org.sapenet.data.error.SkipReport;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.source.CsvCursor;
import org.sapenet.data.vocab.ValueTable;

/**
 * The common (user) features of one raw AliCCP {@code common_features_*.csv}, held compactly: the
 * {@code common_feature_index} keys interned as bytes (row r = key slot r), and for each store
 * field that occurs in the file one {@code int[]} of value slots (-1 = absent) and, for dense
 * twins, one {@code float[]} (NaN = absent). About 37 bytes per key plus 4 bytes per (row, field
 * present in the file): the ~730 k common rows of a real training file take roughly 80 MB.
 */
final class CommonFeatureTable {

    private static final List<String> HEADER =
            List.of("common_feature_index", "feature_num", "feature_list");

    private final ValueTable keys = new ValueTable();
    private final int[][] slots = new int[AliccpSchema.SPARSE_FIELDS.size()][];
    private final float[][] dense = new float[AliccpSchema.DENSE_FIELDS.size()][];
    private int capacity = 1024;
    private long lines;

    /**
     * Loads a common features file.
     *
     * @param file the file
     * @param parser the feature parser (its tables receive the values)
     * @param insert whether new values are added to the tables (the training file)
     * @param policy what to do with bad rows
     * @param skips where skipped rows are counted
     * @return the table
     * @throws IOException when reading fails
     */
    static CommonFeatureTable load(
            Path file,
            RawFeatureParser parser,
            boolean insert,
            ErrorPolicy policy,
            SkipReport skips)
            throws IOException {
        CommonFeatureTable table = new CommonFeatureTable();
        RawFeatureParser.RawRow row = new RawFeatureParser.RawRow();
        try (CsvCursor cursor = new CsvCursor(file)) {
            boolean first = true;
            while (cursor.next()) {
                if (first && cursor.text(0).equals(HEADER.get(0))) {
                    first = false;
                    continue;
                }
                first = false;
                table.lines++;
                try {
                    table.add(cursor, parser, row, insert);
                } catch (DataException e) {
                    if (policy == ErrorPolicy.FAIL || e.getReason() == null) {
                        throw e;
                    }
                    skips.record(e);
                }
            }
        }
        return table;
    }

    private void add(
            CsvCursor cursor,
            RawFeatureParser parser,
            RawFeatureParser.RawRow row,
            boolean insert) {
        AliccpRawPreparer.checkWidth(cursor, HEADER);
        byte[] b = cursor.buffer();
        if (cursor.start(0) == cursor.end(0)) {
            throw DataException.at(
                    ErrorReason.MISSING_VALUE,
                    cursor.getFile(),
                    cursor.line(),
                    1,
                    HEADER.get(0),
                    "empty common_feature_index");
        }
        row.clear();
        int entries = parser.parse(cursor, 2, HEADER, row, insert);
        AliccpRawPreparer.checkCount(cursor, 1, HEADER, entries);
        int before = keys.size();
        int r = keys.intern(b, cursor.start(0), cursor.end(0));
        if (r < before) {
            throw DataException.at(
                    ErrorReason.BAD_FEATURE,
                    cursor.getFile(),
                    cursor.line(),
                    1,
                    HEADER.get(0),
                    "duplicate common_feature_index '" + cursor.text(0) + "'");
        }
        if (r >= capacity) {
            grow();
        }
        for (int f = 0; f < slots.length; f++) {
            if (row.slots[f] >= 0) {
                column(f)[r] = row.slots[f];
            }
        }
        for (int d = 0; d < dense.length; d++) {
            if (!Float.isNaN(row.dense[d])) {
                denseColumn(d)[r] = row.dense[d];
            }
        }
    }

    private int[] column(int f) {
        if (slots[f] == null) {
            slots[f] = new int[capacity];
            Arrays.fill(slots[f], -1);
        }
        return slots[f];
    }

    private float[] denseColumn(int d) {
        if (dense[d] == null) {
            dense[d] = new float[capacity];
            Arrays.fill(dense[d], Float.NaN);
        }
        return dense[d];
    }

    private void grow() {
        int grown = capacity * 2;
        for (int f = 0; f < slots.length; f++) {
            if (slots[f] != null) {
                slots[f] = Arrays.copyOf(slots[f], grown);
                Arrays.fill(slots[f], capacity, grown, -1);
            }
        }
        for (int d = 0; d < dense.length; d++) {
            if (dense[d] != null) {
                dense[d] = Arrays.copyOf(dense[d], grown);
                Arrays.fill(dense[d], capacity, grown, Float.NaN);
            }
        }
        capacity = grown;
    }

    /**
     * Finds the row of a key.
     *
     * @param b the bytes
     * @param start the key's first byte
     * @param end one past its last byte
     * @return the row, or -1 when the file has no such key
     */
    int find(byte[] b, int start, int end) {
        return keys.find(b, start, end);
    }

    /**
     * Copies a common row's values into a row.
     *
     * @param r the common row
     * @param row the row to fill
     */
    void copyTo(int r, RawFeatureParser.RawRow row) {
        for (int f = 0; f < slots.length; f++) {
            if (slots[f] != null) {
                row.slots[f] = slots[f][r];
            }
        }
        for (int d = 0; d < dense.length; d++) {
            if (dense[d] != null) {
                row.dense[d] = dense[d][r];
            }
        }
    }

    /**
     * Returns the number of common rows held.
     *
     * @return the row count
     */
    int rows() {
        return keys.size();
    }

    /**
     * Returns the number of data lines read (bad ones included).
     *
     * @return the line count
     */
    long lines() {
        return lines;
    }
}
