/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.sapenet.data.error.DataException;

/**
 * A byte-level reader of comma-separated lines over a buffered stream: it finds the fields of each
 * line without creating strings and parses integers and decimals from the bytes.
 *
 * <p>Lines end with {@code \n} or {@code \r\n} (a first line ended by {@code \r} alone is an error
 * that says so, as are folders, a NUL byte in the first line and zip, bzip2, xz and zstd files);
 * gzip files are decompressed on the fly. A UTF-8 byte-order mark before the header is skipped.
 * Blank lines are skipped and counted ({@link #blankLines()}). By default quoting is not supported
 * (no processed AliCCP file has quotes; a quote makes the field fail to parse as a number). Opened
 * with {@code quotes = true} it reads RFC 4180 quoting: a field that starts with {@code "} runs to
 * the closing quote, may hold commas, line breaks and doubled quotes ({@code ""} for one {@code
 * "}), and is handed out without its quotes; {@link #line()} is then the physical line the record
 * starts on. Memory: one buffer of {@value #BUFFER_BYTES} bytes; a line (record) longer than that
 * is an error.
 */
public final class CsvCursor implements AutoCloseable {

    /** The read buffer size, also the longest allowed line. */
    public static final int BUFFER_BYTES = 1 << 22;

    private final Path file;
    private final boolean quotes;
    private long nextLine = 1;
    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int limit;
    private int position;
    private boolean endOfInput;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int fields;
    private long line;
    private long blankLines;
    private boolean newlineTerminated;

    /**
     * Opens a file.
     *
     * @param file the CSV file
     * @throws IOException when it cannot be opened
     */
    public CsvCursor(Path file) throws IOException {
        this(file, false);
    }

    /**
     * Opens a file, with or without RFC 4180 quoting.
     *
     * @param file the CSV file
     * @param quotes whether fields may be quoted
     * @throws IOException when it cannot be opened
     */
    public CsvCursor(Path file, boolean quotes) throws IOException {
        this(file, open(file), quotes);
    }

    /**
     * Reads a stream (a request body, say) as a CSV, with or without RFC 4180 quoting.
     *
     * @param name what messages call the input
     * @param in the stream, closed with the cursor
     * @param quotes whether fields may be quoted
     * @throws IOException when it cannot be read
     */
    public CsvCursor(Path name, InputStream in, boolean quotes) throws IOException {
        this.file = name;
        this.quotes = quotes;
        this.in = in;
        try {
            fill();
            if (limit >= 3
                    && buffer[0] == (byte) 0xEF
                    && buffer[1] == (byte) 0xBB
                    && buffer[2] == (byte) 0xBF) {
                position = 3;
            }
            checkText();
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Opens a file, reading gzip directly (by its magic bytes, whatever its name) and refusing
     * other compressed formats and folders with a message that says so.
     */
    private static InputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a folder: expected a CSV file");
        }
        byte[] magic = new byte[6];
        int n;
        try (InputStream probe = Files.newInputStream(file)) {
            n = probe.readNBytes(magic, 0, magic.length);
        }
        if (n >= 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b) {
            return new GZIPInputStream(Files.newInputStream(file), 1 << 16);
        }
        String kind = compression(magic, n);
        if (kind != null) {
            throw new DataException(
                    file
                            + ": a "
                            + kind
                            + " file, not a CSV: decompress it first (gzip is read directly)");
        }
        return Files.newInputStream(file);
    }

    private static String compression(byte[] m, int n) {
        if (n >= 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 && m[3] == 4) {
            return "zip";
        }
        if (n >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') {
            return "bzip2-compressed";
        }
        if (n >= 6 && m[0] == (byte) 0xFD && m[1] == '7' && m[2] == 'z' && m[3] == 'X') {
            return "xz-compressed";
        }
        if (n >= 4 && m[0] == 0x28 && m[1] == (byte) 0xB5 && m[2] == 0x2F && m[3] == (byte) 0xFD) {
            return "zstd-compressed";
        }
        return null;
    }

    /**
     * Checks the first line: no NUL byte (a binary file), ended by LF or CRLF (a CR alone, the line
     * end of classic Mac files, would make the whole file one line).
     */
    private void checkText() {
        int end = Math.min(limit, position + 65536);
        for (int i = position; i < end; i++) {
            byte c = buffer[i];
            if (c == '\n') {
                return;
            }
            if (c == '\r' && i + 1 < limit && buffer[i + 1] != '\n') {
                throw new DataException(
                        file
                                + ":1: lines end with a carriage return (CR) alone: expected LF or"
                                + " CRLF line ends (convert with: tr '\\r' '\\n')");
            }
            if (c == 0) {
                throw new DataException(
                        file
                                + ":1: byte "
                                + (i + 1)
                                + " is NUL: not a text CSV file (a binary or compressed file?)");
            }
        }
    }

