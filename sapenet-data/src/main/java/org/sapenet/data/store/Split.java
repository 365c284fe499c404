/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import java.util.Locale;

/** The three splits of a prepared store; each is a folder of column files. */
public enum Split {
    /** The training split. */
    TRAIN,
    /** The validation split. */
    VAL,
    /** The test split. */
    TEST;

    /**
     * Returns the split's folder name and manifest key.
     *
     * @return {@code train}, {@code val} or {@code test}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a split name.
     *
     * @param text {@code train}, {@code val} or {@code test}
     * @return the split
     * @throws IllegalArgumentException for any other name
     */
    public static Split parse(String text) {
        for (Split split : values()) {
            if (split.key().equals(text)) {
                return split;
            }
        }
        throw new IllegalArgumentException(
                "unknown split '" + text + "': expected train, val or test");
    }
}
