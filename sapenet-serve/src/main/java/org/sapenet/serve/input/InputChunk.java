/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.input;

/**
 * A batch read from a file, with each row's number: its line number in the file minus one (the
 * header), so the first data line is row 1 and a row keeps its number when rows before it are
 * skipped.
 */
public final class InputChunk {

    private final long sequence;
    private final ScoringBatch batch;
    private final long[] rows;

    InputChunk(long sequence, ScoringBatch batch, long[] rows) {
        this.sequence = sequence;
        this.batch = batch;
        this.rows = rows;
    }

    /**
     * Returns the chunk's position in the file: 0, 1, 2, ...
     *
     * @return the sequence number
     */
    public long sequence() {
        return sequence;
    }

    /**
     * Returns the encoded rows.
     *
     * @return the batch
     */
    public ScoringBatch batch() {
        return batch;
    }

    /**
     * Returns the row number of batch row i.
     *
     * @param i the batch row
     * @return the file's line number minus one
     */
    public long row(int i) {
        return rows[i];
    }
}
