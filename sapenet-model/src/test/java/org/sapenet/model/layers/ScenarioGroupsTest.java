/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sapenet.model.testing.BlockTesting;

/** Grouping a batch by scenario: gather, merge, sort and restore, on sorted and mixed batches. */
class ScenarioGroupsTest {

    /** Row r of x is (10 r, 10 r + 1), so a row's values name it. */
    private static NDArray rows(NDManager m, int count) {
        float[] v = new float[count * 2];
        for (int r = 0; r < count; r++) {
            v[2 * r] = 10 * r;
            v[2 * r + 1] = 10 * r + 1;
        }
        return m.create(v, new Shape(count, 2));
    }

    @Test
    void mixedBatchGathersEachScenarioInBatchOrderAndMergesBack() {
        try (NDManager m = BlockTesting.manager()) {
            NDArray x = rows(m, 5);
            ScenarioGroups groups = ScenarioGroups.of(m.create(new int[] {2, 0, 2, 1, 0}), 3);
            assertFalse(groups.isSorted());
            assertArrayEquals(new float[] {10, 11, 40, 41}, groups.gather(x, 0).toFloatArray());
            assertArrayEquals(new float[] {30, 31}, groups.gather(x, 1).toFloatArray());
            assertArrayEquals(new float[] {0, 1, 20, 21}, groups.gather(x, 2).toFloatArray());
            // Per-scenario results, each marked by its scenario, come back in batch order.
            NDList parts = new NDList();
            for (int s = 0; s < 3; s++) {
                parts.add(groups.gather(x, s).add(100 * s));
            }
            assertArrayEquals(
                    new float[] {200, 201, 10, 11, 220, 221, 130, 131, 40, 41},
                    groups.merge(parts).toFloatArray());
        }
    }

    @Test
    void sortIsStableAndRestoreUndoesIt() {
        try (NDManager m = BlockTesting.manager()) {
            NDArray x = rows(m, 5);
            NDArray scenario = m.create(new long[] {2, 0, 2, 1, 0});
            ScenarioGroups groups = ScenarioGroups.of(scenario, 3);
            NDArray sorted = groups.sort(x);
            assertArrayEquals(
                    new float[] {10, 11, 40, 41, 30, 31, 0, 1, 20, 21}, sorted.toFloatArray());
            assertArrayEquals(new long[] {0, 0, 1, 2, 2}, groups.sort(scenario).toLongArray());
            assertArrayEquals(x.toFloatArray(), groups.restore(sorted).toFloatArray());

            // The sorted batch groups into contiguous ranges: the same rows, no reordering left.
            ScenarioGroups again = ScenarioGroups.of(groups.sort(scenario), 3);
            assertTrue(again.isSorted());
            assertSame(sorted, again.sort(sorted));
            assertSame(sorted, again.restore(sorted));
            assertArrayEquals(new float[] {30, 31}, again.gather(sorted, 1).toFloatArray());
            NDList parts = new NDList();
            for (int s = 0; s < 3; s++) {
                parts.add(again.gather(sorted, s));
            }
            assertArrayEquals(sorted.toFloatArray(), again.merge(parts).toFloatArray());
        }
    }

    @Test
    void emptyScenariosHaveNoRows() {
        try (NDManager m = BlockTesting.manager()) {
            ScenarioGroups groups = ScenarioGroups.of(m.create(new int[] {0, 0, 2}), 3);
            assertTrue(groups.isSorted());
            assertTrue(groups.hasRows(0));
            assertFalse(groups.hasRows(1));
            assertTrue(groups.hasRows(2));
        }
    }
}
