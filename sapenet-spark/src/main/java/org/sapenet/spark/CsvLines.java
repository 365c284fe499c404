/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the line number of a record Spark's CSV reader produced, which Spark does not tell: reads
 * the file up to the record and replays how the reader splits it (Hadoop's line reader skips the
 * partial first line of a split that does not start at byte 0; blank lines are dropped; the header
 * is the first non-blank line of the split at byte 0). Run only for a reported error.
 */
final class CsvLines {

    private CsvLines() {}

    /**
     * Returns the line of a record.
     *
     * @param file the file's URI as Spark gives it
     * @param blockStart the first byte of the record's split
     * @param record the record's position among the split's records, from 0
     * @return the 1-based line number, or -1 when the file cannot be read or is shorter
     */
    static long lineOf(String file, long blockStart, long record) {
        try {
            Path path = new Path(new URI(file));
            FileSystem fs = path.getFileSystem(new Configuration());
            try (InputStream in = new BufferedInputStream(fs.open(path), 1 << 16)) {
                return lineOf(in, blockStart, record);
            }
        } catch (IOException | RuntimeException | java.net.URISyntaxException e) {
            return -1;
        }
    }

    static long lineOf(InputStream in, long blockStart, long record) throws IOException {
        long line = 1;
        long pos = 0;
        int b;
        // Bytes before the split, and the partial line a split past byte 0 skips.
        if (blockStart > 0) {
            while (pos < blockStart && (b = in.read()) >= 0) {
                pos++;
                if (b == '\n') {
                    line++;
                }
            }
            while ((b = in.read()) >= 0 && b != '\n') {
                pos++;
            }
            if (b < 0) {
                return -1;
            }
            line++;
        }
        boolean header = blockStart == 0;
        long seen = 0;
        while (true) {
            boolean blank = true;
            boolean any = false;
            while ((b = in.read()) >= 0 && b != '\n') {
                any = true;
                if (b > ' ') {
                    blank = false;
                }
            }
            if (b < 0 && !any) {
                return -1;
            }
            if (!blank) {
                if (header) {
                    header = false;
                } else if (seen++ == record) {
                    return line;
                }
            }
            if (b < 0) {
                return -1;
            }
            line++;
        }
    }
}
