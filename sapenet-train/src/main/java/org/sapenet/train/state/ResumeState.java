/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.state;

import java.util.ArrayList;
import java.util.List;
import org.sapenet.train.options.TrainingOptions;

/**
 * What a run needs, besides weights and optimizer moments, to continue after its last completed
 * epoch exactly as if it had not stopped: the options and model, the epoch count, the best score
 * and epoch, the epochs without improvement and the history. Shuffling and dropout need no saved
 * state: each epoch re-derives its seeds from the run's seed and the epoch number.
 *
 * <p>Stored as {@code state.json} by {@link RunFolder}.
 */
public final class ResumeState {

    /** The version of this layout. */
    public static final int FORMAT_VERSION = 1;

    private int formatVersion = FORMAT_VERSION;
    private String model;
    private String store;
    private TrainingOptions options;
    private int completedEpochs;
    private int bestEpoch;
    private Double bestScore;
    private int epochsWithoutImprovement;
    private boolean stopped;
    private double trainSeconds;
    private List<EpochRecord> history = new ArrayList<>();

    /** For gson. */
    ResumeState() {}

    /**
     * Creates the state of a run before its first epoch.
     *
     * @param model the model name
     * @param store the store path
     * @param options the options
     */
    public ResumeState(String model, String store, TrainingOptions options) {
        this.model = model;
        this.store = store;
        this.options = options;
    }

    /**
     * Records a finished epoch.
     *
     * @param record the epoch's figures
     * @param score its validation mean group AUC, or null
     * @param improved whether it beat the best so far
     * @param seconds its wall time
     */
    public void completeEpoch(EpochRecord record, Double score, boolean improved, double seconds) {
        completedEpochs = record.getEpoch();
        history.add(record);
        trainSeconds += seconds;
        if (improved) {
            bestEpoch = record.getEpoch();
            bestScore = score;
            epochsWithoutImprovement = 0;
        } else {
            epochsWithoutImprovement++;
        }
    }

    /** Records that early stopping ended the run. */
    public void markStopped() {
        stopped = true;
    }

    /**
     * Replaces the options (a resumed run may change its epochs and patience).
     *
     * @param options the options
     */
    public void setOptions(TrainingOptions options) {
        this.options = options;
    }

    /**
     * Returns the layout version.
     *
     * @return the version
     */
    public int getFormatVersion() {
        return formatVersion;
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
     * Returns the store the run trains on.
     *
     * @return the path as given
     */
    public String getStore() {
        return store;
    }

    /**
     * Returns the run's options.
     *
     * @return the options
     */
    public TrainingOptions getOptions() {
        return options;
    }

    /**
     * Returns the number of completed epochs.
     *
     * @return the epochs
     */
    public int getCompletedEpochs() {
        return completedEpochs;
    }

    /**
     * Returns the best epoch so far.
     *
     * @return the epoch, 0 when none had a score yet
     */
    public int getBestEpoch() {
        return bestEpoch;
    }

    /**
     * Returns the best validation mean group AUC so far.
     *
     * @return the score, or null
     */
    public Double getBestScore() {
        return bestScore;
    }

    /**
     * Returns the epochs since the last improvement.
     *
     * @return the count
     */
    public int getEpochsWithoutImprovement() {
        return epochsWithoutImprovement;
    }

    /**
     * Returns whether early stopping ended the run.
     *
     * @return true once stopped early
     */
    public boolean isStopped() {
        return stopped;
    }

    /**
     * Returns the wall time of the completed epochs.
     *
     * @return seconds
     */
    public double getTrainSeconds() {
        return trainSeconds;
    }

    /**
     * Returns the per-epoch history.
     *
     * @return the records, oldest first
     */
    public List<EpochRecord> getHistory() {
        return history;
    }
}
