/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

import java.io.Serializable;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.serve.score.ScoreOptions;

/**
 * How {@link SapenetSpark} scores rows: rows per forward pass, PyTorch threads per predictor, the
 * scenario of every row (or each row's own) and what a bad row does.
 *
 * <p>The batch size and error policy follow {@link ScoreOptions}' rules ({@link
 * ScoreOptions#checkBatchSize(int)}, {@link ScoreOptions#checkErrorPolicy(ErrorPolicy)}); the
 * threads per predictor are Spark's own (0 means {@code spark.task.cpus}).
 */
public final class SparkScoreOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int batchSize;
    private final int threadsPerPredictor;
    private final String scenario;
    private final ErrorPolicy errorPolicy;

    private SparkScoreOptions(Builder builder) {
        batchSize = builder.batchSize;
        threadsPerPredictor = builder.threadsPerPredictor;
        scenario = builder.scenario;
        errorPolicy = builder.errorPolicy;
    }

    /**
     * Creates a builder with the defaults: batches of 4096 rows, {@code spark.task.cpus} threads
     * per predictor, each row's own scenario, a bad row fails the job.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the defaults.
     *
     * @return the options of {@link #builder()}
     */
    public static SparkScoreOptions defaults() {
        return builder().build();
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
     * Returns PyTorch's intra-op threads per predictor.
     *
     * @return the threads, or 0 for {@code spark.task.cpus}
     */
    public int getThreadsPerPredictor() {
        return threadsPerPredictor;
    }

    /**
     * Returns the scenario every row is scored in.
     *
     * @return its name (or scenario-column value), or null for each row's own
     */
    public String getScenario() {
        return scenario;
    }

    /**
     * Returns what a bad row does.
     *
     * @return the policy
     */
    public ErrorPolicy getErrorPolicy() {
        return errorPolicy;
    }

    /** The builder of {@link SparkScoreOptions}. */
    public static final class Builder {
        private int batchSize = 4096;
        private int threadsPerPredictor;
        private String scenario;
        private ErrorPolicy errorPolicy = ErrorPolicy.FAIL;

        Builder() {}

        /**
         * Sets the rows per forward pass (default 4096).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Sets PyTorch's intra-op threads per predictor (default 0: {@code spark.task.cpus}, so
         * that the task slots of an executor share its cores). The engine reads it once per
         * executor JVM, before the first model loads.
         *
         * @param threads at least 0
         * @return this builder
         */
        public Builder optThreadsPerPredictor(int threads) {
            this.threadsPerPredictor = threads;
            return this;
        }

        /**
         * Scores every row in one scenario instead of its own.
         *
         * @param scenario the scenario's name (or scenario-column value), or null
         * @return this builder
         */
        public Builder optScenario(String scenario) {
            this.scenario = scenario;
            return this;
        }

        /**
         * Sets what a bad row does (default {@link ErrorPolicy#FAIL}: the job fails naming the row;
         * {@link ErrorPolicy#SKIP}: the row is left out and counted).
         *
         * @param errorPolicy the policy
         * @return this builder
         */
        public Builder optErrorPolicy(ErrorPolicy errorPolicy) {
            this.errorPolicy = errorPolicy;
            return this;
        }

        /**
         * Validates and builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException when a value is out of range
         */
        public SparkScoreOptions build() {
            // The rules shared with single-machine scoring, in the same order and words.
            ScoreOptions.checkBatchSize(batchSize);
            if (threadsPerPredictor < 0) {
                throw new IllegalArgumentException(
                        "threads per predictor must be at least 0, got " + threadsPerPredictor);
            }
            ScoreOptions.checkErrorPolicy(errorPolicy);
            return new SparkScoreOptions(this);
        }
    }
}
