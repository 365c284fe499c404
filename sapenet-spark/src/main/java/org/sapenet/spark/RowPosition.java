/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

/**
 * Tracks where the rows of one partition come from, row by row: the file and split of each row when
 * the input was read with {@link SapenetSpark#readCsv} or {@link SapenetSpark#readParquet}, and
 * always the partition and the row's position in it.
 */
final class RowPosition {

    String file;
    long blockStart = -1;
    long record = -1;
    boolean csv;
    final int partition;
    long rowInPartition = -1;

    RowPosition(int partition) {
        this.partition = partition;
    }

    /**
     * Moves to the next row of a CSV split: its record number counts from 0 within (file, split).
     *
     * @param rowFile the row's file
     * @param rowBlockStart the split's first byte
     */
    void nextCsv(String rowFile, long rowBlockStart) {
        rowInPartition++;
        csv = true;
        if (rowBlockStart == blockStart && rowFile.equals(file)) {
            record++;
        } else {
            file = rowFile;
            blockStart = rowBlockStart;
            record = 0;
        }
    }

    /**
     * Moves to the next row of a Parquet file.
     *
     * @param rowFile the row's file
     * @param rowIndex its index in the file
     */
    void nextParquet(String rowFile, long rowIndex) {
        rowInPartition++;
        file = rowFile;
        record = rowIndex;
    }

    /** Moves to the next row of a partition of unknown origin. */
    void next() {
        rowInPartition++;
    }
}
