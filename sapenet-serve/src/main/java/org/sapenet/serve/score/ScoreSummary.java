/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.score;

import java.nio.file.Path;
import java.util.Locale;
import org.sapenet.data.error.SkipReport;

/** What a {@link CsvScorer} run did: rows scored and skipped, time and throughput. */
public final class ScoreSummary {

    private final Path output;
    private final long rows;
    private final SkipReport skips;
    private final double seconds;

    ScoreSummary(Path output, long rows, SkipReport skips, double seconds) {
        this.output = output;
        this.rows = rows;
        this.skips = skips;
        this.seconds = seconds;
    }

    /**
     * Returns the output file ({@code null} when the lines went to a stream).
     *
     * @return the file
     */
    public Path getOutput() {
        return output;
    }

    /**
     * Returns the rows scored (one output line each).
     *
     * @return the rows
     */
    public long getRows() {
        return rows;
    }

    /**
     * Returns the rows skipped under {@code --on-error skip}, by reason.
     *
     * @return the report
     */
    public SkipReport getSkips() {
        return skips;
    }

    /**
     * Returns the wall time of the run, reading to renaming the output.
     *
     * @return seconds
     */
    public double getSeconds() {
        return seconds;
    }

    /**
     * Returns the throughput.
     *
     * @return rows scored per second
     */
    public double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        String text =
                String.format(
                        Locale.ROOT,
                        "scored %d rows in %.2f s (%.0f rows/s) into %s",
                        rows,
                        seconds,
                        rowsPerSecond(),
                        output == null ? "the given stream" : output);
        if (skips.total() > 0) {
            text +=
                    String.format(
                            Locale.ROOT,
                            "; skipped %d bad rows %s (not in the output; the row column keeps"
                                    + " the input's numbering); first of each: %s",
                            skips.total(),
                            skips.counts(),
                            skips.examples().values());
        }
        return text;
    }
}
