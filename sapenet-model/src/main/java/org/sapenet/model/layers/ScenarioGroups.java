/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The rows of a batch grouped by scenario, so a scenario-specific part (STAR weights, towers,
 * gates) is computed only on the rows of its own scenario.
 *
 * <p>Built from the scenario ids (B) on the host (one copy of B ints and a counting sort, O(B)),
 * which also validates every id. {@link #gather} picks the rows of scenario s, {@link #merge} puts
 * per-scenario results back in batch order. With S = 1 both are the identity.
 *
 * <p>When the batch is already sorted by scenario (ids non-decreasing), each group is a contiguous
 * range: {@link #gather} is a view (one split of the array serves every scenario) and {@link
 * #merge} a concatenation, no row is copied by index. A model with several scenario-specific parts
 * sorts its batch once on entry ({@link #sort(NDList)}) and restores the order of its output
 * ({@link #restore}), so the parts inside take this path.
 *
 * <p>Why grouping: the alternatives compute more. Gathering per-row weights (B, n, m) costs B * n *
 * m memory (4096 x 512 x 496 floats = 4 GB for STAR); computing all S scenarios and selecting costs
 * S times the arithmetic. Grouping costs one matmul per non-empty scenario (the same arithmetic as
 * one matmul over the batch) plus, on an unsorted batch, two row gathers.
 */
public final class ScenarioGroups {

    private final int scenarios;
    private final long batch;
    private final int[] start;
    private final int[] count;
    private final long[] order;
    private final long[] inverse;

    /**
     * The arrays already split into their scenario ranges (sorted batches only), by identity. The
     * parts of one array are made by one split, whose backward writes every part's gradient into
     * one (B, ...) array; a slice per scenario would each add a zero-padded (B, ...) gradient.
     */
    private final Map<NDArray, NDList> ranges = new IdentityHashMap<>();

    private ScenarioGroups(
            int scenarios, long batch, int[] start, int[] count, long[] order, long[] inverse) {
        this.scenarios = scenarios;
        this.batch = batch;
        this.start = start;
        this.count = count;
        this.order = order;
        this.inverse = inverse;
    }

    /**
     * Groups a batch's rows by scenario.
     *
     * @param scenario (B) int32 or int64 ids
     * @param scenarios S
     * @return the groups
     * @throws IllegalArgumentException naming the first row whose id is outside [0, S)
     */
    public static ScenarioGroups of(NDArray scenario, int scenarios) {
        if (scenario.getShape().dimension() != 1) {
            throw new IllegalArgumentException(
                    "Scenario ids must have shape (B), got " + scenario.getShape());
        }
        long[] ids = scenario.toType(DataType.INT64, false).toLongArray();
        int[] count = new int[scenarios];
        boolean sorted = true;
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
            count[(int) ids[r]]++;
            sorted &= r == 0 || ids[r - 1] <= ids[r];
        }
        int[] start = new int[scenarios];
        for (int s = 1; s < scenarios; s++) {
            start[s] = start[s - 1] + count[s - 1];
        }
        if (sorted) {
            return new ScenarioGroups(scenarios, ids.length, start, count, null, null);
        }
        long[] order = new long[ids.length];
        long[] inverse = new long[ids.length];
        int[] fill = start.clone();
        for (int r = 0; r < ids.length; r++) {
            int position = fill[(int) ids[r]]++;
            order[position] = r;
            inverse[r] = position;
        }
        return new ScenarioGroups(scenarios, ids.length, start, count, order, inverse);
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
        return scenarios == 1 ? batch > 0 : count[s] > 0;
    }

    /**
     * Returns whether the batch is sorted by scenario, so that every group is a contiguous range.
     *
     * @return true when the ids are non-decreasing
     */
    public boolean isSorted() {
        return order == null;
    }

    /**
     * Returns the rows of scenario s.
     *
     * @param x (B, ...)
     * @param s a scenario with rows
     * @return (B_s, ...), in batch order; a view of x when the batch is sorted
     */
    public NDArray gather(NDArray x, int s) {
        if (scenarios == 1) {
            return x;
        }
        if (count[s] == 0) {
            throw new IllegalStateException("Scenario " + s + " has no rows in this batch");
        }
        if (isSorted()) {
            return ranges.computeIfAbsent(x, this::splitRanges).get(s);
        }
        long[] rows = new long[count[s]];
        System.arraycopy(order, start[s], rows, 0, count[s]);
        return Ops.gatherRows(x, x.getManager().create(rows));
    }

    /** x (B, ...) split into the S row ranges of the scenarios (empty ones included). */
    private NDList splitRanges(NDArray x) {
        long[] ends = new long[scenarios - 1];
        for (int s = 1; s < scenarios; s++) {
            ends[s - 1] = start[s];
        }
        return x.split(ends, 0);
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
        return restore(sorted);
    }

    /**
     * Reorders a batch-aligned array so that its rows are sorted by scenario (stable: rows of one
     * scenario keep their batch order).
     *
     * @param x (B, ...)
     * @return (B, ...) sorted by scenario; x itself when the batch is already sorted
     */
    public NDArray sort(NDArray x) {
        return isSorted() ? x : Ops.gatherRows(x, x.getManager().create(order));
    }

    /**
     * Sorts every array of a batch by scenario, as {@link #sort(NDArray)} does one.
     *
     * @param batch batch-aligned arrays, each (B, ...)
     * @return the arrays sorted by scenario, in the same order
     */
    public NDList sort(NDList batch) {
        NDList sorted = new NDList(batch.size());
        for (NDArray x : batch) {
            sorted.add(sort(x));
        }
        return sorted;
    }

    /**
     * Undoes {@link #sort(NDArray)}: puts the rows of an array computed on the sorted batch back in
     * batch order.
     *
     * @param sorted (B, ...) in the order {@link #sort(NDArray)} produced
     * @return (B, ...) in batch order; the input itself when the batch was already sorted
     */
    public NDArray restore(NDArray sorted) {
        return isSorted() ? sorted : Ops.gatherRows(sorted, sorted.getManager().create(inverse));
    }
}
