/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.bench;

/** One (model, batch size) measurement of the throughput bench. */
public final class BenchResult {

    private final String model;
    private final int batchSize;
    private final long steps;
    private final long parameters;
    private final double rowsPerSecond;
    private final double dataMs;
    private final double forwardMs;
    private final double backwardMs;
    private final double optimizerMs;
    private final double rowsPerCpuSecond;

    BenchResult(
            String model,
            int batchSize,
            long steps,
            long parameters,
            double rowsPerSecond,
            double dataMs,
            double forwardMs,
            double backwardMs,
            double optimizerMs,
            double rowsPerCpuSecond) {
        this.model = model;
        this.batchSize = batchSize;
        this.steps = steps;
        this.parameters = parameters;
        this.rowsPerSecond = rowsPerSecond;
        this.dataMs = dataMs;
        this.forwardMs = forwardMs;
        this.backwardMs = backwardMs;
        this.optimizerMs = optimizerMs;
        this.rowsPerCpuSecond = rowsPerCpuSecond;
    }

    /**
     * Returns the rows trained per CPU-second of this process (all threads): on a shared machine a
     * steadier figure than rows per wall-second.
     *
     * @return rows per CPU-second, NaN where unknown
     */
    public double getRowsPerCpuSecond() {
        return rowsPerCpuSecond;
    }

    /**
     * Returns the model name.
     *
     * @return the name
     */
    public String getModel() {
        return model;
    }

    /**
     * Returns the batch size.
     *
     * @return B
     */
    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Returns the measured steps.
     *
     * @return the count
     */
    public long getSteps() {
        return steps;
    }

    /**
     * Returns the scalar parameter count.
     *
     * @return the count
     */
    public long getParameters() {
        return parameters;
    }

    /**
     * Returns the training throughput, data pipeline included.
     *
     * @return rows per second
     */
    public double getRowsPerSecond() {
        return rowsPerSecond;
    }

    /**
     * Returns the mean data time per step.
     *
     * @return milliseconds
     */
    public double getDataMs() {
        return dataMs;
    }

    /**
     * Returns the mean forward (and loss) time per step.
     *
     * @return milliseconds
     */
    public double getForwardMs() {
        return forwardMs;
    }

    /**
     * Returns the mean backward time per step.
     *
     * @return milliseconds
     */
    public double getBackwardMs() {
        return backwardMs;
    }

    /**
     * Returns the mean optimizer time per step.
     *
     * @return milliseconds
     */
    public double getOptimizerMs() {
        return optimizerMs;
    }
}
