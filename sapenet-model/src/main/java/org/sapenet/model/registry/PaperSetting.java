/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.registry;

/** The four settings of the paper's tables, in the order the tables list them. */
public enum PaperSetting {
    /** One network per task, the scenario an ordinary feature. */
    SINGLE_SCENARIO_SINGLE_TASK("single-scenario single-task"),
    /** One network for all tasks, the scenario an ordinary feature. */
    SINGLE_SCENARIO_MULTI_TASK("single-scenario multi-task"),
    /** Scenario-aware, one network per task. */
    MULTI_SCENARIO_SINGLE_TASK("multi-scenario single-task"),
    /** Scenario-aware, one network for all tasks. */
    MULTI_SCENARIO_MULTI_TASK("multi-scenario multi-task");

    private final String label;

    PaperSetting(String label) {
        this.label = label;
    }

    /**
     * Returns the setting as the paper names it.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * Returns whether a model of this setting routes each row by its scenario id.
     *
     * @return true for the two multi-scenario settings
     */
    public boolean isMultiScenario() {
        return this == MULTI_SCENARIO_SINGLE_TASK || this == MULTI_SCENARIO_MULTI_TASK;
    }

    /**
     * Returns whether a model of this setting is one network per task.
     *
     * @return true for the two single-task settings
     */
    public boolean isSingleTask() {
        return this == SINGLE_SCENARIO_SINGLE_TASK || this == MULTI_SCENARIO_SINGLE_TASK;
    }
}
