/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

import org.sapenet.model.registry.PaperSetting;

/**
 * One line of a grid's {@code results.csv}: the test metrics of one run (model, seed) on one
 * (scenario, task) group, or on all groups together when {@code scenario} and {@code task} are
 * {@link #ALL} (then {@code auc} is the All AUC and {@code logLoss} the overall LogLoss).
 *
 * @param model the registry name
 * @param setting the paper setting of the model
 * @param seed the run's seed
 * @param scenario the scenario index, or {@link #ALL}
 * @param task the task index, or {@link #ALL}
 * @param scenarioName the scenario's name ("all" for the overall row)
 * @param taskName the task's name ("all" for the overall row)
 * @param n the labelled rows (labelled (row, task) pairs for the overall row)
 * @param positives the positive labels
 * @param auc the AUC, or null where it does not exist (one class)
 * @param logLoss the LogLoss, or null for an empty group
 */
public record ResultRow(
        String model,
        PaperSetting setting,
        long seed,
        int scenario,
        int task,
        String scenarioName,
        String taskName,
        long n,
        long positives,
        Double auc,
        Double logLoss) {

    /** The scenario and task index of the overall row. */
    public static final int ALL = -1;

    /**
     * Returns whether this is the overall row of its run.
     *
     * @return true for the All AUC / overall LogLoss row
     */
    public boolean isOverall() {
        return scenario == ALL && task == ALL;
    }

    /**
     * Returns the (scenario, task) group of this line.
     *
     * @return the group
     * @throws IllegalStateException on the overall line, which has none
     */
    public GroupColumn group() {
        if (isOverall()) {
            throw new IllegalStateException("the overall line has no (scenario, task) group");
        }
        return new GroupColumn(scenario, task, scenarioName, taskName);
    }
}
