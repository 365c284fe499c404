/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScoreOptionsTest {

    @Test
    void rejectsOutOfRangeValues() {
        assertEquals(
                "batch size must be at least 1, got 0",
                message(ScoreOptions.builder().optBatchSize(0)));
        assertEquals(
                "workers must be at least 1, got 0", message(ScoreOptions.builder().optWorkers(0)));
        assertEquals(
                "error policy must be fail or skip",
                message(ScoreOptions.builder().optErrorPolicy(null)));
        assertEquals(
                "batch size must be at least 1, got -3",
                message(ScoreOptions.builder().optBatchSize(-3).optWorkers(0)));
        assertEquals(
                "workers must be at least 1, got 0",
                message(ScoreOptions.builder().optWorkers(0).optErrorPolicy(null)));
    }

    private static String message(ScoreOptions.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }
}
