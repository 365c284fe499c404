/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowSpillTest {

    private static void fill(int[] record, int row) {
        for (int k = 0; k < record.length; k++) {
            record[k] = row * 131 + k - 7;
        }
        record[1] = Float.floatToRawIntBits(Float.NaN);
        record[2] = Float.floatToRawIntBits(row / 3f);
        record[3] = (int) ((row * 0x1_0000_0001L) >>> 32);
    }

    /** Records read back as written, in order, across buffer refills they straddle. */
    @Test
    void readsBackWhatItWrote(@TempDir Path temp) throws IOException {
        int width = 34; // 136 bytes: records straddle the 1 MiB buffer's refills
        int rows = 20_000; // 2.6 MiB
        int[] record = new int[width];
        int[] expected = new int[width];
        try (RowSpill spill = new RowSpill(temp, width)) {
            for (int r = 0; r < rows; r++) {
                fill(record, r);
                spill.write(record);
            }
            assertEquals(rows, spill.rows());
            spill.rewind();
            for (int r = 0; r < rows; r++) {
                assertTrue(spill.read(record), "row " + r);
                fill(expected, r);
                assertArrayEquals(expected, record, "row " + r);
                assertTrue(Float.isNaN(Float.intBitsToFloat(record[1])));
            }
            assertFalse(spill.read(record));
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(0, left.count(), "the file is deleted on close");
        }
    }

    @Test
    void emptySpillReadsNothing(@TempDir Path temp) throws IOException {
        try (RowSpill spill = new RowSpill(temp, 3)) {
            spill.rewind();
            assertFalse(spill.read(new int[3]));
            assertEquals(0, spill.rows());
        }
    }
}
