/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.store;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.util.Iterator;
import org.sapenet.data.dataset.StoreDataset;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;

/**
 * One split of a prepared store as a {@link BatchSource}, through the data module's {@link
 * StoreDataset} (memory-mapped columns, a prefetching producer thread, bounded two-level shuffle).
 */
public final class StoreBatchSource implements BatchSource {

    private final PreparedStore store;
    private final Split split;

    /**
     * Creates the source.
     *
     * @param store the prepared store
     * @param split the split
     */
    public StoreBatchSource(PreparedStore store, Split split) {
        this.store = store;
        this.split = split;
    }

    @Override
    public long rows() {
        return store.split(split).rows();
    }

    @Override
    public Iterator<Batch> batches(NDManager manager, int batchSize, Long shuffleSeed) {
        StoreDataset dataset =
                StoreDataset.builder()
                        .setStore(store, split)
                        .setBatchSize(batchSize)
                        .optShuffle(shuffleSeed != null)
                        .optSeed(shuffleSeed == null ? 0 : shuffleSeed)
                        .build();
        return dataset.iterator(manager, 0);
    }
}
