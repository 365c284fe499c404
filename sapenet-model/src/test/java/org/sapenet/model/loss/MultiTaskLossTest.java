/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sapenet.model.testing.BlockTesting;

class MultiTaskLossTest {

    /** Equation (14) with a Java loop over groups, in double precision. */
    static double reference(float[] x, float[] y, float[] mask, int[] scenario, int s, int t) {
        double total = 0;
        for (int si = 0; si < s; si++) {
            for (int ti = 0; ti < t; ti++) {
                double sum = 0;
                int n = 0;
                for (int r = 0; r < scenario.length; r++) {
                    if (scenario[r] == si && mask[r * t + ti] == 1f) {
                        double z = x[r * t + ti];
                        double p = 1 / (1 + Math.exp(-z));
                        double yy = y[r * t + ti];
                        sum += -(yy * Math.log(p) + (1 - yy) * Math.log(1 - p));
                        n++;
                    }
                }
                if (n > 0) {
                    total += sum / n;
                }
            }
        }
        return total;
    }

    @Test
    void sumsGroupMeansSkippingEmptyGroupsAndMaskedTasks() {
        // S = 3, T = 2; scenario 2 has no rows (empty groups); task 1 is fully masked in scenario
        // 1.
        float[] x = {0.3f, -1.2f, 2f, 0.7f, -0.4f, 1.5f, 1.1f, -2.5f, -0.9f, 0.2f};
        float[] y = {1, 0, 0, 1, 1, 1, 0, 0, 1, 0};
        float[] mask = {1, 1, 1, 0, 1, 0, 1, 1, 0, 0};
        int[] scenario = {0, 1, 1, 0, 0};
        try (NDManager m = BlockTesting.manager()) {
            MultiTaskLoss loss = new MultiTaskLoss("loss", 3, 2);
            NDArray value =
                    loss.evaluate(
                            new NDList(
                                    m.create(y, new Shape(5, 2)),
                                    m.create(mask, new Shape(5, 2)),
                                    m.create(scenario)),
                            new NDList(m.create(x, new Shape(5, 2))));
            assertEquals(reference(x, y, mask, scenario, 3, 2), value.getFloat(), 1e-5);
            assertEquals(0, value.getShape().dimension());
        }
    }

    @Test
    void isStableForLargeLogitsAndZeroWhenEverythingIsMasked() {
        float[] x = {80f, -80f, 80f, -80f};
        float[] y = {0, 1, 1, 0};
        try (NDManager m = BlockTesting.manager()) {
            MultiTaskLoss loss = new MultiTaskLoss("loss", 2, 2);
            NDList labels =
                    new NDList(
                            m.create(y, new Shape(2, 2)),
                            m.ones(new Shape(2, 2)),
                            m.create(new long[] {0, 1}));
            float v = loss.evaluate(labels, new NDList(m.create(x, new Shape(2, 2)))).getFloat();
            assertFalse(Float.isNaN(v) || Float.isInfinite(v));
            assertEquals(160.0, v, 1e-3);
            NDList masked =
                    new NDList(
                            m.create(y, new Shape(2, 2)),
                            m.zeros(new Shape(2, 2)),
                            m.create(new long[] {0, 1}));
            assertEquals(
                    0f, loss.evaluate(masked, new NDList(m.create(x, new Shape(2, 2)))).getFloat());
        }
    }

    @Test
    void rejectsWrongShapes() {
        try (NDManager m = BlockTesting.manager()) {
            MultiTaskLoss loss = new MultiTaskLoss("loss", 2, 2);
            NDList labels =
                    new NDList(
                            m.ones(new Shape(2, 3)),
                            m.ones(new Shape(2, 3)),
                            m.zeros(new Shape(2)));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> loss.evaluate(labels, new NDList(m.ones(new Shape(2, 3)))));
            assertThrows(IllegalArgumentException.class, () -> new MultiTaskLoss("l", 0, 2));
        }
    }
}
