/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.error;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the rows skipped under {@link ErrorPolicy#SKIP} by reason, keeping the first message of
 * each reason as an example. Nothing is dropped without being counted here.
 */
public final class SkipReport {

    private final EnumMap<ErrorReason, Long> counts = new EnumMap<>(ErrorReason.class);
    private final EnumMap<ErrorReason, String> examples = new EnumMap<>(ErrorReason.class);

    /**
     * Records one skipped row.
     *
     * @param error the row's error (its reason must be set)
     */
    public void record(DataException error) {
        ErrorReason reason = error.getReason();
        if (reason == null) {
            throw error;
        }
        counts.merge(reason, 1L, Long::sum);
        examples.putIfAbsent(reason, error.getMessage());
    }

    /**
     * Returns the number of skipped rows.
     *
     * @return the total over all reasons
     */
    public long total() {
        long total = 0;
        for (long count : counts.values()) {
            total += count;
        }
        return total;
    }

    /**
     * Returns the counts by reason key, in the order of {@link ErrorReason}.
     *
     * @return reason key to count (only reasons that occurred)
     */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((reason, count) -> out.put(reason.key(), count));
        return out;
    }

    /**
     * Returns the first message of each reason.
     *
     * @return reason key to message
     */
    public Map<String, String> examples() {
        Map<String, String> out = new LinkedHashMap<>();
        examples.forEach((reason, message) -> out.put(reason.key(), message));
        return out;
    }
}
