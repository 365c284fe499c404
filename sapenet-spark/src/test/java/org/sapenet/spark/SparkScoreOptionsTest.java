/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sapenet.data.error.ErrorPolicy;

class SparkScoreOptionsTest {

    @Test
    void defaults() {
        SparkScoreOptions options = SparkScoreOptions.defaults();
        assertEquals(4096, options.getBatchSize());
        assertEquals(0, options.getThreadsPerPredictor());
        assertEquals(null, options.getScenario());
        assertEquals(ErrorPolicy.FAIL, options.getErrorPolicy());
    }

    @Test
    void rejectsOutOfRangeValuesWithScoreOptionsWords() {
        assertEquals(
                "batch size must be at least 1, got 0",
                message(SparkScoreOptions.builder().optBatchSize(0)));
        assertEquals(
                "threads per predictor must be at least 0, got -1",
                message(SparkScoreOptions.builder().optThreadsPerPredictor(-1)));
        assertEquals(
                "error policy must be fail or skip",
                message(SparkScoreOptions.builder().optErrorPolicy(null)));
        // The same order as before: batch size, then threads, then the policy.
        assertEquals(
                "batch size must be at least 1, got 0",
                message(
                        SparkScoreOptions.builder()
                                .optBatchSize(0)
                                .optThreadsPerPredictor(-1)
                                .optErrorPolicy(null)));
        assertEquals(
                "threads per predictor must be at least 0, got -1",
                message(
                        SparkScoreOptions.builder()
                                .optThreadsPerPredictor(-1)
                                .optErrorPolicy(null)));
    }

    private static String message(SparkScoreOptions.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }
}
