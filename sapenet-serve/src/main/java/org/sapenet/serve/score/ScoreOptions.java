/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.score;

import org.sapenet.data.error.ErrorPolicy;

/** How {@link CsvScorer} scores a file: batch size, scorer threads, scenario, errors, overwrite. */
public final class ScoreOptions {

    private final int batchSize;
    private final int workers;
    private final String scenario;
    private final ErrorPolicy errorPolicy;
    private final boolean force;

    private ScoreOptions(Builder builder) {
        batchSize = builder.batchSize;
        workers = builder.workers;
        scenario = builder.scenario;
        errorPolicy = builder.errorPolicy;
        force = builder.force;
    }

    /**
     * Creates a builder with the defaults: batches of 1024 rows, 1 scorer thread, each row's own
     * scenario, stop at the first bad row, never overwrite.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a batch size: the rule every scorer's options share (this one's and Spark's).
     *
     * @param batchSize the rows per forward pass
     * @throws IllegalArgumentException when it is below 1
     */
    public static void checkBatchSize(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }

    /**
     * Checks that an error policy is set: the rule every scorer's options share (this one's and
     * Spark's).
     *
     * @param errorPolicy what a bad row does
     * @throws IllegalArgumentException when it is null
     */
    public static void checkErrorPolicy(ErrorPolicy errorPolicy) {
        if (errorPolicy == null) {
            throw new IllegalArgumentException("error policy must be fail or skip");
        }
    }

    /**
     * Returns the rows per forward pass.
     *
     * @return the batch size
     */
    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Returns the number of scorer threads, each with its own predictor.
     *
     * @return the workers
     */
    public int getWorkers() {
        return workers;
    }

    /**
     * Returns the scenario every row is scored in.
     *
     * @return its name, or null for each row's own
     */
    public String getScenario() {
        return scenario;
    }

    /**
     * Returns what happens to a bad row.
     *
     * @return the policy
     */
    public ErrorPolicy getErrorPolicy() {
        return errorPolicy;
    }

    /**
     * Returns whether an existing output file may be replaced.
     *
     * @return true to replace
     */
    public boolean isForce() {
        return force;
    }

    /** The builder of {@link ScoreOptions}. */
    public static final class Builder {
        private int batchSize = 1024;
        private int workers = 1;
        private String scenario;
        private ErrorPolicy errorPolicy = ErrorPolicy.FAIL;
        private boolean force;

        Builder() {}

        /**
         * Sets the rows per forward pass (default 1024).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets the number of scorer threads (default 1).
         *
         * @param workers at least 1
         * @return this builder
         */
        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        /**
         * Scores every row in one scenario instead of the row's own.
         *
         * @param scenario the scenario's name (or its scenario-column value), or null
         * @return this builder
         */
        public Builder optScenario(String scenario) {
            this.scenario = scenario;
            return this;
        }

        /**
         * Sets what happens to a bad row (default {@link ErrorPolicy#FAIL}).
         *
         * @param errorPolicy the policy
         * @return this builder
         */
        public Builder optErrorPolicy(ErrorPolicy errorPolicy) {
            this.errorPolicy = errorPolicy;
            return this;
        }

        /**
         * Allows replacing an existing output file (default false).
         *
         * @param force true to replace
         * @return this builder
         */
        public Builder optForce(boolean force) {
            this.force = force;
            return this;
        }

        /**
         * Validates and builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException when a value is out of range
         */
        public ScoreOptions build() {
            checkBatchSize(batchSize);
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + workers);
            }
            checkErrorPolicy(errorPolicy);
            return new ScoreOptions(this);
        }
    }
}
