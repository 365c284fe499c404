/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnginesTest {

    @AfterEach
    void restoreDevice() {
        System.setProperty(Engines.DEVICE_PROPERTY, "cpu");
    }

    @Test
    void loadsPyTorchOfflineFromTheBuildCache() {
        assertEquals("true", System.getProperty("ai.djl.offline"));
        Engine engine = Engines.pytorch();
        assertEquals("PyTorch", engine.getEngineName());
        assertTrue(
                Engines.cacheDir().contains("target"),
                "tests extract natives inside the build folder, not " + Engines.cacheDir());
        try (NDManager manager = engine.newBaseManager(Device.cpu())) {
            NDArray x = manager.create(new float[] {1f, 2f, 3f});
            assertArrayEquals(new float[] {2f, 4f, 6f}, x.mul(2).toFloatArray());
        }
    }

    @Test
    void devicePropertyChoosesTheDevice() {
        System.setProperty(Engines.DEVICE_PROPERTY, "cpu");
        assertEquals(Device.cpu(), Engines.device());
        System.setProperty(Engines.DEVICE_PROPERTY, "auto");
        Device auto = Engines.device();
        assertEquals(Engines.pytorch().getGpuCount() > 0 ? Device.gpu(0) : Device.cpu(), auto);
        System.setProperty(Engines.DEVICE_PROPERTY, "tpu");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Engines::device);
        assertTrue(e.getMessage().contains("tpu"));
    }

    @Test
    void scoringThreadsApplyOnlyWhenTheApplicationChoseNone() {
        String chosen = System.getProperty(Engines.THREADS_PROPERTY);
        int running = JniUtils.getNumThreads();
        try {
            // The application chose: nothing changes.
            System.setProperty(Engines.THREADS_PROPERTY, Integer.toString(running));
            System.setProperty(Engines.SCORING_THREADS_PROPERTY, "3");
            Engines.useScoringThreads();
            assertEquals(running, JniUtils.getNumThreads());

            // None chosen: the scoring count goes to PyTorch and is recorded in the property.
            System.clearProperty(Engines.THREADS_PROPERTY);
            Engines.useScoringThreads();
            assertEquals(3, JniUtils.getNumThreads());
            assertEquals("3", System.getProperty(Engines.THREADS_PROPERTY));

            // 0 keeps PyTorch's count (the command line's setting).
            System.clearProperty(Engines.THREADS_PROPERTY);
            System.setProperty(Engines.SCORING_THREADS_PROPERTY, "0");
            JniUtils.setNumThreads(running);
            Engines.useScoringThreads();
            assertEquals(running, JniUtils.getNumThreads());
            assertNull(System.getProperty(Engines.THREADS_PROPERTY));
        } finally {
            System.clearProperty(Engines.SCORING_THREADS_PROPERTY);
            if (chosen != null) {
                System.setProperty(Engines.THREADS_PROPERTY, chosen);
            }
            JniUtils.setNumThreads(running);
        }
    }
}
