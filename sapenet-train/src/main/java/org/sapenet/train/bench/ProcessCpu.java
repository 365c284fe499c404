/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by this process, all threads (PyTorch's native ones included), from {@code
 * /proc/self/stat}. On a machine shared with other jobs, rows per CPU-second is a steadier figure
 * than rows per wall-second.
 */
final class ProcessCpu {

    /** Linux's USER_HZ, fixed at 100 on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessCpu() {}

    /**
     * Returns user + system CPU seconds of this process so far.
     *
     * @return seconds, or NaN where /proc is not available
     */
    static double seconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // Fields after the command name (which may hold spaces) start at the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
