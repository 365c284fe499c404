/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.state;

import org.sapenet.train.options.EarlyStopping;

/**
 * One epoch of the history in {@code metrics.json}: training loss, validation figures, time.
 *
 * <p>{@code valMeanGroupAuc} is the early-stopping criterion: the mean of the validation AUCs of
 * the (scenario, task) groups that have one; null when none has.
 */
public final class EpochRecord {

    private final int epoch;
    private final double trainLoss;
    private final long trainRows;
    private final Double valMeanGroupAuc;
    private final Double valScore;
    private final Double valAllAuc;
    private final Double valLogLoss;
    private final double seconds;
    private final double trainRowsPerSecond;
    private final boolean best;

    /**
     * Creates a record.
     *
     * @param epoch the epoch, 1-based
     * @param trainLoss the mean training loss over the epoch's batches
     * @param trainRows the rows trained on
     * @param valMeanGroupAuc the validation mean group AUC, or null
     * @param valAllAuc the validation All AUC, or null
     * @param valLogLoss the validation LogLoss, or null
     * @param seconds the epoch's wall time, validation included
     * @param trainRowsPerSecond the training throughput, data pipeline included
     * @param best whether this epoch's weights are the best so far
     */
    public EpochRecord(
            int epoch,
            double trainLoss,
            long trainRows,
            Double valMeanGroupAuc,
            Double valScore,
            Double valAllAuc,
            Double valLogLoss,
            double seconds,
            double trainRowsPerSecond,
            boolean best) {
        this.epoch = epoch;
        this.trainLoss = trainLoss;
        this.trainRows = trainRows;
        this.valMeanGroupAuc = valMeanGroupAuc;
        this.valScore = valScore;
        this.valAllAuc = valAllAuc;
        this.valLogLoss = valLogLoss;
        this.seconds = seconds;
        this.trainRowsPerSecond = trainRowsPerSecond;
        this.best = best;
    }

    /**
     * Returns the epoch number.
     *
     * @return the epoch, 1-based
     */
    public int getEpoch() {
        return epoch;
    }

    /**
     * Returns the mean training loss.
     *
     * @return the loss
     */
    public double getTrainLoss() {
        return trainLoss;
    }

    /**
     * Returns the rows trained on.
     *
     * @return the rows
     */
    public long getTrainRows() {
        return trainRows;
    }

    /**
     * Returns the validation mean group AUC.
     *
     * @return the AUC, or null
     */
    public Double getValMeanGroupAuc() {
        return valMeanGroupAuc;
    }

    /**
     * Returns the validation score of the run's early-stopping criterion ({@link EarlyStopping}).
     *
     * @return the score, or null when undefined
     */
    public Double getValScore() {
        return valScore;
    }

    /**
     * Returns the validation All AUC.
     *
     * @return the AUC, or null
     */
    public Double getValAllAuc() {
        return valAllAuc;
    }

    /**
     * Returns the validation LogLoss.
     *
     * @return the LogLoss, or null
     */
    public Double getValLogLoss() {
        return valLogLoss;
    }

    /**
     * Returns the epoch's wall time.
     *
     * @return seconds
     */
    public double getSeconds() {
        return seconds;
    }

    /**
     * Returns the training throughput.
     *
     * @return rows per second
     */
    public double getTrainRowsPerSecond() {
        return trainRowsPerSecond;
    }

    /**
     * Returns whether this epoch was the best so far.
     *
     * @return true when its weights were kept as the best
     */
    public boolean isBest() {
        return best;
    }
}
