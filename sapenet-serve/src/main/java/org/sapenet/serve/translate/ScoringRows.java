/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.translate;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A batch of raw rows: one map per row from source column name to raw value (the training source's
 * columns; label columns may be present and are ignored), and optionally one scenario name for the
 * whole batch, which then overrides the rows' scenario column.
 */
public final class ScoringRows {

    private final List<Map<String, String>> rows;
    private final String scenario;

    private ScoringRows(List<Map<String, String>> rows, String scenario) {
        this.rows = List.copyOf(rows);
        this.scenario = scenario;
    }

    /**
     * Creates a batch whose rows carry their scenario in the scenario column.
     *
     * @param rows the rows
     * @return the batch
     */
    public static ScoringRows of(List<Map<String, String>> rows) {
        return new ScoringRows(rows, null);
    }

    /**
     * Creates a batch scored in one scenario.
     *
     * @param rows the rows (the scenario column may be absent)
     * @param scenario the scenario's name
     * @return the batch
     */
    public static ScoringRows of(List<Map<String, String>> rows, String scenario) {
        return new ScoringRows(rows, Objects.requireNonNull(scenario, "scenario"));
    }

    /**
     * Returns the rows.
     *
     * @return the rows
     */
    public List<Map<String, String>> getRows() {
        return rows;
    }

    /**
     * Returns the scenario of the whole batch.
     *
     * @return its name, or null when each row's scenario column says
     */
    public String getScenario() {
        return scenario;
    }
}
