/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
}
