/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.dataset;

import java.util.SplittableRandom;

/**
 * The order in which one epoch visits the rows of a split, in bounded memory.
 *
 * <p>Sequential, or shuffled in two levels: the rows are cut into blocks of {@code blockRows}
 * consecutive rows; the block order is a seeded permutation (one int per block: 21 k ints for 85 M
 * rows in blocks of 4096); windows of {@code windowBlocks} consecutive blocks of that permutation
 * are gathered and their rows shuffled (one int per row of a window: 1 MiB for 64 x 4096). Each
 * batch therefore mixes rows from up to 64 random places in the split, reads stay block-local in
 * the mapped files, and memory does not grow with the split. The order is a pure function of (seed,
 * epoch).
 */
final class RowOrder {

    private final int rows;
    private final boolean shuffle;
    private final int blockRows;
    private final int windowBlocks;
    private final int[] blocks;
    private final SplittableRandom random;
    private int[] window = new int[0];
    private int windowSize;
    private int windowPosition;
    private int nextBlock;
    private int nextRow;

    RowOrder(int rows, boolean shuffle, long seed, int epoch, int blockRows, int windowBlocks) {
        this.rows = rows;
        this.shuffle = shuffle;
        this.blockRows = blockRows;
        this.windowBlocks = windowBlocks;
        if (shuffle) {
            random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
            int count = (int) ((rows + (long) blockRows - 1) / blockRows);
            blocks = new int[count];
            for (int b = 0; b < count; b++) {
                blocks[b] = b;
            }
            shuffle(blocks, count);
            window = new int[(int) Math.min((long) blockRows * windowBlocks, rows)];
        } else {
            random = null;
            blocks = null;
        }
    }

    /** Returns the next row index, or -1 at the end of the epoch. */
    int next() {
        if (!shuffle) {
            return nextRow < rows ? nextRow++ : -1;
        }
        if (windowPosition == windowSize && !refill()) {
            return -1;
        }
        return window[windowPosition++];
    }

    private boolean refill() {
        if (nextBlock == blocks.length) {
            return false;
        }
        int size = 0;
        int end = Math.min(blocks.length, nextBlock + windowBlocks);
        for (; nextBlock < end; nextBlock++) {
            int start = blocks[nextBlock] * blockRows;
            int stop = Math.min(rows, start + blockRows);
            for (int r = start; r < stop; r++) {
                window[size++] = r;
            }
        }
        shuffle(window, size);
        windowSize = size;
        windowPosition = 0;
        return true;
    }

    private void shuffle(int[] values, int size) {
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}
