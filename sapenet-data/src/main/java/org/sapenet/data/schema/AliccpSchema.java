/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The processed AliCCP layout (shared contract): 23 sparse fields (the 22 non-D id columns plus
 * {@code 301}), 8 dense {@code D*} fields, S = 3 scenarios (scenario = value of 301 minus 1) and T
 * = 2 tasks (click, purchase).
 */
public final class AliccpSchema {

    /** The 33 columns of a processed AliCCP CSV, in the usual header order. */
    public static final List<String> HEADER =
            List.of(
                    "click",
                    "purchase",
                    "101",
                    "121",
                    "122",
                    "124",
                    "125",
                    "126",
                    "127",
                    "128",
                    "129",
                    "205",
                    "206",
                    "207",
                    "210",
                    "216",
                    "508",
                    "509",
                    "702",
                    "853",
                    "301",
                    "109_14",
                    "110_14",
                    "127_14",
                    "150_14",
                    "D109_14",
                    "D110_14",
                    "D127_14",
                    "D150_14",
                    "D508",
                    "D509",
                    "D702",
                    "D853");

    /** The scenario column. */
    public static final String SCENARIO_COLUMN = "301";

    /** The label columns, one per task. */
    public static final List<String> TASKS = List.of("click", "purchase");

    /** The values of {@link #SCENARIO_COLUMN}: scenario id s is value s + 1. */
    public static final List<String> SCENARIOS = List.of("1", "2", "3");

    /** The 23 sparse fields, in store order (header order, labels and D* left out). */
    public static final List<String> SPARSE_FIELDS;

    /** The 8 dense fields, in store order. */
    public static final List<String> DENSE_FIELDS;

    static {
        List<String> sparse = new ArrayList<>();
        List<String> dense = new ArrayList<>();
        for (String column : HEADER) {
            if (TASKS.contains(column)) {
                continue;
            }
            (column.startsWith("D") ? dense : sparse).add(column);
        }
        SPARSE_FIELDS = Collections.unmodifiableList(sparse);
        DENSE_FIELDS = Collections.unmodifiableList(dense);
    }

    private AliccpSchema() {}

    /**
     * Returns the store schema of processed AliCCP.
     *
     * @return 23 sparse, 8 dense, 3 scenarios, 2 tasks
     */
    public static StoreSchema schema() {
        return new StoreSchema(SPARSE_FIELDS, DENSE_FIELDS, SCENARIOS, TASKS, SCENARIO_COLUMN);
    }
}
