/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.input;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.ErrorReason;
import org.sapenet.data.error.SkipReport;
import org.sapenet.data.source.CsvCursor;
import org.sapenet.data.source.HeaderIndex;

/**
 * Streams a CSV with the training source's columns (matched by header name, in any order; label and
 * other extra columns are ignored) as encoded batches, with the row checks and messages of {@code
 * sapenet prepare}: a row with another number of columns, an id that is not a non-negative 32-bit
 * integer, a scenario value the model does not know or a dense value that is neither a finite
 * decimal nor a missing marker of the store is a {@link DataException} naming file, line, column
 * and what was expected ({@link ErrorPolicy#FAIL}), or is skipped and counted ({@link
 * ErrorPolicy#SKIP}). Labels are not read.
 *
 * <p>The file is read as {@code sapenet prepare} read the training files, with the same reader:
 * fields are found under their source columns ({@link InputSchema#sparseColumns()}) and may be
 * quoted where the store's format allowed it ({@link InputSchema#isQuoted()}).
 *
 * <p>A header that lacks a column the checkpoint's schema needs is an error at once. When a
 * scenario is given for the whole file, the scenario column may be absent; where it is also a
 * sparse field its value is set to the given scenario's, as in training. Dense values are scaled
 * and missing ones filled as the store did ({@link RowEncoder#encodeDense(int, String)}).
 *
 * <p>Memory: the reader's buffer and one batch; not thread-safe (one reader thread).
 */
public final class CsvBatchReader implements AutoCloseable {

    private final Path file;
    private final RowEncoder encoder;
    private final ErrorPolicy policy;
    private final SkipReport skips;
    private final CsvCursor cursor;
    private final List<String> header;
    private final int width;
    private final int[] sparseColumns;
    private final int[] denseColumns;
    private final int scenarioColumn;
    private final int fixedScenario;
    private final int fixedScenarioFeature;
    private long sequence;
    private long rowsRead;

    /**
     * Opens a file and checks its header.
     *
     * @param file the CSV file
     * @param encoder the checkpoint's encoder
     * @param scenario the scenario of every row (name or scenario-column value), or null to read
     *     each row's scenario column
     * @param policy what to do with a bad row
     * @param skips where skipped rows are counted
     * @throws IOException when the file cannot be read
     * @throws DataException when the file is empty or its header lacks a needed column
     * @throws IllegalArgumentException when the scenario is unknown
     */
    public CsvBatchReader(
            Path file, RowEncoder encoder, String scenario, ErrorPolicy policy, SkipReport skips)
            throws IOException {
        this.file = file;
        this.encoder = encoder;
        this.policy = policy;
        this.skips = skips;
        InputSchema schema = encoder.getSchema();
        fixedScenario = encoder.fixedScenario(scenario);
        fixedScenarioFeature =
                fixedScenario >= 0 && encoder.scenarioSparseField() >= 0
                        ? encoder.scenarioFeatureId(fixedScenario)
                        : -1;
        cursor = new CsvCursor(file, schema.isQuoted());
        try {
            if (!cursor.next()) {
                throw new DataException(
                        file
                                + ": empty file: expected a header line naming the columns "
                                + needed());
            }
            header = cursor.texts();
            width = header.size();
            HeaderIndex index = new HeaderIndex(file, header);
            List<String> sparseNames = schema.sparseColumns();
            sparseColumns = new int[sparseNames.size()];
            for (int f = 0; f < sparseColumns.length; f++) {
                boolean optional = fixedScenario >= 0 && f == encoder.scenarioSparseField();
                sparseColumns[f] = column(index, sparseNames.get(f), optional);
            }
            List<String> denseNames = schema.denseColumns();
            denseColumns = new int[denseNames.size()];
            for (int j = 0; j < denseColumns.length; j++) {
                denseColumns[j] = column(index, denseNames.get(j), false);
            }
            scenarioColumn =
                    fixedScenario >= 0 ? -1 : column(index, schema.getScenarioColumn(), false);
        } catch (RuntimeException | IOException e) {
            cursor.close();
            throw e;
        }
    }

    private int column(HeaderIndex index, String name, boolean optional) {
        int i = index.find(name);
        if (i < 0) {
            if (optional) {
                return -1;
            }
            throw index.missing(
                    name,
                    "the model's input schema needs the columns "
                            + needed()
                            + " (in any order; labels are optional)");
        }
        return i;
    }

    private String needed() {
        InputSchema schema = encoder.getSchema();
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", schema.sparseColumns()));
        if (!schema.denseColumns().isEmpty()) {
            sb.append(',').append(String.join(",", schema.denseColumns()));
        }
        if (schema.getScenarioColumn() != null
                && !schema.sparseColumns().contains(schema.getScenarioColumn())) {
            sb.append(',').append(schema.getScenarioColumn());
        }
        return sb.toString();
    }

