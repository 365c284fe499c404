/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The layout of a prepared store: F sparse (id) fields, Fd dense fields, S scenarios and T tasks.
 *
 * <p>Vocabulary sizes are not part of the schema: they are measured while writing and recorded in
 * the manifest ({@link org.sapenet.data.store.StoreManifest}).
 */
public final class StoreSchema {

    private final List<String> sparseFields;
    private final List<String> denseFields;
    private final List<String> scenarios;
    private final List<String> tasks;
    private final String scenarioField;

    /**
     * Creates a schema.
     *
     * @param sparseFields the names of the F sparse fields, in column order
     * @param denseFields the names of the Fd dense fields (may be empty)
     * @param scenarios the names of the S scenarios (scenario id s names {@code scenarios.get(s)})
     * @param tasks the names of the T tasks
     * @param scenarioField the source column the scenario comes from, or null
     * @throws IllegalArgumentException on empty or duplicate names
     */
    public StoreSchema(
            List<String> sparseFields,
            List<String> denseFields,
            List<String> scenarios,
            List<String> tasks,
            String scenarioField) {
        if (sparseFields.isEmpty()) {
            throw new IllegalArgumentException("a store needs at least one sparse field");
        }
        if (scenarios.isEmpty() || tasks.isEmpty()) {
            throw new IllegalArgumentException("a store needs at least one scenario and one task");
        }
        if (tasks.size() > 64) {
            throw new IllegalArgumentException("at most 64 tasks, got " + tasks.size());
        }
        Set<String> names = new HashSet<>();
        for (String name : sparseFields) {
            requireNew(names, name, "field");
        }
        for (String name : denseFields) {
            requireNew(names, name, "field");
        }
        requireUnique(scenarios, "scenario");
        requireUnique(tasks, "task");
        this.sparseFields = List.copyOf(sparseFields);
        this.denseFields = List.copyOf(denseFields);
        this.scenarios = List.copyOf(scenarios);
        this.tasks = List.copyOf(tasks);
        this.scenarioField = scenarioField;
    }

    private static void requireUnique(List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            requireNew(seen, name, what);
        }
    }

    private static void requireNew(Set<String> seen, String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty " + what + " name");
        }
        if (!seen.add(name)) {
            throw new IllegalArgumentException("duplicate " + what + " name '" + name + "'");
        }
    }

    /**
     * Returns the sparse field names (F of them).
     *
     * @return the names in column order
     */
    public List<String> getSparseFields() {
        return sparseFields;
    }

    /**
     * Returns the dense field names (Fd of them).
     *
     * @return the names in column order
     */
    public List<String> getDenseFields() {
        return denseFields;
    }

    /**
     * Returns the scenario names (S of them).
     *
     * @return the names, indexed by scenario id
     */
    public List<String> getScenarios() {
        return scenarios;
    }

    /**
     * Returns the task names (T of them).
     *
     * @return the names, indexed by task id
     */
    public List<String> getTasks() {
        return tasks;
    }

    /**
     * Returns the source column the scenario id was derived from.
     *
     * @return the column name, or null
     */
    public String getScenarioField() {
        return scenarioField;
    }

    /**
     * Returns F, the number of sparse fields.
     *
     * @return F
     */
    public int sparseCount() {
        return sparseFields.size();
    }

    /**
     * Returns Fd, the number of dense fields.
     *
     * @return Fd
     */
    public int denseCount() {
        return denseFields.size();
    }

    /**
     * Returns S, the number of scenarios.
     *
     * @return S
     */
    public int scenarioCount() {
        return scenarios.size();
    }

    /**
     * Returns T, the number of tasks.
     *
     * @return T
     */
    public int taskCount() {
        return tasks.size();
    }
}
