/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sapenet.model.runtime.Engines;

/** Row-sparse (lazy) Adam on embedding tables against dense Adam and values computed by hand. */
class RowSparseAdamTest {

    private static final int ROWS = 7;
    private static final int DIM = 3;
    private static final String TABLE = "01embedding_table0";

    /** Rows 0 and 2 are in every batch, row 4 in odd steps only, the others never. */
    private static boolean touched(int k, int row) {
        return row == 0 || row == 2 || (row == 4 && k % 2 == 1);
    }

    private static float[] gradient(int k) {
        float[] g = new float[ROWS * DIM];
        for (int r = 0; r < ROWS; r++) {
            if (touched(k, r)) {
                for (int j = 0; j < DIM; j++) {
                    g[r * DIM + j] = (float) Math.sin(k * 1.3 + r + 0.7 * j) * (j + 1);
                }
            }
        }
        return g;
    }

    private static float[] start() {
        float[] w = new float[ROWS * DIM];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Math.cos(i * 0.9) * 0.05f;
        }
        return w;
    }

    private static ResumableAdam adam() {
        return ResumableAdam.builder()
                .optLearningRate(0.05f)
                .optWeightDecays(0.01f)
                .optWarmupSteps(3)
                .build();
    }

    /** The rows of step k's batch, int64. */
    private static NDArray batchRows(NDManager manager, int k) {
        return manager.create(
                IntStream.range(0, ROWS).filter(r -> touched(k, r)).asLongStream().toArray());
    }

    /** Step k, dense (rowSparse false) or on the rows of the step's batch. */
    private static void step(
            ResumableAdam adam, NDArray weight, NDManager manager, int k, boolean rowSparse) {
        NDArray grad = manager.create(gradient(k), new Shape(ROWS, DIM));
        if (rowSparse) {
            NDArray rows = batchRows(manager, k);
            adam.updateRows(TABLE, weight, rows, grad.get(new NDIndex("{}", rows)));
        } else {
            adam.update(TABLE, weight, grad);
            assertArrayEquals(new float[ROWS * DIM], grad.toFloatArray(), "gradient zeroed");
        }
        grad.close();
    }

    private static float[] row(float[] table, int r) {
        return Arrays.copyOfRange(table, r * DIM, (r + 1) * DIM);
    }

    @Test
    void equalsDenseAdamBitForBitOnRowsTouchedInEveryStep() {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            NDArray dense = manager.create(start(), new Shape(ROWS, DIM));
            NDArray lazy = manager.create(start(), new Shape(ROWS, DIM));
            ResumableAdam denseAdam = adam();
            ResumableAdam lazyAdam = adam();
            for (int k = 1; k <= 6; k++) {
                float[] before = lazy.toFloatArray();
                step(denseAdam, dense, manager, k, false);
                step(lazyAdam, lazy, manager, k, true);
                float[] d = dense.toFloatArray();
                float[] l = lazy.toFloatArray();
                for (int r = 0; r < ROWS; r++) {
                    if (r == 0 || r == 2) {
                        assertArrayEquals(row(d, r), row(l, r), 0f, "step " + k + " row " + r);
                    } else if (!touched(k, r)) {
                        assertArrayEquals(row(before, r), row(l, r), 0f, "untouched row " + r);
                    } else {
                        assertFalse(Arrays.equals(row(before, r), row(l, r)), "row " + r);
                    }
                }
            }
            // Dense Adam moves row 4 by its momentum in even steps too; lazy Adam does not.
            assertFalse(Arrays.equals(row(dense.toFloatArray(), 4), row(lazy.toFloatArray(), 4)));
            assertArrayEquals(row(start(), 6), row(lazy.toFloatArray(), 6), 0f);
        }
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws IOException {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            NDArray straight = manager.create(start(), new Shape(ROWS, DIM));
            ResumableAdam uninterrupted = adam();
            for (int k = 1; k <= 7; k++) {
                step(uninterrupted, straight, manager, k, true);
            }
            NDArray resumed = manager.create(start(), new Shape(ROWS, DIM));
            ResumableAdam first = adam();
            for (int k = 1; k <= 3; k++) {
                step(first, resumed, manager, k, true);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            first.saveState(new DataOutputStream(bytes));
            ResumableAdam second = adam();
            second.loadState(
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), manager);
            for (int k = 4; k <= 7; k++) {
                step(second, resumed, manager, k, true);
            }
            assertArrayEquals(straight.toFloatArray(), resumed.toFloatArray(), 0f);
        }
    }

    @Test
    void firstUpdatesOfRowsUseTheGlobalStepsBiasCorrection() {
        float[] w0 = {0.1f, -0.2f, 1.0f, 1.0f, 0.3f, 0.4f};
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            NDArray table = manager.create(w0, new Shape(3, 2));
            ResumableAdam adam = ResumableAdam.builder().optLearningRate(0.1f).build();
            // Step 1: only row 1 has a gradient, (0.5, -2). m = 0.1 g, v = 0.001 g^2, so the
            // bias-corrected step is lr * g / (|g| + eps): row 1 moves by -0.1 * sign(g).
            adam.updateRows(
                    "table0",
                    table,
                    manager.create(new long[] {1}),
                    manager.create(new float[] {0.5f, -2}, new Shape(1, 2)));
            float[] w1 = table.toFloatArray();
            assertEquals(0.1f, w1[0], 0f);
            assertEquals(-0.2f, w1[1], 0f);
            assertEquals(1.0 - 0.1 * 0.5 / (0.5 + 1e-8), w1[2], 1e-7);
            assertEquals(1.0 + 0.1 * 2 / (2 + 1e-8), w1[3], 1e-7);
            assertEquals(0.3f, w1[4], 0f);
            assertEquals(0.4f, w1[5], 0f);
            // Step 2: only row 0, gradient (1, 1), seen for the first time. Its moments start
            // from zero but the corrections are step 2's: m^ = 0.1 / (1 - 0.9^2),
            // v^ = 0.001 / (1 - 0.999^2), each element moves by 0.1 m^ / (sqrt(v^) + eps).
            adam.updateRows(
                    "table0",
                    table,
                    manager.create(new long[] {0}),
                    manager.create(new float[] {1, 1}, new Shape(1, 2)));
            double expected = 0.1 * (0.1 / (1 - 0.81)) / (Math.sqrt(0.001 / (1 - 0.998001)) + 1e-8);
            assertEquals(0.0744137, expected, 1e-6);
            float[] w2 = table.toFloatArray();
            assertEquals(0.1 - expected, w2[0], 1e-7);
            assertEquals(-0.2 - expected, w2[1], 1e-7);
            assertArrayEquals(Arrays.copyOfRange(w1, 2, 6), Arrays.copyOfRange(w2, 2, 6), 0f);
        }
    }

    @Test
    void aRowOfTheBatchWithAZeroGradientMovesByItsMomentum() {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            NDArray table = manager.create(new float[] {0.5f, 0.5f}, new Shape(2, 1));
            ResumableAdam adam = ResumableAdam.builder().optLearningRate(0.1f).build();
            // Step 1: row 0 has gradient 2. Step 2: row 0 is in the batch again with gradient 0
            // (as torch.optim.SparseAdam, the batch's ids decide, not the gradient's values):
            // m = 0.9 * 0.2, v = 0.999 * 0.004, step = 0.1 m^ / (sqrt(v^) + eps).
            adam.updateRows(
                    "table0",
                    table,
                    manager.create(new long[] {0}),
                    manager.create(new float[] {2}, new Shape(1, 1)));
            float w1 = table.toFloatArray()[0];
            assertEquals(0.5 - 0.1 * 2 / (2 + 1e-8), w1, 1e-7);
            adam.updateRows(
                    "table0",
                    table,
                    manager.create(new long[] {0}),
                    manager.create(new float[] {0}, new Shape(1, 1)));
            double m = 0.9 * 0.2 / (1 - 0.81);
            double v = 0.999 * 0.004 / (1 - 0.998001);
            float[] w2 = table.toFloatArray();
            assertEquals(w1 - 0.1 * m / (Math.sqrt(v) + 1e-8), w2[0], 1e-7);
            assertEquals(0.5f, w2[1], 0f, "row 1 was in no batch");
        }
    }
}
