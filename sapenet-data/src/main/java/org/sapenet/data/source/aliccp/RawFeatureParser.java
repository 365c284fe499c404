/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.aliccp;

import java.util.Arrays;
import java.util.List;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorReason;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.source.CsvCursor;
import org.sapenet.data.source.Decimals;
import org.sapenet.data.vocab.ValueTable;

/**
 * Parses the {@code feature_list} of raw AliCCP rows: entries separated by byte 0x01, each {@code
 * field_id 0x02 feature_id 0x03 value}. Entries of the 23 store fields set the field's value slot
 * (interned in the field's {@link ValueTable}) and, for the 8 fields with a dense twin, the dense
 * value; other fields are ignored. When a field occurs more than once the last entry wins.
 */
final class RawFeatureParser {

    static final byte ENTRY = 0x01;
    static final byte FIELD = 0x02;
    static final byte VALUE = 0x03;

    private final ValueTable fieldNames = new ValueTable();
    private final ValueTable[] tables;
    private final int[] denseOf;

    /** The value slots and dense values of one row (-1 / NaN = absent). */
    static final class RawRow {
        final int[] slots = new int[AliccpSchema.SPARSE_FIELDS.size()];
        final float[] dense = new float[AliccpSchema.DENSE_FIELDS.size()];

        void clear() {
            Arrays.fill(slots, -1);
            Arrays.fill(dense, Float.NaN);
        }
    }

    RawFeatureParser(ValueTable[] tables) {
        List<String> sparse = AliccpSchema.SPARSE_FIELDS;
        this.tables = tables;
        this.denseOf = new int[sparse.size()];
        for (int f = 0; f < sparse.size(); f++) {
            fieldNames.intern(sparse.get(f));
            denseOf[f] = AliccpSchema.DENSE_FIELDS.indexOf("D" + sparse.get(f));
        }
    }

    /**
     * Returns the dense field of a sparse field.
     *
     * @param field the sparse field index
     * @return the dense field index, or -1
     */
    int denseOf(int field) {
        return denseOf[field];
    }

    /**
     * Parses one feature list into a row (on top of what it holds).
     *
     * @param cursor the cursor on the line
     * @param column the feature_list field index
     * @param header the column names, for messages
     * @param row the row to update
     * @param insert whether new values are added to the tables (training) or looked up only
     * @return the number of entries
     * @throws DataException on a malformed entry or a bad dense value
     */
    int parse(CsvCursor cursor, int column, List<String> header, RawRow row, boolean insert) {
        byte[] b = cursor.buffer();
        int i = cursor.start(column);
        int end = cursor.end(column);
        int entries = 0;
        while (i < end) {
            int entryEnd = i;
            int field = -1;
            int value = -1;
            for (; entryEnd < end && b[entryEnd] != ENTRY; entryEnd++) {
                if (b[entryEnd] == FIELD && field < 0) {
                    field = entryEnd;
                } else if (b[entryEnd] == VALUE && field >= 0 && value < 0) {
                    value = entryEnd;
                }
            }
            if (field <= i || value < 0 || value == field + 1) {
                throw error(
                        cursor,
                        column,
                        header,
                        "entry "
                                + (entries + 1)
                                + " is not field_id 0x02 feature_id 0x03 value: '"
                                + printable(b, i, entryEnd)
                                + "'");
            }
            int f = fieldNames.find(b, i, field);
            if (f >= 0) {
                row.slots[f] =
                        insert
                                ? tables[f].intern(b, field + 1, value)
                                : tables[f].find(b, field + 1, value);
                int d = denseOf[f];
                if (d >= 0) {
                    row.dense[d] = dense(cursor, column, header, b, value + 1, entryEnd, f);
                }
            }
            entries++;
            i = entryEnd + 1;
        }
        return entries;
    }

    private static float dense(
            CsvCursor cursor,
            int column,
            List<String> header,
            byte[] b,
            int start,
            int end,
            int f) {
        float v;
        try {
            v = Decimals.parseFloat(b, start, end);
        } catch (NumberFormatException e) {
            v = Float.NaN;
        }
        if (!Float.isFinite(v)) {
            throw DataException.at(
                    ErrorReason.BAD_NUMBER,
                    cursor.getFile(),
                    cursor.line(),
                    column + 1,
                    header.get(column),
                    "field "
                            + AliccpSchema.SPARSE_FIELDS.get(f)
                            + ": expected a finite decimal value after 0x03, got '"
                            + printable(b, start, end)
                            + "'");
        }
        return v;
    }

    static DataException error(CsvCursor cursor, int column, List<String> header, String detail) {
        return DataException.at(
                ErrorReason.BAD_FEATURE,
                cursor.getFile(),
                cursor.line(),
                column + 1,
                header.get(column),
                detail);
    }

    /** Shows control bytes as ^A, ^B, ^C in messages. */
    static String printable(byte[] b, int start, int end) {
        StringBuilder out = new StringBuilder();
        for (int i = start; i < Math.min(end, start + 80); i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20) {
                out.append('^').append((char) ('@' + c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }
}
