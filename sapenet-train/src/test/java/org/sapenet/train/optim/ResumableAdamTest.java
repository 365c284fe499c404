/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.sapenet.model.runtime.Engines;

class ResumableAdamTest {

    private static final float[] START = {0.5f, -1.0f, 2.0f};

    /** The gradient at step k (1-based) for element i: a fixed, varying sequence. */
    private static float gradient(int k, int i) {
        return (float) Math.sin(k * 1.3 + i) * (i + 1);
    }

    private static ResumableAdam adam() {
        return ResumableAdam.builder()
                .optLearningRate(0.1f)
                .optBetas(0.9f, 0.999f)
                .optEpsilon(1e-8f)
                .optWeightDecays(0.01f)
                .build();
    }

    private static void step(ResumableAdam adam, NDArray weight, NDManager manager, int k) {
        float[] g = new float[START.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = gradient(k, i);
        }
        NDArray grad = manager.create(g);
        adam.update("w", weight, grad);
        assertArrayEquals(new float[START.length], grad.toFloatArray(), "gradient zeroed");
    }

    @Test
    void matchesTorchAdamInDoublePrecision() {
        double[] w = {START[0], START[1], START[2]};
        double[] m = new double[3];
        double[] v = new double[3];
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            NDArray weight = manager.create(START.clone());
            ResumableAdam adam = adam();
            for (int k = 1; k <= 6; k++) {
                step(adam, weight, manager, k);
                for (int i = 0; i < 3; i++) {
                    double g = (double) gradient(k, i) + 0.01 * w[i];
                    m[i] = 0.9 * m[i] + 0.1 * g;
                    v[i] = 0.999 * v[i] + 0.001 * g * g;
                    double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, k)) + 1e-8;
                    w[i] -= 0.1 / (1 - Math.pow(0.9, k)) * m[i] / denominator;
                }
                float[] actual = weight.toFloatArray();
                for (int i = 0; i < 3; i++) {
                    assertEquals(w[i], actual[i], 1e-5, "step " + k + ", element " + i);
                }
            }
        }
    }

    @Test
    void savedStateContinuesExactlyLikeAnUninterruptedRun() throws IOException {
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            NDArray straight = manager.create(START.clone());
            ResumableAdam uninterrupted = adam();
            for (int k = 1; k <= 8; k++) {
                step(uninterrupted, straight, manager, k);
            }

            NDArray resumed = manager.create(START.clone());
            ResumableAdam first = adam();
            for (int k = 1; k <= 4; k++) {
                step(first, resumed, manager, k);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            first.saveState(new DataOutputStream(bytes));
            ResumableAdam second = adam();
            second.loadState(
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), manager);
            for (int k = 5; k <= 8; k++) {
                step(second, resumed, manager, k);
            }
            assertArrayEquals(straight.toFloatArray(), resumed.toFloatArray(), 0f);

            // Without the state, the moments restart and the weights differ.
            NDArray restarted = manager.create(START.clone());
            ResumableAdam again = adam();
            for (int k = 1; k <= 4; k++) {
                step(again, restarted, manager, k);
            }
            ResumableAdam fresh = adam();
            for (int k = 5; k <= 8; k++) {
                step(fresh, restarted, manager, k);
            }
            assertThrows(
                    AssertionError.class,
                    () ->
                            assertArrayEquals(
                                    straight.toFloatArray(), restarted.toFloatArray(), 1e-4f));
        }
    }

    @Test
    void rejectsBadSettingsAndForeignState() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ResumableAdam.builder().optLearningRate(0f).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> ResumableAdam.builder().optBetas(1f, 0.5f).build());
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            IOException e =
                    assertThrows(
                            IOException.class,
                            () ->
                                    adam().loadState(
                                                    new DataInputStream(
                                                            new ByteArrayInputStream(new byte[8])),
                                                    manager));
            assertEquals("Not a SAPENet optimizer state file", e.getMessage());
        }
    }
}
