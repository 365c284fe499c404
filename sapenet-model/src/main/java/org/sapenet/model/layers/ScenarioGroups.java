/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The rows of a batch grouped by scenario, so a scenario-specific part (STAR weights, towers,
 * gates) is computed only on the rows of its own scenario.
 *
 * <p>Built from the scenario ids (B) on the host (one copy of B ints and a counting sort, O(B)),
 * which also validates every id. {@link #gather} picks the rows of scenario s, {@link #merge} puts
 * per-scenario results back in batch order. With S = 1 both are the identity.
 *
 * <p>Why grouping: the alternatives compute more. Gathering per-row weights (B, n, m) costs B * n *
 * m memory (4096 x 512 x 496 floats = 4 GB for STAR); computing all S scenarios and selecting costs
 * S times the arithmetic. Grouping costs one matmul per non-empty scenario (the same arithmetic as
 * one matmul over the batch) plus two row gathers.
 */
public final class ScenarioGroups {

    private final int scenarios;
    private final long batch;
    private final NDArray[] rows;
    private final NDArray inverse;

    private ScenarioGroups(int scenarios, long batch, NDArray[] rows, NDArray inverse) {
        this.scenarios = scenarios;
        this.batch = batch;
        this.rows = rows;
        this.inverse = inverse;
    }

    /**
     * Groups a batch's rows by scenario.
     *
     * @param scenario (B) int32 or int64 ids
     * @param scenarios S
     * @return the groups; their index arrays belong to the scenario array's manager
     * @throws IllegalArgumentException naming the first row whose id is outside [0, S)
     */
    public static ScenarioGroups of(NDArray scenario, int scenarios) {
        if (scenario.getShape().dimension() != 1) {
            throw new IllegalArgumentException(
                    "Scenario ids must have shape (B), got " + scenario.getShape());
        }
        long[] ids = scenario.toType(DataType.INT64, false).toLongArray();
        int[] counts = new int[scenarios];
        for (int r = 0; r < ids.length; r++) {
            if (ids[r] < 0 || ids[r] >= scenarios) {
                throw new IllegalArgumentException(
                        "Scenario id "
                                + ids[r]
                                + " at batch row "
                                + r
                                + " is outside [0, "
                                + scenarios
                                + "): the model was built for "
                                + scenarios
                                + " scenarios");
            }
            counts[(int) ids[r]]++;
        }
        NDManager manager = scenario.getManager();
        if (scenarios == 1) {
            return new ScenarioGroups(1, ids.length, new NDArray[1], null);
        }
        long[][] members = new long[scenarios][];
        for (int s = 0; s < scenarios; s++) {
            members[s] = new long[counts[s]];
        }
        int[] fill = new int[scenarios];
        int[] start = new int[scenarios];
        for (int s = 1; s < scenarios; s++) {
            start[s] = start[s - 1] + counts[s - 1];
        }
        long[] inverse = new long[ids.length];
        for (int r = 0; r < ids.length; r++) {
            int s = (int) ids[r];
            inverse[r] = start[s] + fill[s];
            members[s][fill[s]++] = r;
        }
        NDArray[] rows = new NDArray[scenarios];
        for (int s = 0; s < scenarios; s++) {
            rows[s] = counts[s] == 0 ? null : manager.create(members[s]);
        }
        return new ScenarioGroups(scenarios, ids.length, rows, manager.create(inverse));
    }

    /**
     * Returns S.
     *
     * @return the number of scenarios
     */
    public int numScenarios() {
        return scenarios;
    }

    /**
     * Returns whether scenario s has rows in this batch.
     *
     * @param s the scenario
     * @return false when the group is empty
     */
    public boolean hasRows(int s) {
        return scenarios == 1 ? batch > 0 : rows[s] != null;
    }

    /**
     * Returns the rows of scenario s.
     *
     * @param x (B, ...)
     * @param s a scenario with rows
     * @return (B_s, ...), in batch order
     */
    public NDArray gather(NDArray x, int s) {
        if (scenarios == 1) {
            return x;
        }
        if (rows[s] == null) {
            throw new IllegalStateException("Scenario " + s + " has no rows in this batch");
        }
        return Ops.gatherRows(x, rows[s]);
    }

    /**
     * Puts per-scenario results back in batch order.
     *
     * @param parts the result of every scenario that has rows, in scenario order, each (B_s, ...)
     * @return (B, ...)
     */
    public NDArray merge(NDList parts) {
        if (scenarios == 1) {
            return parts.singletonOrThrow();
        }
        NDArray sorted = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
        return Ops.gatherRows(sorted, inverse);
    }
}
