/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Measures one benchmark phase: wall time, the CPU time of the whole process (all threads, the
 * steadier figure on a shared machine) and the peak heap, printed as one line.
 */
final class PhaseMeter {

    private final long wallStart;
    private final long cpuStart;

    private PhaseMeter(long wallStart, long cpuStart) {
        this.wallStart = wallStart;
        this.cpuStart = cpuStart;
    }

    /**
     * Collects garbage, resets the heap pools' peaks and starts the clocks.
     *
     * @return the running meter
     */
    static PhaseMeter start() {
        System.gc();
        long cpu = processCpuNanos();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        return new PhaseMeter(System.nanoTime(), cpu);
    }

    /**
     * Prints the phase's figures since {@link #start()}.
     *
     * @param phase the phase's name
     * @param rows the rows it handled
     */
    void report(String phase, long rows) {
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%-30s %10d rows %7.2f s wall %7.2f s cpu %10.0f rows/s   peak heap %5d MiB%n",
                phase,
                rows,
                seconds,
                cpu,
                rows / seconds,
                peakHeap() >> 20);
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os =
                ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        }
        return 0;
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
