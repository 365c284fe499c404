/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.metrics;

import java.util.List;

/**
 * Every metric of one evaluation: per (scenario, task) group, per task pooled over scenarios, and
 * overall.
 *
 * <p>Definitions. A group's AUC is the exact ROC-AUC over its labelled rows (ties as mid-ranks).
 * "All AUC" is M3oE's overall AUC: for each task the AUC of all its labelled rows pooled over
 * scenarios, then the mean over tasks. The overall LogLoss is the mean binary cross-entropy over
 * all labelled (row, task) pairs. The mean group AUC (the validation criterion for early stopping)
 * is the mean over groups that have an AUC. Any of these is {@code null} when undefined.
 */
public final class EvaluationResult {

    private final List<GroupMetrics> groups;
    private final List<Double> taskAuc;
    private final Double allAuc;
    private final Double meanGroupAuc;
    private final Double logLoss;
    private final long labelledPairs;

    EvaluationResult(
            List<GroupMetrics> groups,
            List<Double> taskAuc,
            Double allAuc,
            Double meanGroupAuc,
            Double logLoss,
            long labelledPairs) {
        this.groups = List.copyOf(groups);
        this.taskAuc = taskAuc;
        this.allAuc = allAuc;
        this.meanGroupAuc = meanGroupAuc;
        this.logLoss = logLoss;
        this.labelledPairs = labelledPairs;
    }

    /**
     * Returns the groups, scenario-major.
     *
     * @return the per-(scenario, task) metrics
     */
    public List<GroupMetrics> getGroups() {
        return groups;
    }

    /**
     * Returns the group of a scenario and task.
     *
     * @param scenario the scenario index
     * @param task the task index
     * @return its metrics
     */
    public GroupMetrics group(int scenario, int task) {
        for (GroupMetrics g : groups) {
            if (g.getScenario() == scenario && g.getTask() == task) {
                return g;
            }
        }
        throw new IllegalArgumentException("No group d" + scenario + ",t" + task);
    }

    /**
     * Returns each task's AUC pooled over scenarios ({@code null} entries where undefined).
     *
     * @return the per-task AUCs
     */
    public List<Double> getTaskAuc() {
        return taskAuc;
    }

    /**
     * Returns the paper's "All AUC": the mean over tasks of the AUC pooled over scenarios.
     *
     * @return the AUC, or null when no task has one
     */
    public Double getAllAuc() {
        return allAuc;
    }

    /**
     * Returns the mean of the groups' AUCs, over groups that have one.
     *
     * @return the mean, or null when no group has an AUC
     */
    public Double getMeanGroupAuc() {
        return meanGroupAuc;
    }

    /**
     * Returns the mean binary cross-entropy over all labelled (row, task) pairs.
     *
     * @return the LogLoss, or null when nothing was labelled
     */
    public Double getLogLoss() {
        return logLoss;
    }

    /**
     * Returns the number of labelled (row, task) pairs.
     *
     * @return the count
     */
    public long getLabelledPairs() {
        return labelledPairs;
    }
}
