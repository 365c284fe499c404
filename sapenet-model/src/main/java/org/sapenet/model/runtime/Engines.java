/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import java.util.Locale;

/**
 * Loads the PyTorch engine offline and chooses the compute device.
 *
 * <p>Natives come from the {@code pytorch-native-*} and {@code pytorch-jni} jars on the class path.
 * {@code ai.djl.offline=true} is set here (and by the launcher and the test configuration), so a
 * class path that lacks them fails at once with a message that says what is missing instead of
 * hanging on a download.
 *
 * <p>The device is read from the system property {@value #DEVICE_PROPERTY}: {@code cpu}, {@code
 * gpu} or {@code auto} (the default: the first GPU when DJL finds one, else the CPU).
 */
public final class Engines {

    /** The system property that names the device: {@code cpu}, {@code gpu} or {@code auto}. */
    public static final String DEVICE_PROPERTY = "sapenet.device";

    /** The only engine this project runs on. */
    public static final String ENGINE_NAME = "PyTorch";

    private Engines() {}

    /**
     * Returns the PyTorch engine, loading it offline on first use.
     *
     * @return the engine
     * @throws IllegalStateException when the natives cannot be loaded without a download
     */
    public static Engine pytorch() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            return Engine.getEngine(ENGINE_NAME);
        } catch (EngineException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Cannot load the PyTorch engine offline. The class path needs"
                            + " ai.djl.pytorch:pytorch-native-cpu (or -cu118) and the matching"
                            + " ai.djl.pytorch:pytorch-jni jar; rebuild with `mvn install` or run"
                            + " through ./sapenet. Natives are extracted to $DJL_CACHE_DIR (now: "
                            + cacheDir()
                            + "). Cause: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Returns the device named by {@value #DEVICE_PROPERTY}.
     *
     * @return the CPU, or the first GPU when asked for (or found, with {@code auto})
     * @throws IllegalArgumentException when the property has an unknown value, or a GPU is asked
     *     for and none is found
     */
    public static Device device() {
        String choice = System.getProperty(DEVICE_PROPERTY, "auto").toLowerCase(Locale.ROOT);
        int gpus = pytorch().getGpuCount();
        switch (choice) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (gpus == 0) {
                    throw new IllegalArgumentException(
                            "--device gpu was asked for, but DJL finds no GPU (is the cu118 build"
                                    + " in use and the NVIDIA driver visible?)");
                }
                return Device.gpu(0);
            case "auto":
                return gpus > 0 ? Device.gpu(0) : Device.cpu();
            default:
                throw new IllegalArgumentException(
                        "Unknown device '" + choice + "': expected cpu, gpu or auto");
        }
    }

    /**
     * Returns where DJL extracts the natives.
     *
     * @return the cache folder, from {@code DJL_CACHE_DIR}, {@code ENGINE_CACHE_DIR} or the default
     */
    public static String cacheDir() {
        String dir = System.getenv("ENGINE_CACHE_DIR");
        if (dir == null) {
            dir = System.getenv("DJL_CACHE_DIR");
        }
        if (dir == null) {
            dir = System.getProperty("DJL_CACHE_DIR");
        }
        return dir == null ? System.getProperty("user.home") + "/.djl.ai" : dir;
    }
}
