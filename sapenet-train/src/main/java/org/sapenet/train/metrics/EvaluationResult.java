/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.metrics;

import java.util.ArrayList;
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
     * Assembles the metrics of S x T groups from their counts, summed losses and AUCs: the per-task
     * AUCs' mean (All AUC), the mean over groups that have an AUC, and the overall LogLoss (summed
     * losses over labelled pairs). Group arrays are indexed {@code s * T + t}; NaN is an undefined
     * AUC (a group with one class).
     *
     * @param scenarioNames the S scenario names
     * @param taskNames the T task names
     * @param count labelled pairs per group
     * @param positives positive pairs per group
     * @param lossSum summed binary cross-entropy per group
     * @param groupAuc AUC per group, NaN when undefined
     * @param taskAuc AUC per task of its labelled pairs pooled over scenarios, NaN when undefined
     * @return the result
     */
    public static EvaluationResult of(
            List<String> scenarioNames,
            List<String> taskNames,
            long[] count,
            long[] positives,
            double[] lossSum,
            double[] groupAuc,
            double[] taskAuc) {
        int tasks = taskNames.size();
        List<GroupMetrics> groups = new ArrayList<>();
        double aucSum = 0;
        int aucCount = 0;
        double lossTotal = 0;
        long pairs = 0;
        for (int s = 0; s < scenarioNames.size(); s++) {
            for (int t = 0; t < tasks; t++) {
                int g = s * tasks + t;
                Double auc = orNull(groupAuc[g]);
                if (auc != null) {
                    aucSum += auc;
                    aucCount++;
                }
                lossTotal += lossSum[g];
                pairs += count[g];
                groups.add(
                        new GroupMetrics(
                                s,
                                scenarioNames.get(s),
                                t,
                                taskNames.get(t),
                                count[g],
                                positives[g],
                                auc,
                                count[g] == 0 ? null : lossSum[g] / count[g]));
            }
        }
        List<Double> perTask = new ArrayList<>();
        for (double auc : taskAuc) {
            perTask.add(orNull(auc));
        }
        return new EvaluationResult(
                groups,
                perTask,
                mean(perTask),
                aucCount == 0 ? null : aucSum / aucCount,
                pairs == 0 ? null : lossTotal / pairs,
                pairs);
    }

    private static Double mean(List<Double> values) {
        double sum = 0;
        int count = 0;
        for (Double v : values) {
            if (v != null) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
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
