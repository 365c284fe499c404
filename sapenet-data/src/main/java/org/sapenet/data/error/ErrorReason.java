/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.error;

/**
 * Why one input row is bad. Row errors stop the run under {@link ErrorPolicy#FAIL} and are skipped
 * and counted under {@link ErrorPolicy#SKIP}; the manifest records the counts by {@link #key()}.
 */
public enum ErrorReason {
    /** The row has more or fewer columns than the header (and is not the truncated last line). */
    COLUMN_COUNT("column-count"),
    /** The last line has no final newline and fewer columns than the header. */
    TRUNCATED_LINE("truncated-line"),
    /** A sparse id is not a non-negative 32-bit integer. */
    BAD_ID("bad-id"),
    /** A dense value is not a decimal number. */
    BAD_NUMBER("bad-number"),
    /** A dense value is NaN or infinite. */
    NOT_FINITE("not-finite"),
    /** A label is not 0 or 1. */
    BAD_LABEL("bad-label"),
    /** The scenario column holds a value outside the known scenarios. */
    BAD_SCENARIO("bad-scenario"),
    /** A row with purchase = 1 but click = 0 (dropped upstream in processed AliCCP). */
    PURCHASE_WITHOUT_CLICK("purchase-without-click");

    private final String key;

    ErrorReason(String key) {
        this.key = key;
    }

    /**
     * Returns the stable name used in messages and in the manifest.
     *
     * @return the key, e.g. {@code bad-id}
     */
    public String key() {
        return key;
    }
}
