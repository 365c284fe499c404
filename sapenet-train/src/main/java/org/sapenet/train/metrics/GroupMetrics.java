/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.metrics;

/**
 * The metrics of one (scenario, task) group over its labelled rows.
 *
 * <p>{@code auc} is {@code null} when the group holds only one class (no AUC exists), and {@code
 * logLoss} is {@code null} when the group is empty.
 */
public final class GroupMetrics {

    private final int scenario;
    private final String scenarioName;
    private final int task;
    private final String taskName;
    private final long n;
    private final long positives;
    private final Double auc;
    private final Double logLoss;

    GroupMetrics(
            int scenario,
            String scenarioName,
            int task,
            String taskName,
            long n,
            long positives,
            Double auc,
            Double logLoss) {
        this.scenario = scenario;
        this.scenarioName = scenarioName;
        this.task = task;
        this.taskName = taskName;
        this.n = n;
        this.positives = positives;
        this.auc = auc;
        this.logLoss = logLoss;
    }

    /**
     * Returns the scenario index.
     *
     * @return the scenario, 0 to S - 1
     */
    public int getScenario() {
        return scenario;
    }

    /**
     * Returns the scenario name.
     *
     * @return the name
     */
    public String getScenarioName() {
        return scenarioName;
    }

    /**
     * Returns the task index.
     *
     * @return the task, 0 to T - 1
     */
    public int getTask() {
        return task;
    }

    /**
     * Returns the task name.
     *
     * @return the name
     */
    public String getTaskName() {
        return taskName;
    }

    /**
     * Returns the number of labelled rows.
     *
     * @return n
     */
    public long getN() {
        return n;
    }

    /**
     * Returns the number of positive labels.
     *
     * @return the positives
     */
    public long getPositives() {
        return positives;
    }

    /**
     * Returns the AUC, or {@code null} when the group holds one class only.
     *
     * @return the AUC or null
     */
    public Double getAuc() {
        return auc;
    }

    /**
     * Returns the mean binary cross-entropy, or {@code null} for an empty group.
     *
     * @return the LogLoss or null
     */
    public Double getLogLoss() {
        return logLoss;
    }

    /**
     * Returns the column label the tables use, e.g. {@code d0,t1}.
     *
     * @return the label
     */
    public String label() {
        return "d" + scenario + ",t" + task;
    }
}
