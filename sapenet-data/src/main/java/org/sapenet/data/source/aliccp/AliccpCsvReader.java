/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.aliccp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.ErrorReason;
import org.sapenet.data.error.SkipReport;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.source.CsvCursor;
import org.sapenet.data.source.HeaderIndex;
import org.sapenet.data.store.StoreRow;

/**
 * Reads one processed AliCCP CSV (33 columns matched by header name, in any order; extra columns
 * are ignored) and hands each valid row to a consumer.
 *
 * <p>Every value is checked: labels 0 or 1, no purchase without a click, ids non-negative integers
 * below the vocabulary bound ({@link AliccpPreparer.Builder#optMaxVocab}), scenario ({@code 301})
 * 1, 2 or 3, dense values finite decimals, the right number of columns. A bad row throws a {@link
 * DataException} naming file, line and column ({@link ErrorPolicy#FAIL}) or is skipped and counted
 * in the {@link SkipReport} ({@link ErrorPolicy#SKIP}). File-level problems (empty file, missing or
 * duplicate header columns, with the rule of {@link HeaderIndex}) always throw.
 *
 * <p>A truncated last line is one without a final newline and with fewer columns than the header
 * (an interrupted copy); a last line without a newline but with every column is accepted.
 */
final class AliccpCsvReader {

    /** Supplies the row buffers lines are parsed into and receives each valid row. */
    interface RowSink {
        /**
         * Returns the buffer the next line is parsed into (the same one again after a bad line).
         *
         * @return the row buffer
         */
        StoreRow row();

        /**
         * Takes one valid row.
         *
         * @param row the buffer returned by {@link #row()}, now holding the row
         * @param line its line number
         */
        void accept(StoreRow row, long line);
    }

    private final Path file;
    private final ErrorPolicy policy;
    private final SkipReport skips;
    private final int maxVocab;
    private List<String> headerNames;
    private long rows;
    private long blankLines;

    AliccpCsvReader(Path file, ErrorPolicy policy, SkipReport skips, int maxVocab) {
        this.file = file;
        this.policy = policy;
        this.skips = skips;
        this.maxVocab = maxVocab;
    }

    /**
     * Reads the file.
     *
     * @param sink supplies row buffers and receives each valid row
     * @throws IOException when reading fails
     */
    void read(RowSink sink) throws IOException {
        long skippedBefore = skips.total();
        try (CsvCursor cursor = new CsvCursor(file)) {
            if (!cursor.next()) {
                throw new DataException(
                        file
                                + ": empty file: expected a header line with the 33 processed AliCCP"
                                + " columns ("
                                + String.join(",", AliccpSchema.HEADER)
                                + ")");
            }
            headerNames = cursor.texts();
            Layout layout = Layout.of(file, headerNames);
            while (cursor.next()) {
                StoreRow row = sink.row();
                try {
                    parse(cursor, layout, row);
                } catch (DataException e) {
                    if (policy == ErrorPolicy.FAIL || e.getReason() == null) {
                        throw e;
                    }
                    skips.record(e);
                    continue;
                }
                rows++;
                sink.accept(row, cursor.line());
            }
            blankLines = cursor.blankLines();
            if (rows == 0 && skips.total() == skippedBefore) {
                throw new DataException(
                        file + ": no data rows after the header: expected at least one row");
            }
        }
    }

    long rows() {
        return rows;
    }

    long blankLines() {
        return blankLines;
    }

