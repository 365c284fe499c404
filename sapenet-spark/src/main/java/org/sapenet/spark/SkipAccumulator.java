/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.util.AccumulatorV2;
import org.sapenet.data.error.ErrorReason;

/**
 * Counts the rows skipped under {@code --on-error skip} by reason, across tasks, and keeps the
 * first bad row of each reason (first in file order, so the report does not depend on which task
 * ended first). Like every Spark accumulator updated in a transformation, a stage that Spark
 * recomputes counts its rows again.
 */
final class SkipAccumulator extends AccumulatorV2<RowError, Map<String, Long>> {

    private static final long serialVersionUID = 1L;

    private final EnumMap<ErrorReason, Long> counts = new EnumMap<>(ErrorReason.class);
    private final EnumMap<ErrorReason, RowError> first = new EnumMap<>(ErrorReason.class);

    @Override
    public boolean isZero() {
        return counts.isEmpty();
    }

    @Override
    public SkipAccumulator copy() {
        SkipAccumulator copy = new SkipAccumulator();
        copy.merge(this);
        return copy;
    }

    @Override
    public void reset() {
        counts.clear();
        first.clear();
    }

    @Override
    public void add(RowError error) {
        counts.merge(error.reason(), 1L, Long::sum);
        first.merge(error.reason(), error, (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    @Override
    public void merge(AccumulatorV2<RowError, Map<String, Long>> other) {
        SkipAccumulator o = (SkipAccumulator) other;
        o.counts.forEach((reason, count) -> counts.merge(reason, count, Long::sum));
        o.first.forEach(
                (reason, error) ->
                        first.merge(reason, error, (a, b) -> a.compareTo(b) <= 0 ? a : b));
    }

    @Override
    public Map<String, Long> value() {
        return counts();
    }

    /**
     * Returns the rows skipped.
     *
     * @return the total over reasons
     */
    public long total() {
        long total = 0;
        for (long count : counts.values()) {
            total += count;
        }
        return total;
    }

    /**
     * Returns the rows skipped by reason.
     *
     * @return reason key to count
     */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((reason, count) -> out.put(reason.key(), count));
        return out;
    }

    /**
     * Returns the first bad row of each reason, located as {@code score} locates it (this reads CSV
     * files up to the row to find its line).
     *
     * @return one message per reason
     */
    public List<String> examples() {
        List<String> out = new ArrayList<>();
        first.values().forEach(error -> out.add(error.toException().getMessage()));
        return out;
    }
}
