/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.star;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * The rows of a batch grouped by scenario, so that scenario-specific parameters are applied to the
 * rows of their own scenario only (STAR's star topology, SAR-Net's scenario experts).
 *
 * <p>Computing every scenario's branch on the whole batch and selecting afterwards costs S times
 * the arithmetic and lets a scenario's normalisation statistics see other scenarios' rows. Grouping
 * instead costs one copy of the B scenario ids to the host, one gather of the input rows per
 * scenario ({@link #rowsOf}) and one gather putting the results back in batch order ({@link
 * #merge}); the S matrix products together do the work of one. Both gathers are differentiable.
 *
 * <p>Instances hold index arrays in the manager of the scenario ids (the batch's manager), so they
 * live as long as the batch does.
 */
public final class ScenarioPartition {

    private final int scenarioCount;
    private final int batchSize;
    private final int[] counts;
    private final NDArray[] rowIndex;
    private final NDArray inverse;

    private ScenarioPartition(
            int scenarioCount, int batchSize, int[] counts, NDArray[] rowIndex, NDArray inverse) {
        this.scenarioCount = scenarioCount;
        this.batchSize = batchSize;
        this.counts = counts;
        this.rowIndex = rowIndex;
        this.inverse = inverse;
    }

    /**
     * Groups the rows of a batch by scenario.
     *
     * @param scenario the scenario ids (B), int32 or int64, each in 0..S-1
     * @param scenarioCount S
     * @return the partition
     * @throws IllegalArgumentException when an id is outside 0..S-1 (naming the row) or the ids are
     *     not a vector
     */
    public static ScenarioPartition of(NDArray scenario, int scenarioCount) {
        long[] ids = checkIds(scenario, scenarioCount);
        int b = ids.length;
        int[] counts = new int[scenarioCount];
        for (long s : ids) {
            counts[(int) s]++;
        }
        long[][] rows = new long[scenarioCount][];
        for (int s = 0; s < scenarioCount; s++) {
            rows[s] = new long[counts[s]];
        }
        int[] filled = new int[scenarioCount];
        long[] inverse = new long[b];
        int[] offset = new int[scenarioCount];
        for (int s = 1; s < scenarioCount; s++) {
            offset[s] = offset[s - 1] + counts[s - 1];
        }
        for (int row = 0; row < b; row++) {
            int s = (int) ids[row];
            inverse[row] = offset[s] + filled[s];
            rows[s][filled[s]++] = row;
        }
        NDManager manager = scenario.getManager();
        NDArray[] rowIndex = new NDArray[scenarioCount];
        for (int s = 0; s < scenarioCount; s++) {
            if (counts[s] > 0 && counts[s] < b) {
                rowIndex[s] = manager.create(rows[s]).toDevice(scenario.getDevice(), false);
            }
        }
        NDArray inverseIndex = manager.create(inverse).toDevice(scenario.getDevice(), false);
        return new ScenarioPartition(scenarioCount, b, counts, rowIndex, inverseIndex);
    }

    /**
     * Checks that every scenario id is in 0..S-1 (a one-hot lookup would silently give an
     * out-of-range id a zero row).
     *
     * @param scenario the scenario ids (B), int32 or int64
     * @param scenarioCount S
     * @return the ids, on the host
     * @throws IllegalArgumentException naming the first row whose id is outside 0..S-1, or when the
     *     ids are not a vector
     */
    public static long[] checkIds(NDArray scenario, int scenarioCount) {
        if (scenario.getShape().dimension() != 1) {
            throw new IllegalArgumentException(
                    "scenario ids must have shape (B), got " + scenario.getShape());
        }
        long[] ids = scenario.toType(DataType.INT64, false).toLongArray();
        for (int row = 0; row < ids.length; row++) {
            long s = ids[row];
            if (s < 0 || s >= scenarioCount) {
                throw new IllegalArgumentException(
                        "scenario id "
                                + s
                                + " at row "
                                + row
                                + " is outside 0.."
                                + (scenarioCount - 1)
                                + " (S = "
                                + scenarioCount
                                + ")");
            }
        }
        return ids;
    }

    /**
     * Returns S.
     *
     * @return the number of scenarios
     */
    public int scenarioCount() {
        return scenarioCount;
    }

    /**
     * Returns B.
     *
     * @return the number of rows
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns how many rows belong to a scenario.
     *
     * @param s the scenario
     * @return B_s
     */
    public int count(int s) {
        return counts[s];
    }

    /**
     * Returns the rows of a scenario, in batch order.
     *
     * @param x an array whose axis 0 is the batch (B, ...)
     * @param s the scenario
     * @return (B_s, ...), or null when the scenario has no row
     */
    public NDArray rowsOf(NDArray x, int s) {
        if (counts[s] == 0) {
            return null;
        }
        if (counts[s] == batchSize) {
            return x;
        }
        return x.get(new NDIndex("{}", rowIndex[s]));
    }

    /**
     * Puts per-scenario results back in batch order.
     *
     * @param parts for each scenario s its (B_s, ...) result in the order of {@link #rowsOf}, null
     *     where the scenario has no row
     * @return (B, ...)
     */
    public NDArray merge(NDArray[] parts) {
        NDList present = new NDList();
        for (int s = 0; s < scenarioCount; s++) {
            if (counts[s] > 0) {
                present.add(parts[s]);
            }
        }
        if (present.size() == 1) {
            return present.head();
        }
        NDArray sorted = NDArrays.concat(present);
        return sorted.get(new NDIndex("{}", inverse));
    }
}
