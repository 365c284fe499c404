/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.console;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One epoch's progress on stderr: rows done, rows/s, the running mean loss and the ETA.
 *
 * <p>On a terminal it redraws one line in place (at most 5 times a second); otherwise (a log file,
 * CI) it prints a plain line every {@code intervalSeconds}, so logs stay readable.
 */
public final class ProgressBar {

    /** The system property that silences the progress bar ({@code sapenet --quiet} sets it). */
    public static final String QUIET_PROPERTY = "sapenet.quiet";

    private static final int BAR_WIDTH = 24;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final String label;
    private final long totalRows;
    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long start;
    private long lastPrint;
    private boolean printed;

    /**
     * Creates a progress bar and starts its clock.
     *
     * @param label what runs, e.g. {@code epoch 3/50}
     * @param totalRows the rows the epoch will see (0 when unknown)
     * @param out where to print (stderr)
     * @param terminal whether {@code out} is an interactive terminal
     * @param intervalSeconds seconds between plain lines when not a terminal
     * @param clock the nanosecond clock (System::nanoTime)
     */
    public ProgressBar(
            String label,
            long totalRows,
            PrintStream out,
            boolean terminal,
            double intervalSeconds,
            LongSupplier clock) {
        this.label = label;
        this.totalRows = totalRows;
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.clock = clock;
        this.start = clock.getAsLong();
        this.lastPrint = start;
    }

    /**
     * Creates a progress bar on stderr that detects whether stderr is a terminal and prints plain
     * lines every 10 seconds otherwise; one that prints nothing when the system property {@value
     * #QUIET_PROPERTY} is {@code true} ({@code sapenet --quiet}).
     *
     * @param label what runs
     * @param totalRows the rows the epoch will see
     * @return the progress bar
     */
    public static ProgressBar onStderr(String label, long totalRows) {
        PrintStream err =
                Boolean.getBoolean(QUIET_PROPERTY)
                        ? new PrintStream(OutputStream.nullOutputStream())
                        : System.err;
        return new ProgressBar(
                label, totalRows, err, System.console() != null, 10, System::nanoTime);
    }

    /**
     * Reports progress; prints when it is time to.
     *
     * @param rows rows done so far in the epoch
     * @param meanLoss the running mean training loss
     */
    public void update(long rows, double meanLoss) {
        long now = clock.getAsLong();
        if (now - lastPrint < (terminal ? REDRAW_NANOS : intervalNanos)) {
            return;
        }
        lastPrint = now;
        print(rows, meanLoss, now, false);
    }

    /**
     * Prints the final state of the epoch and ends the line.
     *
     * @param rows rows done in the epoch
     * @param meanLoss the epoch's mean training loss
     */
    public void finish(long rows, double meanLoss) {
        print(rows, meanLoss, clock.getAsLong(), true);
    }

    /**
     * Returns the seconds since the bar was created.
     *
     * @return elapsed seconds
     */
    public double elapsedSeconds() {
        return (clock.getAsLong() - start) / 1e9;
    }

    private void print(long rows, double meanLoss, long now, boolean last) {
        String line = format(rows, meanLoss, (now - start) / 1e9, last);
        if (terminal) {
            out.print("\r" + line + (last ? System.lineSeparator() : ""));
        } else {
            out.println(line);
        }
        out.flush();
        printed = true;
    }

    /**
     * Formats one progress line.
     *
     * @param rows rows done
     * @param meanLoss the running mean loss
     * @param seconds seconds elapsed
     * @param last whether the epoch is over
     * @return the line
     */
    String format(long rows, double meanLoss, double seconds, boolean last) {
        double rate = seconds > 0 ? rows / seconds : 0;
        StringBuilder line = new StringBuilder(label).append(' ');
        if (totalRows > 0) {
            double fraction = Math.min(1.0, (double) rows / totalRows);
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            line.append('[')
                    .append("=".repeat(filled))
                    .append(" ".repeat(BAR_WIDTH - filled))
                    .append(String.format(Locale.ROOT, "] %3.0f%% ", fraction * 100));
        }
        line.append(String.format(Locale.ROOT, "%,d rows, %,.0f rows/s", rows, rate));
        line.append(String.format(Locale.ROOT, ", loss %.5f", meanLoss));
        if (last) {
            line.append(String.format(Locale.ROOT, ", %s", duration(seconds)));
        } else if (totalRows > 0 && rate > 0) {
            line.append(
                    String.format(
                            Locale.ROOT,
                            ", ETA %s",
                            duration(Math.max(0, totalRows - rows) / rate)));
        }
        return line.toString();
    }

    /**
     * Returns whether anything was printed.
     *
     * @return true once a line was printed
     */
    public boolean hasPrinted() {
        return printed;
    }

    /**
     * Formats seconds as {@code 42s}, {@code 3m05s} or {@code 1h02m}.
     *
     * @param seconds the duration
     * @return the text
     */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
