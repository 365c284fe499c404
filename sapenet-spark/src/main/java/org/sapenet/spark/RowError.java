/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.util.Comparator;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorReason;

/**
 * A value of an input row that cannot be encoded, and where the row came from: a CSV file's split
 * and the record's position in it (turned into the file's line number when reported), a Parquet
 * file's row index, or else the partition and the row's position in it.
 */
final class RowError implements Serializable, Comparable<RowError> {

    private static final long serialVersionUID = 1L;

    private static final Comparator<RowError> ORDER =
            Comparator.comparing((RowError e) -> e.file, Comparator.nullsLast(String::compareTo))
                    .thenComparingLong(e -> e.blockStart)
                    .thenComparingLong(e -> e.record)
                    .thenComparingInt(e -> e.partition)
                    .thenComparingLong(e -> e.rowInPartition);

    private final ErrorReason reason;
    private final String file;
    private final long blockStart;
    private final long record;
    private final boolean csv;
    private final int partition;
    private final long rowInPartition;
    private final int column;
    private final String columnName;
    private final String detail;

    RowError(
            ErrorReason reason,
            RowPosition position,
            int column,
            String columnName,
            String detail) {
        this.reason = reason;
        this.file = position.file;
        this.blockStart = position.blockStart;
        this.record = position.record;
        this.csv = position.csv;
        this.partition = position.partition;
        this.rowInPartition = position.rowInPartition;
        this.column = column;
        this.columnName = columnName;
        this.detail = detail;
    }

    ErrorReason reason() {
        return reason;
    }

    /**
     * Returns the error as {@code score} words it: {@code file:line:column: column 'X': expected
     * ... [reason]} for a CSV row (the line found by reading the file up to the row), {@code file:
     * row N, column C: ...} for a Parquet row, {@code partition P, row N, column C: ...} otherwise.
     *
     * @return the exception
     */
    DataException toException() {
        StringBuilder message = new StringBuilder();
        if (file != null && csv) {
            long line = CsvLines.lineOf(file, blockStart, record);
            message.append(display(file));
            if (line > 0) {
                message.append(':').append(line).append(':').append(column + 1);
            } else {
                message.append(": record ")
                        .append(record + 1)
                        .append(" of the split at byte ")
                        .append(blockStart)
                        .append(", column ")
                        .append(column + 1);
            }
        } else if (file != null) {
            message.append(display(file))
                    .append(": row ")
                    .append(record + 1)
                    .append(", column ")
                    .append(column + 1);
        } else {
            message.append("partition ")
                    .append(partition)
                    .append(", row ")
                    .append(rowInPartition + 1)
                    .append(", column ")
                    .append(column + 1);
        }
        message.append(": column '").append(columnName).append("': ").append(detail);
        message.append(" [").append(reason.key()).append(']');
        return new RowException(message.toString(), reason);
    }

    private static String display(String file) {
        if (file.startsWith("file:")) {
            try {
                return Path.of(URI.create(file)).toString();
            } catch (IllegalArgumentException e) {
                return file;
            }
        }
        return file;
    }

    @Override
    public int compareTo(RowError other) {
        return ORDER.compare(this, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowError && compareTo((RowError) o) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(file, blockStart, record, partition, rowInPartition);
    }

    /** A bad row's error, with the reason that skip mode counts. */
    static final class RowException extends DataException {
        private static final long serialVersionUID = 1L;

        RowException(String message, ErrorReason reason) {
            super(message, null, null, 0, 0, reason);
        }
    }
}
