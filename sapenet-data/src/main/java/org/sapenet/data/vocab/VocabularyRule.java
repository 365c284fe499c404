/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.vocab;

import java.util.List;

/**
 * How counted raw values become ids: id 0 is "unknown"; reserved values (e.g. the empty value that
 * marks "this row has no such feature") take ids 1..r whatever their count; every other value seen
 * at least {@code minCount} times in the training split takes an id r+1..n-1 in the vocabulary
 * order of {@link ValueTable#compare} (numbers by value, then text by bytes), so ids do not depend
 * on row order. With a cap ({@code maxSize} greater than 0, ids 0..maxSize-1) the most frequent
 * values are kept (ties broken by the vocabulary order) and the rest map to 0.
 *
 * @param minCount the least training count a value needs for an id of its own (at least 1)
 * @param maxSize the most ids including 0 and the reserved ones, or 0 for no cap
 * @param reserved values given ids 1..r in this order
 */
public record VocabularyRule(long minCount, int maxSize, List<String> reserved) {

    /**
     * Validates the rule.
     *
     * @throws IllegalArgumentException on a count below 1 or a cap too small for the reserved ids
     */
    public VocabularyRule {
        if (minCount < 1) {
            throw new IllegalArgumentException("--min-count must be at least 1, got " + minCount);
        }
        reserved = List.copyOf(reserved);
        if (maxSize != 0 && maxSize < reserved.size() + 2) {
            throw new IllegalArgumentException(
                    "--max-vocab must be 0 (no cap) or at least "
                            + (reserved.size() + 2)
                            + " (id 0, the reserved ids and one value), got "
                            + maxSize);
        }
    }

    /**
     * Returns a rule without reserved values.
     *
     * @param minCount the minimum training count
     * @param maxSize the cap, or 0
     * @return the rule
     */
    public static VocabularyRule of(long minCount, int maxSize) {
        return new VocabularyRule(minCount, maxSize, List.of());
    }
}
