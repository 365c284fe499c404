/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import java.util.Arrays;
import org.sapenet.data.vocab.ValueTable;

/**
 * Side features keyed by an id (users, items), held compactly: keys interned as bytes (row r = key
 * slot r) and one {@code int[]} of value slots per feature (-1 = absent). About 25 bytes per key
 * plus its bytes, and 4 bytes per (row, feature).
 */
public final class KeyedFeatureTable {

    private final ValueTable keys = new ValueTable();
    private int[][] columns;
    private int capacity = 1024;

    /**
     * Creates an empty table.
     *
     * @param features the number of features per key
     */
    public KeyedFeatureTable(int features) {
        columns = new int[features][capacity];
        for (int[] column : columns) {
            Arrays.fill(column, -1);
        }
    }

    /**
     * Adds a key.
     *
     * @param b the bytes
     * @param start the key's first byte
     * @param end one past its last byte
     * @return the new row, or -1 when the key is already present
     */
    public int add(byte[] b, int start, int end) {
        int before = keys.size();
        int r = keys.intern(b, start, end);
        if (r < before) {
            return -1;
        }
        if (r >= capacity) {
            int grown = capacity * 2;
            for (int f = 0; f < columns.length; f++) {
                columns[f] = Arrays.copyOf(columns[f], grown);
                Arrays.fill(columns[f], capacity, grown, -1);
            }
            capacity = grown;
        }
        return r;
    }

    /**
     * Sets a feature of a row.
     *
     * @param row the row
     * @param feature the feature index
     * @param slot the value slot
     */
    public void set(int row, int feature, int slot) {
        columns[feature][row] = slot;
    }

    /**
     * Returns a feature of a row.
     *
     * @param row the row, or -1 for a key not in the table
     * @param feature the feature index
     * @return the value slot, -1 when absent
     */
    public int get(int row, int feature) {
        return row < 0 ? -1 : columns[feature][row];
    }

    /**
     * Finds the row of a key.
     *
     * @param b the bytes
     * @param start the key's first byte
     * @param end one past its last byte
     * @return the row, or -1
     */
    public int find(byte[] b, int start, int end) {
        return keys.find(b, start, end);
    }

    /**
     * Returns the number of keys.
     *
     * @return the rows
     */
    public int rows() {
        return keys.size();
    }
}
