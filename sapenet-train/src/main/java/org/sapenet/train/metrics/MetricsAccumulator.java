/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Collects predictions batch by batch and computes {@link EvaluationResult}: exact AUC and LogLoss
 * per (scenario, task) group, per task pooled over scenarios, and overall.
 *
 * <p>Memory: one {@code long} (8 bytes) per labelled (row, task) pair, the least an exact AUC
 * needs; 21 M test rows with T = 2 take 336 MB. LogLoss is summed on the fly.
 */
public final class MetricsAccumulator {

    private final List<String> scenarioNames;
    private final List<String> taskNames;
    private final int scenarios;
    private final int tasks;
    private final long[][] keys;
    private final int[] sizes;
    private final long[] groupCount;
    private final long[] groupPositives;
    private final double[] groupLoss;

    /**
     * Creates an empty accumulator.
     *
     * @param scenarioNames the S scenario names
     * @param taskNames the T task names
     */
    public MetricsAccumulator(List<String> scenarioNames, List<String> taskNames) {
        if (scenarioNames.isEmpty() || taskNames.isEmpty()) {
            throw new IllegalArgumentException("Need at least one scenario and one task");
        }
        if (scenarioNames.size() > SortableScores.MAX_GROUP) {
            throw new IllegalArgumentException("Too many scenarios: " + scenarioNames.size());
        }
        this.scenarioNames = List.copyOf(scenarioNames);
        this.taskNames = List.copyOf(taskNames);
        this.scenarios = scenarioNames.size();
        this.tasks = taskNames.size();
        this.keys = new long[tasks][1024];
        this.sizes = new int[tasks];
        this.groupCount = new long[scenarios * tasks];
        this.groupPositives = new long[scenarios * tasks];
        this.groupLoss = new double[scenarios * tasks];
    }

    /**
     * Adds a batch of B rows.
     *
     * @param logits the logits, row-major (B, T)
     * @param labels the labels, row-major (B, T), 0 or 1
     * @param mask 1 where a row carries a label for a task, row-major (B, T)
     * @param scenario the scenario of each row, (B)
     */
    public void add(float[] logits, float[] labels, float[] mask, int[] scenario) {
        int rows = scenario.length;
        if (logits.length != rows * tasks
                || labels.length != rows * tasks
                || mask.length != rows * tasks) {
            throw new IllegalArgumentException(
                    "Expected (B, T) = ("
                            + rows
                            + ", "
                            + tasks
                            + ") arrays, got logits "
                            + logits.length
                            + ", labels "
                            + labels.length
                            + ", mask "
                            + mask.length);
        }
        for (int b = 0; b < rows; b++) {
            int s = scenario[b];
            if (s < 0 || s >= scenarios) {
                throw new IllegalArgumentException(
                        "Scenario id " + s + " outside 0.." + (scenarios - 1));
            }
            for (int t = 0; t < tasks; t++) {
                int i = b * tasks + t;
                if (mask[i] <= 0.5f) {
                    continue;
                }
                boolean positive = labels[i] > 0.5f;
                float x = logits[i];
                append(t, SortableScores.pack(x, s, positive));
                int g = s * tasks + t;
                groupCount[g]++;
                if (positive) {
                    groupPositives[g]++;
                }
                groupLoss[g] += binaryCrossEntropy(x, positive);
            }
        }
    }

    /**
     * Returns the stable binary cross-entropy of a logit: {@code max(x, 0) - x y + log(1 +
     * exp(-|x|))}.
     *
     * @param logit the logit x
     * @param positive whether y = 1
     * @return the loss
     */
    static double binaryCrossEntropy(float logit, boolean positive) {
        double x = logit;
        return Math.max(x, 0) - (positive ? x : 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private void append(int task, long key) {
        if (sizes[task] == keys[task].length) {
            keys[task] = Arrays.copyOf(keys[task], keys[task].length * 2);
        }
        keys[task][sizes[task]++] = key;
    }

    /**
     * Computes the metrics of everything added so far.
     *
     * @return the result
     */
    public EvaluationResult result() {
        double[] groupAuc = new double[scenarios * tasks];
        double[] taskAuc = new double[tasks];
        for (int t = 0; t < tasks; t++) {
            RocAuc.Result auc = RocAuc.byGroup(keys[t], sizes[t], scenarios);
            for (int s = 0; s < scenarios; s++) {
                groupAuc[s * tasks + t] = auc.perGroup[s];
            }
            taskAuc[t] = auc.pooled;
        }
        return EvaluationResult.of(
                scenarioNames, taskNames, groupCount, groupPositives, groupLoss, groupAuc, taskAuc);
    }
}
