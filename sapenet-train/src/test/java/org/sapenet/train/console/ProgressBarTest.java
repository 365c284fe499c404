/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private long now;

    @Test
    void formatsRateLossAndEta() {
        ProgressBar bar = new ProgressBar("epoch 1/5", 1000, System.err, false, 10, () -> now);
        String line = bar.format(250, 0.5, 5.0, false);
        assertTrue(line.startsWith("epoch 1/5 ["), line);
        assertTrue(line.contains(" 25% "), line);
        assertTrue(line.contains("250 rows, 50 rows/s"), line);
        assertTrue(line.contains("loss 0.50000"), line);
        assertTrue(line.endsWith("ETA 15s"), line);
        assertTrue(bar.format(1000, 0.5, 20.0, true).endsWith(", 20s"));
    }

    @Test
    void printsPlainLinesOnlyEveryIntervalWhenNotATerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar("e", 100, out, false, 10, () -> now);
        now = 5_000_000_000L;
        bar.update(10, 1);
        assertFalse(bar.hasPrinted());
        now = 11_000_000_000L;
        bar.update(20, 1);
        now = 12_000_000_000L;
        bar.update(30, 1);
        bar.finish(100, 1);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertFalse(lines[0].contains("\r"));
    }

    @Test
    void formatsDurations() {
        assertEquals("42s", ProgressBar.duration(42));
        assertEquals("3m05s", ProgressBar.duration(185));
        assertEquals("1h02m", ProgressBar.duration(3720));
    }
}