    private void fill() throws IOException {
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        while (limit < buffer.length && !endOfInput) {
            int n;
            try {
                n = in.read(buffer, limit, buffer.length - limit);
            } catch (IOException e) {
                // A damaged gzip stream, a read error of the device: say which file.
                throw new IOException(
                        file + ": reading failed after line " + line + ": " + e.getMessage(), e);
            }
            if (n < 0) {
                endOfInput = true;
            } else {
                limit += n;
            }
        }
    }

    /**
     * Moves to the next non-blank line.
     *
     * @return false at the end of the file
     * @throws IOException when reading fails
     * @throws DataException when a line is longer than {@value #BUFFER_BYTES} bytes
     */
    public boolean next() throws IOException {
        while (true) {
            if (position >= limit) {
                if (endOfInput) {
                    return false;
                }
                fill();
                if (position >= limit) {
                    return false;
                }
            }
            int end = quotes ? scanQuoted() : scan();
            if (end < 0) {
                if (position == 0 && limit == buffer.length) {
                    throw new DataException(
                            file
                                    + ":"
                                    + (line + 1)
                                    + ": line longer than "
                                    + BUFFER_BYTES
                                    + " bytes: not a CSV of this format");
                }
                fill();
                continue;
            }
            if (quotes) {
                line = nextLine;
                nextLine += 1 + embeddedNewlines;
            } else {
                line++;
            }
            if (fields == 1 && starts[0] == ends[0]) {
                blankLines++;
                continue;
            }
            return true;
        }
    }

    /**
     * Splits the line at {@link #position}. Returns the index after it, or -1 when the line does
     * not end inside the buffer and more input remains. With quoting on, it returns {@link #QUOTED}
     * at the first quote instead, for the full parse to start over (most lines have none: this is
     * the fast path of {@link #scanQuoted()}).
     */
    private int scan() {
        byte[] b = buffer;
        int count = 0;
        int start = position;
        for (int i = position; i < limit; i++) {
            byte c = b[i];
            if (c == ',') {
                record(count++, start, i);
                start = i + 1;
            } else if (c == '\n') {
                int end = i > start && b[i - 1] == '\r' ? i - 1 : i;
                record(count++, start, end);
                fields = count;
                newlineTerminated = true;
                embeddedNewlines = 0;
                position = i + 1;
                return position;
            } else if (quotes && c == '"') {
                return QUOTED;
            }
        }
        if (!endOfInput) {
            return -1;
        }
        int end = limit > start && b[limit - 1] == '\r' ? limit - 1 : limit;
        record(count++, start, end);
        fields = count;
        newlineTerminated = false;
        embeddedNewlines = 0;
        position = limit;
        return position;
    }

    // ---- formats: RFC 4180 quoted fields (only with quotes = true) ----

    private int embeddedNewlines;

    /**
     * Like {@link #scan()} with quoting: first finds where the record ends (outside quotes), then
     * splits it, removing the quotes and turning doubled quotes into one in place.
     */
    private int scanQuoted() {
        int end = scan();
        return end == QUOTED ? scanQuotedRecord() : end;
    }

    /** What {@link #scan()} returns at a quote when quoting is on. */
    private static final int QUOTED = -2;