    private void parse(CsvCursor cursor, Layout layout, StoreRow row) {
        int count = cursor.fieldCount();
        if (count != layout.width) {
            if (!cursor.endsWithNewline() && count < layout.width) {
                throw error(
                        ErrorReason.TRUNCATED_LINE,
                        cursor,
                        -1,
                        "truncated last line: "
                                + count
                                + " of "
                                + layout.width
                                + " columns and no final newline (was the file cut off?)");
            }
            throw error(
                    ErrorReason.COLUMN_COUNT,
                    cursor,
                    -1,
                    "expected " + layout.width + " columns as in the header, found " + count);
        }
        boolean click = label(cursor, layout.click, 0, row);
        boolean purchase = label(cursor, layout.purchase, 1, row);
        if (purchase && !click) {
            throw error(
                    ErrorReason.PURCHASE_WITHOUT_CLICK,
                    cursor,
                    layout.purchase,
                    "purchase = 1 with click = 0: processed AliCCP has no such rows (the upstream"
                            + " processing drops them)");
        }
        int[] sparse = layout.sparse;
        for (int f = 0; f < sparse.length; f++) {
            int id = cursor.parseId(sparse[f]);
            if (id < 0) {
                throw error(
                        ErrorReason.BAD_ID,
                        cursor,
                        sparse[f],
                        "expected a non-negative integer id below 2^31-1, got '"
                                + cursor.text(sparse[f])
                                + "'");
            }
            if (id >= maxVocab) {
                throw error(
                        ErrorReason.BAD_ID,
                        cursor,
                        sparse[f],
                        "id "
                                + id
                                + " is not below --max-vocab "
                                + maxVocab
                                + ": processed AliCCP ids are dense indexes, and the field's"
                                + " embedding table would get "
                                + (id + 1L)
                                + " rows (raise --max-vocab if the field has that many ids)");
            }
            row.setSparse(f, id);
        }
        int scenarioValue = cursor.parseId(layout.scenario);
        if (scenarioValue < 1 || scenarioValue > AliccpSchema.SCENARIOS.size()) {
            throw error(
                    ErrorReason.BAD_SCENARIO,
                    cursor,
                    layout.scenario,
                    "expected scenario value 1, 2 or 3, got '"
                            + cursor.text(layout.scenario)
                            + "'");
        }
        row.setScenario(scenarioValue - 1);
        int[] dense = layout.dense;
        for (int f = 0; f < dense.length; f++) {
            float value;
            try {
                value = cursor.parseFloat(dense[f]);
            } catch (NumberFormatException e) {
                throw error(
                        ErrorReason.BAD_NUMBER,
                        cursor,
                        dense[f],
                        "expected a decimal number, got '" + cursor.text(dense[f]) + "'");
            }
            if (!Float.isFinite(value)) {
                throw error(
                        ErrorReason.NOT_FINITE,
                        cursor,
                        dense[f],
                        "expected a finite number, got '" + cursor.text(dense[f]) + "'");
            }
            row.setDense(f, value);
        }
    }

    private boolean label(CsvCursor cursor, int column, int task, StoreRow row) {
        boolean positive;
        if (cursor.is(column, '0')) {
            positive = false;
        } else if (cursor.is(column, '1')) {
            positive = true;
        } else {
            float value;
            try {
                value = cursor.parseFloat(column);
            } catch (NumberFormatException e) {
                value = Float.NaN;
            }
            if (value != 0f && value != 1f) {
                throw error(
                        ErrorReason.BAD_LABEL,
                        cursor,
                        column,
                        "expected label 0 or 1, got '" + cursor.text(column) + "'");
            }
            positive = value == 1f;
        }
        row.setLabel(task, positive);
        return positive;
    }

    private DataException error(ErrorReason reason, CsvCursor cursor, int column, String detail) {
        return DataException.at(
                reason,
                file,
                cursor.line(),
                column + 1,
                column < 0 ? null : headerNames.get(column),
                detail);
    }

    /** Where each AliCCP column sits in one file's header. */
    private static final class Layout {
        int width;
        int click;
        int purchase;
        int scenario;
        int[] sparse;
        int[] dense;

        static Layout of(Path file, List<String> header) {
            HeaderIndex index = new HeaderIndex(file, header);
            for (String required : AliccpSchema.HEADER) {
                if (index.find(required) < 0) {
                    throw index.missing(
                            required,
                            "the header must name the 33 processed AliCCP columns (in any order)");
                }
            }
            Layout layout = new Layout();
            layout.width = header.size();
            layout.click = index.find("click");
            layout.purchase = index.find("purchase");
            layout.scenario = index.find(AliccpSchema.SCENARIO_COLUMN);
            layout.sparse = columns(index, AliccpSchema.SPARSE_FIELDS);
            layout.dense = columns(index, AliccpSchema.DENSE_FIELDS);
            return layout;
        }

        private static int[] columns(HeaderIndex index, List<String> names) {
            int[] out = new int[names.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = index.find(names.get(i));
            }
            return out;
        }
    }
}