    /**
     * Reads up to {@code maxRows} valid rows.
     *
     * @param maxRows the batch size
     * @return the chunk, or null at the end of the file
     * @throws IOException when reading fails
     * @throws DataException at a bad row under {@link ErrorPolicy#FAIL}
     */
    public InputChunk next(int maxRows) throws IOException {
        int fs = sparseColumns.length;
        int fd = denseColumns.length;
        int[] sparse = new int[maxRows * fs];
        float[] dense = new float[maxRows * fd];
        int[] scenario = new int[maxRows];
        long[] rows = new long[maxRows];
        int n = 0;
        while (n < maxRows && cursor.next()) {
            try {
                parse(n, sparse, dense, scenario);
            } catch (DataException e) {
                if (policy == ErrorPolicy.FAIL || e.getReason() == null) {
                    throw e;
                }
                skips.record(e);
                continue;
            }
            rows[n] = cursor.line() - 1;
            n++;
        }
        if (n == 0) {
            return null;
        }
        rowsRead += n;
        if (n < maxRows) {
            sparse = java.util.Arrays.copyOf(sparse, n * fs);
            dense = java.util.Arrays.copyOf(dense, n * fd);
            scenario = java.util.Arrays.copyOf(scenario, n);
        }
        return new InputChunk(
                sequence++, ScoringBatch.ofFlat(n, fs, sparse, fd, dense, scenario), rows);
    }

    private void parse(int n, int[] sparse, float[] dense, int[] scenario) {
        int count = cursor.fieldCount();
        if (count != width) {
            if (!cursor.endsWithNewline() && count < width) {
                throw error(
                        ErrorReason.TRUNCATED_LINE,
                        -1,
                        "truncated last line: "
                                + count
                                + " of "
                                + width
                                + " columns and no final newline (was the file cut off?)");
            }
            throw error(
                    ErrorReason.COLUMN_COUNT,
                    -1,
                    "expected " + width + " columns as in the header, found " + count);
        }
        int fs = sparseColumns.length;
        for (int f = 0; f < fs; f++) {
            int column = sparseColumns[f];
            int id;
            if (column < 0) {
                id = fixedScenarioFeature;
            } else if (encoder.hasVocabulary(f)) {
                id = encoder.vocabularyId(f, cursor.text(column));
            } else {
                id = cursor.parseId(column);
                if (id < 0) {
                    throw error(
                            ErrorReason.BAD_ID,
                            column,
                            "expected a non-negative integer id below 2^31-1, got '"
                                    + cursor.text(column)
                                    + "'");
                }
                id = encoder.knownId(f, id);
            }
            sparse[n * fs + f] = id;
        }
        if (fixedScenario >= 0) {
            scenario[n] = fixedScenario;
            if (fixedScenarioFeature >= 0 && sparseColumns[encoder.scenarioSparseField()] >= 0) {
                sparse[n * fs + encoder.scenarioSparseField()] = fixedScenarioFeature;
            }
        } else {
            int s = encoder.scenarioOfValue(cursor.text(scenarioColumn));
            if (s < 0) {
                throw error(
                        ErrorReason.BAD_SCENARIO,
                        scenarioColumn,
                        "expected scenario value "
                                + encoder.scenarioValuesText()
                                + ", got '"
                                + cursor.text(scenarioColumn)
                                + "'");
            }
            scenario[n] = s;
        }
        int fd = denseColumns.length;
        for (int j = 0; j < fd; j++) {
            int column = denseColumns[j];
            if (encoder.scalesDense() && encoder.isDenseMissing(cursor.text(column))) {
                dense[n * fd + j] = encoder.denseFill(j);
                continue;
            }
            float value;
            try {
                value = cursor.parseFloat(column);
            } catch (NumberFormatException e) {
                throw error(
                        ErrorReason.BAD_NUMBER,
                        column,
                        "expected a decimal number, got '" + cursor.text(column) + "'");
            }
            if (!Float.isFinite(value)) {
                throw error(
                        ErrorReason.NOT_FINITE,
                        column,
                        "expected a finite number, got '" + cursor.text(column) + "'");
            }
            dense[n * fd + j] = encoder.scaleDense(j, value);
        }
    }

    private DataException error(ErrorReason reason, int column, String detail) {
        return DataException.at(
                reason,
                file,
                cursor.line(),
                column + 1,
                column < 0 ? null : header.get(column),
                detail);
    }

    /**
     * Returns the number of valid rows read so far.
     *
     * @return the rows
     */
    public long rowsRead() {
        return rowsRead;
    }

    /** {@inheritDoc} */
    @Override
    public void close() throws IOException {
        cursor.close();
    }
}