    /** The full RFC 4180 parse of {@link #scanQuoted()}. */
    private int scanQuotedRecord() {
        byte[] b = buffer;
        boolean inQuotes = false;
        int newlines = 0;
        int recordEnd = -1;
        for (int i = position; i < limit; i++) {
            byte c = b[i];
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '\n') {
                if (!inQuotes) {
                    recordEnd = i;
                    break;
                }
                newlines++;
            }
        }
        if (recordEnd < 0) {
            if (!endOfInput) {
                return -1;
            }
            if (inQuotes) {
                throw DataException.at(
                        org.sapenet.data.error.ErrorReason.BAD_QUOTE,
                        file,
                        nextLine,
                        0,
                        null,
                        "a quoted field is not closed before the end of the file");
            }
        }
        int end = recordEnd < 0 ? limit : recordEnd;
        newlineTerminated = recordEnd >= 0;
        if (end > position && b[end - 1] == '\r') {
            end--;
        }
        embeddedNewlines = newlines;
        int count = 0;
        int i = position;
        while (true) {
            if (i < end && b[i] == '"') {
                int write = i;
                int start = i;
                i++;
                while (true) {
                    if (i >= end) {
                        throw quoteError(count);
                    }
                    if (b[i] == '"') {
                        if (i + 1 < end && b[i + 1] == '"') {
                            b[write++] = '"';
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    b[write++] = b[i++];
                }
                record(count++, start, write);
                if (i < end && b[i] != ',') {
                    throw quoteError(count - 1);
                }
            } else {
                int start = i;
                while (i < end && b[i] != ',') {
                    if (b[i] == '"') {
                        throw quoteError(count);
                    }
                    i++;
                }
                record(count++, start, i);
            }
            if (i >= end) {
                break;
            }
            i++; // the comma
            if (i == end) {
                record(count++, end, end);
                break;
            }
        }
        fields = count;
        position = recordEnd < 0 ? limit : recordEnd + 1;
        return position;
    }

    private DataException quoteError(int field) {
        return DataException.at(
                org.sapenet.data.error.ErrorReason.BAD_QUOTE,
                file,
                nextLine,
                field + 1,
                null,
                "bad quoting: a quoted field must start and end with \" and stand alone between"
                        + " commas (a \" inside it is written \"\")");
    }

    /**
     * Returns the buffer holding the current line, for byte-level parsing with {@link #start(int)}
     * and {@link #end(int)}; valid until the next {@link #next()}.
     *
     * @return the buffer (do not modify)
     */
    public byte[] buffer() {
        return buffer;
    }

    /**
     * Returns where a field starts in {@link #buffer()}.
     *
     * @param field the field index
     * @return the index of its first byte
     */
    public int start(int field) {
        return starts[field];
    }

    /**
     * Returns where a field ends in {@link #buffer()}.
     *
     * @param field the field index
     * @return one past its last byte
     */
    public int end(int field) {
        return ends[field];
    }

    // ---- end formats ----

    private void record(int index, int start, int end) {
        if (index == starts.length) {
            starts = java.util.Arrays.copyOf(starts, index * 2);
            ends = java.util.Arrays.copyOf(ends, index * 2);
        }
        starts[index] = start;
        ends[index] = end;
    }

    /**
     * Returns the file.
     *
     * @return the path
     */
    public Path getFile() {
        return file;
    }

    /**
     * Returns the 1-based number of the current line (blank lines included).
     *
     * @return the line number
     */
    public long line() {
        return line;
    }

    /**
     * Returns the number of fields of the current line.
     *
     * @return the field count
     */
    public int fieldCount() {
        return fields;
    }

    /**
     * Returns whether the current line ended with a newline (false only for a last line without
     * one).
     *
     * @return whether a newline ended the line
     */
    public boolean endsWithNewline() {
        return newlineTerminated;
    }

    /**
     * Returns the number of blank lines skipped so far.
     *
     * @return the count
     */
    public long blankLines() {
        return blankLines;
    }

    /**
     * Returns a field as text (for headers and messages).
     *
     * @param field the 0-based field index
     * @return the text, decoded as UTF-8
     */
    public String text(int field) {
        return new String(
                buffer, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
    }

    /**
     * Returns all fields of the current line as text.
     *
     * @return the fields
     */
    public List<String> texts() {
        List<String> out = new ArrayList<>(fields);
        for (int i = 0; i < fields; i++) {
            out.add(text(i));
        }
        return out;
    }

    /**
     * Returns whether a field is exactly one given ASCII character.
     *
     * @param field the field index
     * @param c the character
     * @return whether the field is {@code c}
     */
    public boolean is(int field, char c) {
        return ends[field] - starts[field] == 1 && buffer[starts[field]] == c;
    }

    /**
     * Parses a field as a non-negative decimal integer below 2^31 - 1.
     *
     * @param field the field index
     * @return the value, or -1 when the field is not such an integer
     */
    public int parseId(int field) {
        int start = starts[field];
        int end = ends[field];
        if (start == end || end - start > 10) {
            return -1;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value >= Integer.MAX_VALUE ? -1 : (int) value;
    }

    /**
     * Parses a field as a decimal number, correctly rounded to float32. Short plain decimals (at
     * most 7 significant digits and 10 fraction digits) are parsed from the bytes; others go
     * through {@link Float#parseFloat}. {@code NaN} and {@code inf}/{@code Infinity} (any case,
     * signed) give NaN and infinities, for the caller to reject.
     *
     * @param field the field index
     * @return the value
     * @throws NumberFormatException when the field is not a decimal number
     */
    public float parseFloat(int field) {
        return Decimals.parseFloat(buffer, starts[field], ends[field]);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
