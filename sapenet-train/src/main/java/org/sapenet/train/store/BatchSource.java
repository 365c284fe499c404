/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.store;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.io.IOException;
import java.util.Iterator;

/**
 * One split of a prepared store, as batches for the training loop and the evaluation.
 *
 * <p>Each batch holds data [sparse (B, F_s) int32, dense (B, F_d) float32, scenario (B) int32] and
 * labels [y (B, T) float32, mask (B, T) float32, scenario (B) int32] in its own sub-manager; the
 * caller closes every batch, and closes the iterator when it is {@link AutoCloseable} (e.g. to stop
 * a prefetching thread), see {@link #close(Iterator)}.
 */
public interface BatchSource {

    /**
     * Returns the number of rows in one pass.
     *
     * @return the rows
     */
    long rows();

    /**
     * Returns one pass over the split.
     *
     * @param manager the manager the batches' sub-managers hang from
     * @param batchSize B (the last batch may be smaller)
     * @param shuffleSeed the seed of this pass's row order, or null for store order
     * @return the batches, iterable once
     * @throws IOException when the split cannot be read
     */
    Iterator<Batch> batches(NDManager manager, int batchSize, Long shuffleSeed) throws IOException;

    /**
     * Closes an iterator returned by {@link #batches} when it holds resources.
     *
     * @param batches the iterator
     */
    static void close(Iterator<Batch> batches) {
        if (batches instanceof AutoCloseable) {
            try {
                ((AutoCloseable) batches).close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot stop the batch producer", e);
            }
        }
    }
}
