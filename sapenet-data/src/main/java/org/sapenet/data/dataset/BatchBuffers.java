/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.dataset;

/**
 * The primitive arrays of one batch, filled by the producer thread and turned into NDArrays on the
 * consumer's thread: sparse ids (B x F), dense values (B x Fd), scenario (B), labels and masks (B x
 * T), all row-major.
 */
final class BatchBuffers {

    final int[] rows;
    final int[] sparse;
    final float[] dense;
    final int[] scenario;
    final float[] labels;
    final float[] masks;
    int size;
    long index;

    BatchBuffers(int batchSize, int sparseFields, int denseFields, int tasks) {
        rows = new int[batchSize];
        sparse = new int[batchSize * sparseFields];
        dense = new float[batchSize * denseFields];
        scenario = new int[batchSize];
        labels = new float[batchSize * tasks];
        masks = new float[batchSize * tasks];
    }
}
