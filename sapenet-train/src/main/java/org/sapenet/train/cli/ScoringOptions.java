/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import picocli.CommandLine.Option;

/**
 * The options every scoring command takes with the same meaning and help, a picocli mixin: {@code
 * score} here, {@code spark-score} and the {@code spark-submit} scoring job in sapenet-spark. The
 * scorers check the values ({@code ScoreOptions.checkBatchSize}).
 */
public final class ScoringOptions {

    @Option(
            names = "--scenario",
            paramLabel = "S",
            description = "Score every row in this scenario (name) instead of its own.")
    private String scenario;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "4096",
            description = "Rows per forward pass (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    /**
     * Returns the scenario every row is scored in.
     *
     * @return the scenario's name, or null to score each row in its own
     */
    public String getScenario() {
        return scenario;
    }

    /**
     * Returns the rows per forward pass.
     *
     * @return B
     */
    public int getBatchSize() {
        return batchSize;
    }
}
