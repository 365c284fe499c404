/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.error;

import java.nio.file.Path;

/**
 * Bad input data or a damaged store: the message names the file, and where it applies the line, the
 * column and what was expected, so a user can find and fix the problem.
 *
 * <p>The command line turns it into exit status 1 with the message.
 */
public class DataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Path file;
    private final long line;
    private final int column;
    private final ErrorReason reason;

    /**
     * Creates an error that is not tied to a line.
     *
     * @param message the full message
     */
    public DataException(String message) {
        this(message, null, null, 0, 0, null);
    }

    /**
     * Creates an error that is not tied to a line, with a cause.
     *
     * @param message the full message
     * @param cause the cause
     */
    public DataException(String message, Throwable cause) {
        this(message, cause, null, 0, 0, null);
    }

    /**
     * Creates an error with its location.
     *
     * @param message the full message (already naming the location)
     * @param cause the cause, or null
     * @param file the file, or null
     * @param line the 1-based line, or 0 when the error is about the whole file
     * @param column the 1-based column, or 0 when the error is about the whole line
     * @param reason the kind of error, or null for errors that are never skipped
     */
    protected DataException(
            String message, Throwable cause, Path file, long line, int column, ErrorReason reason) {
        super(message, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /**
     * Creates an error about one line (and column) of an input file.
     *
     * @param reason the kind of error
     * @param file the file
     * @param line the 1-based line number
     * @param column the 1-based column number, or 0 when the whole line is wrong
     * @param columnName the column's header name, or null
     * @param detail what was expected and what was found
     * @return the exception
     */
    public static DataException at(
            ErrorReason reason,
            Path file,
            long line,
            int column,
            String columnName,
            String detail) {
        StringBuilder message = new StringBuilder();
        message.append(file).append(':').append(line);
        if (column > 0) {
            message.append(':').append(column);
        }
        message.append(": ");
        if (columnName != null) {
            message.append("column '").append(columnName).append("': ");
        }
        message.append(detail).append(" [").append(reason.key()).append(']');
        return new DataException(message.toString(), null, file, line, column, reason);
    }

    /**
     * Returns the file the error is about.
     *
     * @return the file, or null
     */
    public Path getFile() {
        return file;
    }

    /**
     * Returns the 1-based line number.
     *
     * @return the line, or 0 when the error is not about one line
     */
    public long getLine() {
        return line;
    }

    /**
     * Returns the 1-based column number.
     *
     * @return the column, or 0 when the error is not about one column
     */
    public int getColumn() {
        return column;
    }

    /**
     * Returns the kind of row error, which decides whether {@code --on-error skip} may skip it.
     *
     * @return the reason, or null for errors that always stop the run
     */
    public ErrorReason getReason() {
        return reason;
    }
}
