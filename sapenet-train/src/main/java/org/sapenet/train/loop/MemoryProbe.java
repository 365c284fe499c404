/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.sapenet.model.runtime.Engines;

/**
 * Measures native memory held by a training run, to catch NDArray leaks.
 *
 * <p>Two measures. The exact one counts the NDArrays a manager tree still holds and sums their
 * sizes: a leak in the training step (an op whose result lands in the model's manager, a batch not
 * closed) makes both grow with every step, so equal counts after epoch 1 and after epoch 5 prove
 * the loop frees everything it creates. It is deterministic and independent of the allocator. The
 * coarse one is the process resident set size ({@code /proc/self/statm}), which also sees leaks
 * outside DJL's bookkeeping but moves with the JVM heap and the allocator's caches.
 */
public final class MemoryProbe {

    private static final long PAGE_SIZE = 4096;

    private MemoryProbe() {}

    /** One measurement. */
    public static final class Reading {
        private final int arrays;
        private final long arrayBytes;
        private final long residentBytes;

        Reading(int arrays, long arrayBytes, long residentBytes) {
            this.arrays = arrays;
            this.arrayBytes = arrayBytes;
            this.residentBytes = residentBytes;
        }

        /**
         * Returns the number of open NDArrays in the manager tree.
         *
         * @return the count
         */
        public int arrays() {
            return arrays;
        }

        /**
         * Returns the total size of those arrays.
         *
         * @return bytes
         */
        public long arrayBytes() {
            return arrayBytes;
        }

        /**
         * Returns the process resident set size.
         *
         * @return bytes, or -1 where /proc is not available
         */
        public long residentBytes() {
            return residentBytes;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%d arrays, %.1f MiB in arrays, RSS %.1f MiB",
                    arrays,
                    arrayBytes / 1048576.0,
                    residentBytes / 1048576.0);
        }
    }

    /**
     * Measures the arrays held by a manager and its sub-managers, and the process RSS.
     *
     * @param manager the manager (e.g. the model's)
     * @return the reading
     */
    public static Reading measure(NDManager manager) {
        List<NDArray> arrays = manager.getManagedArrays();
        long bytes = 0;
        int open = 0;
        for (NDArray array : arrays) {
            if (array.isReleased()) {
                continue;
            }
            open++;
            bytes += array.size() * array.getDataType().getNumOfBytes();
        }
        return new Reading(open, bytes, residentBytes());
    }

    /**
     * Measures every array open in the engine (all managers) and the process RSS.
     *
     * @return the reading
     */
    public static Reading measureAll() {
        try (NDManager probe = Engines.pytorch().newBaseManager()) {
            return measure(probe.getParentManager());
        }
    }

    /**
     * Returns the process resident set size from {@code /proc/self/statm}.
     *
     * @return bytes, or -1 where /proc is not available
     */
    public static long residentBytes() {
        try {
            String[] fields =
                    Files.readString(Path.of("/proc/self/statm"), StandardCharsets.US_ASCII)
                            .trim()
                            .split("\\s+");
            return Long.parseLong(fields[1]) * PAGE_SIZE;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
