/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

/** The element types of column files (all little-endian, no header, no padding). */
public enum ColumnType {
    /** Signed 32-bit integers: sparse ids and scenario ids. */
    INT32("int32", 4),
    /** IEEE-754 32-bit floats: dense values. */
    FLOAT32("float32", 4),
    /** Unsigned bytes holding 0 or 1: labels and label masks. */
    UINT8("uint8", 1);

    private final String key;
    private final int width;

    ColumnType(String key, int width) {
        this.key = key;
        this.width = width;
    }

    /**
     * Returns the manifest name of the type.
     *
     * @return {@code int32}, {@code float32} or {@code uint8}
     */
    public String key() {
        return key;
    }

    /**
     * Returns the bytes per element.
     *
     * @return 4 or 1
     */
    public int width() {
        return width;
    }

    /**
     * Parses a manifest type name.
     *
     * @param key the name
     * @return the type, or null when unknown
     */
    public static ColumnType fromKey(String key) {
        for (ColumnType type : values()) {
            if (type.key.equals(key)) {
                return type;
            }
        }
        return null;
    }
}
