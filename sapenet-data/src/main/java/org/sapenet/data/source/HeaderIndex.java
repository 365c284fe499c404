/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sapenet.data.error.DataException;

/**
 * The columns of one CSV file's header, matched by name (any order; surrounding spaces and quotes
 * ignored), so dumps with different column orders read the same. Every CSV reader of the project
 * indexes its header here, so all share one rule: a non-empty name that occurs twice is an error
 * naming the file, line 1 and the column, whether or not the reader uses that column.
 */
public final class HeaderIndex {

    private final Path file;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();

    /**
     * Indexes a header.
     *
     * @param file the file, for messages
     * @param names the header cells
     * @throws DataException when a name occurs twice
     */
    public HeaderIndex(Path file, List<String> names) {
        this.file = file;
        this.names = names;
        for (int i = 0; i < names.size(); i++) {
            String name = clean(names.get(i));
            Integer previous = index.put(name, i);
            if (previous != null && !name.isEmpty()) {
                throw new DataException(
                        file
                                + ":1:"
                                + (i + 1)
                                + ": duplicate header column '"
                                + name
                                + "' (also column "
                                + (previous + 1)
                                + ")");
            }
        }
    }

    private static String clean(String name) {
        String out = name.trim();
        if (out.length() >= 2 && out.startsWith("\"") && out.endsWith("\"")) {
            out = out.substring(1, out.length() - 1);
        }
        return out;
    }

    /**
     * Returns the index of the first present name among a column's accepted names.
     *
     * @param accepted the name and its aliases
     * @return the 0-based index, or -1 when none is present
     */
    public int find(String... accepted) {
        for (String name : accepted) {
            Integer i = index.get(name);
            if (i != null) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Returns the index of a required column.
     *
     * @param what what the column is for, for the message
     * @param accepted the name and its aliases
     * @return the 0-based index
     * @throws DataException naming the file and the header found when the column is missing
     */
    public int require(String what, String... accepted) {
        int i = find(accepted);
        if (i < 0) {
            throw new DataException(
                    file
                            + ":1: missing required column '"
                            + String.join("' (or '", accepted)
                            + (accepted.length > 1 ? "')" : "'")
                            + " ("
                            + what
                            + "); the header has: "
                            + String.join(",", names));
        }
        return i;
    }

    /**
     * Returns the error for a column the header lacks, for a reader that explains which columns it
     * needs: {@code FILE:1: missing required column 'NAME': EXPECTED, found: HEADER}.
     *
     * @param name the missing column
     * @param expected what the header must name, e.g. {@code the header must name the 33 processed
     *     AliCCP columns (in any order)}
     * @return the exception to throw
     */
    public DataException missing(String name, String expected) {
        return new DataException(
                file
                        + ":1: missing required column '"
                        + name
                        + "': "
                        + expected
                        + ", found: "
                        + String.join(",", names));
    }

    /**
     * Returns the header names.
     *
     * @return the names as read
     */
    public List<String> names() {
        return names;
    }

    /**
     * Returns the number of columns.
     *
     * @return the width
     */
    public int width() {
        return names.size();
    }

    /**
     * Returns a column's name.
     *
     * @param column the 0-based index
     * @return the cleaned name
     */
    public String name(int column) {
        return clean(names.get(column));
    }
}
