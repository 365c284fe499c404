/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.error;

import java.util.Locale;

/** What a source reader does with a bad row: stop ({@code fail}) or skip and count it. */
public enum ErrorPolicy {
    /** Stop at the first bad row with an error naming file, line and column (the default). */
    FAIL,
    /** Skip bad rows, count them by {@link ErrorReason} and record the counts in the manifest. */
    SKIP;

    /**
     * Parses {@code fail} or {@code skip}.
     *
     * @param text the option value
     * @return the policy
     * @throws IllegalArgumentException for any other value
     */
    public static ErrorPolicy parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "fail":
                return FAIL;
            case "skip":
                return SKIP;
            default:
                throw new IllegalArgumentException(
                        "--on-error must be 'fail' or 'skip', got '" + text + "'");
        }
    }

    /**
     * Returns the option value.
     *
     * @return {@code fail} or {@code skip}
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
