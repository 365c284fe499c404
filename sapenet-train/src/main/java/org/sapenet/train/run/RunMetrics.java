/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.options.TrainingOptions;
import org.sapenet.train.state.EpochRecord;
import org.sapenet.train.state.ResumeState;

/**
 * The document written as {@code RUN/metrics.json}: what ran (model, store, options, model config,
 * seed, versions, device, threads), how it went (per-epoch history, best epoch, early stop, wall
 * time) and the validation and test metrics of the best weights: per (scenario, task) n, positives,
 * AUC (null for a one-class group) and LogLoss, per-task pooled AUC, All AUC, mean group AUC and
 * overall LogLoss.
 *
 * <p>{@code status} is {@code running} while epochs are being added (the file is rewritten after
 * each epoch) and {@code finished} once val and test are in.
 */
public final class RunMetrics {

    /** The version of this document's layout. */
    public static final int FORMAT_VERSION = 1;

    private int formatVersion = FORMAT_VERSION;
    private String status;
    private String model;
    private String store;
    private TrainingOptions options;
    private long seed;
    private JsonElement modelConfig;
    private Map<String, String> versions;
    private String device;
    private String threads;
    private long parameters;
    private double wallSeconds;
    private int epochsCompleted;
    private int bestEpoch;
    private boolean stoppedEarly;
    private List<EpochRecord> history;
    private EvaluationResult val;
    private EvaluationResult test;

    /** For gson. */
    RunMetrics() {}

    /**
     * Creates the document of a run.
     *
     * @param model the model name
     * @param store the store path
     * @param options the options
     * @param config the model config
     * @param device the device
     */
    public RunMetrics(
            String model,
            String store,
            TrainingOptions options,
            ModelConfig config,
            String device) {
        this.status = "running";
        this.model = model;
        this.store = store;
        this.options = options;
        this.seed = options.getSeed();
        this.modelConfig = JsonParser.parseString(config.toJson());
        this.versions = Versions.all();
        this.device = device;
        this.threads = System.getProperty("ai.djl.pytorch.num_threads", "default");
    }

    /**
     * Updates the progress part from the run state.
     *
     * @param state the state
     * @param parameters the number of scalar parameters
     * @param wallSeconds the run's wall time so far (all sessions of a resumed run)
     */
    public void update(ResumeState state, long parameters, double wallSeconds) {
        this.parameters = parameters;
        this.wallSeconds = wallSeconds;
        this.epochsCompleted = state.getCompletedEpochs();
        this.bestEpoch = state.getBestEpoch();
        this.stoppedEarly = state.isStopped();
        this.history = state.getHistory();
    }

    /**
     * Adds the final metrics and marks the run finished.
     *
     * @param val the validation metrics of the best weights
     * @param test the test metrics of the best weights
     */
    public void finish(EvaluationResult val, EvaluationResult test) {
        this.val = val;
        this.test = test;
        this.status = "finished";
    }

    /**
     * Returns {@code running} or {@code finished}.
     *
     * @return the status
     */
    public String getStatus() {
        return status;
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
     * Returns the options.
     *
     * @return the options
     */
    public TrainingOptions getOptions() {
        return options;
    }

    /**
     * Returns the versions.
     *
     * @return name to version
     */
    public Map<String, String> getVersions() {
        return versions;
    }

    /**
     * Returns the run's wall time.
     *
     * @return seconds
     */
    public double getWallSeconds() {
        return wallSeconds;
    }

    /**
     * Returns the best epoch.
     *
     * @return the epoch
     */
    public int getBestEpoch() {
        return bestEpoch;
    }

    /**
     * Returns the number of scalar parameters.
     *
     * @return the count
     */
    public long getParameters() {
        return parameters;
    }

    /**
     * Returns the history.
     *
     * @return the per-epoch records
     */
    public List<EpochRecord> getHistory() {
        return history;
    }

    /**
     * Returns the validation metrics of the best weights.
     *
     * @return the metrics, null while running
     */
    public EvaluationResult getVal() {
        return val;
    }

    /**
     * Returns the test metrics of the best weights.
     *
     * @return the metrics, null while running
     */
    public EvaluationResult getTest() {
        return test;
    }
}
