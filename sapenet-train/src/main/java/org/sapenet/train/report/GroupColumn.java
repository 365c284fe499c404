/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

/**
 * One (scenario, task) group of a grid: a column of the summary tables.
 *
 * @param scenario the scenario index
 * @param task the task index
 * @param scenarioName the scenario's name in the store
 * @param taskName the task's name in the store
 */
public record GroupColumn(int scenario, int task, String scenarioName, String taskName) {

    /**
     * Returns the table column, e.g. {@code d0,t1}.
     *
     * @return the short label
     */
    public String column() {
        return "d" + scenario + ",t" + task;
    }

    /**
     * Returns the label charts use, e.g. {@code search / click}.
     *
     * @return the scenario and task names
     */
    public String label() {
        return scenarioName + " / " + taskName;
    }
}
