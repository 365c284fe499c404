/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    /** The system property DJL's PyTorch engine reads its intra-op thread count from. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

    /**
     * The system property with the intra-op thread count {@link #useScoringThreads()} sets when the
     * application chose none: default 1; 0 keeps PyTorch's default (the {@code sapenet} command
     * line sets 0 and chooses itself).
     */
    public static final String SCORING_THREADS_PROPERTY = "sapenet.scoring.threads";

    private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

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
                    "Cannot load the PyTorch engine offline. The class path needs a PyTorch"
                            + " native, ai.djl.pytorch:pytorch-native-cpu with your platform's"
                            + " classifier (linux-x86_64, linux-aarch64, osx-aarch64, win-x86_64)"
                            + " or pytorch-native-cu118, and the matching ai.djl.pytorch:pytorch-jni"
                            + " jar: an application that uses SAPENet declares both at runtime"
                            + " scope (versions from org.sapenet:sapenet-bom; see the README, 'Use"
                            + " SAPENet in your project'); in this project rebuild with `mvn"
                            + " install` or run through ./sapenet. Natives are extracted to"
                            + " $DJL_CACHE_DIR (now: "
                            + cacheDir()
                            + "). Cause: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Gives PyTorch a thread count fit for batch scoring, unless the application chose one: when
     * {@value #THREADS_PROPERTY} is not set, sets it (and PyTorch's intra-op threads, if the engine
     * already runs) to {@value #SCORING_THREADS_PROPERTY} (default 1).
     *
     * <p>PyTorch's default, one thread per core for every forward pass, makes a scoring predictor
     * spend most of its CPU time waiting on its own threads: 1000 SAPENet rows cost about 3 times
     * the CPU of one thread on 2 cores, and more on more cores, and were no faster. One thread per
     * predictor, and one predictor per core for throughput, is the fast setting. Checkpoint loading
     * calls this ({@code Checkpoint.load} and DJL's {@code Criteria} through the checkpoint's block
     * factory). PyTorch applies the count to threads that have not run an op yet, and to the
     * calling thread.
     */
    public static void useScoringThreads() {
        if (System.getProperty(THREADS_PROPERTY) != null) {
            return;
        }
        int threads = Integer.getInteger(SCORING_THREADS_PROPERTY, 1);
        if (threads <= 0) {
            return;
        }
        synchronized (Engines.class) {
            if (System.getProperty(THREADS_PROPERTY) != null) {
                return;
            }
            pytorch();
            System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
            JniUtils.setNumThreads(threads);
        }
        LOG.debug(
                "PyTorch intra-op threads set to {} for scoring (set {} to choose)",
                threads,
                THREADS_PROPERTY);
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
        // Only "gpu" asks DJL for the GPU count: where no CUDA runtime is found, each query logs a
        // warning. "auto" takes the engine's default device, which DJL computes once.
        switch (choice) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                if (pytorch().getGpuCount() == 0) {
                    throw new IllegalArgumentException(
                            "--device gpu was asked for, but DJL finds no GPU (is the cu118 build"
                                    + " in use and the NVIDIA driver visible?)");
                }
                return Device.gpu(0);
            case "auto":
                return pytorch().defaultDevice();
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
