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
    PURCHASE_WITHOUT_CLICK("purchase-without-click"),
    // ---- formats: reasons of the raw AliCCP, KuaiSAR and schema-described CSV sources ----
    /** A quoted field is not closed, or text follows its closing quote. */
    BAD_QUOTE("bad-quote"),
    /** A raw AliCCP feature list entry is not field 0x02 id 0x03 value, or its count is wrong. */
    BAD_FEATURE("bad-feature"),
    /** A row refers to a key (e.g. a common_feature_index) that its companion file lacks. */
    MISSING_REFERENCE("missing-reference"),
    /** A required value is empty or a missing-value marker. */
    MISSING_VALUE("missing-value"),
    /** A timestamp is not a non-negative integer (seconds or milliseconds since 1970). */
    BAD_TIMESTAMP("bad-timestamp");
    // ---- end formats ----

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
