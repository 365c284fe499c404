/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.loop;

/**
 * Wall time of training steps, split into data (waiting for the batch and moving it to the device),
 * forward (model and loss), backward and optimizer. On the CPU every PyTorch op runs synchronously,
 * so the split is exact; on a GPU the host only sees launch times unless it syncs.
 */
public final class StepTimes {

    private long dataNanos;
    private long forwardNanos;
    private long backwardNanos;
    private long optimizerNanos;
    private long steps;
    private long rows;

    void add(long data, long forward, long backward, long optimizer, int batchRows) {
        dataNanos += data;
        forwardNanos += forward;
        backwardNanos += backward;
        optimizerNanos += optimizer;
        steps++;
        rows += batchRows;
    }

    /** Forgets everything measured so far (e.g. after warm-up steps). */
    public void reset() {
        dataNanos = 0;
        forwardNanos = 0;
        backwardNanos = 0;
        optimizerNanos = 0;
        steps = 0;
        rows = 0;
    }

    /**
     * Returns the steps measured.
     *
     * @return the count
     */
    public long steps() {
        return steps;
    }

    /**
     * Returns the rows processed.
     *
     * @return the rows
     */
    public long rows() {
        return rows;
    }

    /**
     * Returns the total measured seconds.
     *
     * @return data + forward + backward + optimizer, in seconds
     */
    public double totalSeconds() {
        return (dataNanos + forwardNanos + backwardNanos + optimizerNanos) / 1e9;
    }

    /**
     * Returns the mean data time per step.
     *
     * @return milliseconds
     */
    public double dataMillis() {
        return perStep(dataNanos);
    }

    /**
     * Returns the mean forward time per step.
     *
     * @return milliseconds
     */
    public double forwardMillis() {
        return perStep(forwardNanos);
    }

    /**
     * Returns the mean backward time per step.
     *
     * @return milliseconds
     */
    public double backwardMillis() {
        return perStep(backwardNanos);
    }

    /**
     * Returns the mean optimizer time per step.
     *
     * @return milliseconds
     */
    public double optimizerMillis() {
        return perStep(optimizerNanos);
    }

    /**
     * Returns the throughput over the measured steps.
     *
     * @return rows per second
     */
    public double rowsPerSecond() {
        double seconds = totalSeconds();
        return seconds > 0 ? rows / seconds : 0;
    }

    private double perStep(long nanos) {
        return steps == 0 ? 0 : nanos / 1e6 / steps;
    }
}
