/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * The scored rows of {@link SapenetSpark#score(Dataset, String, SparkScoreOptions)} and, once an
 * action has run them, how many rows were scored and skipped.
 */
public final class ScoredRows {

    private final Dataset<Row> rows;
    private final LongAccumulator scored;
    private final SkipAccumulator skips;

    ScoredRows(Dataset<Row> rows, LongAccumulator scored, SkipAccumulator skips) {
        this.rows = rows;
        this.scored = scored;
        this.skips = skips;
    }

    /**
     * Returns the rows: the input's columns, then {@code scenario} (the name of the scenario each
     * row was scored in) and {@code p_<task>} (float) per task. Lazy, as every Dataset.
     *
     * @return the scored rows
     */
    public Dataset<Row> rows() {
        return rows;
    }

    /**
     * Returns the rows scored by the actions run so far.
     *
     * @return the rows
     */
    public long scoredRows() {
        return scored.value();
    }

    /**
     * Returns the rows skipped under {@code skip} by the actions run so far.
     *
     * @return the total
     */
    public long skippedRows() {
        return skips.total();
    }

    /**
     * Returns the skipped rows by reason.
     *
     * @return reason key to count
     */
    public Map<String, Long> skipCounts() {
        return skips.counts();
    }

    /**
     * Returns the first skipped row of each reason, located as {@code score} locates it.
     *
     * @return one message per reason
     */
    public List<String> skipExamples() {
        return skips.examples();
    }
}
