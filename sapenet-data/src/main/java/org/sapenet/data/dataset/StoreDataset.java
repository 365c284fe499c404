/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.dataset;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.util.Progress;
import java.util.concurrent.atomic.AtomicInteger;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreSplit;

/**
 * A DJL {@link Dataset} over one split of a prepared store, streamed from the memory-mapped columns
 * in batches.
 *
 * <p>Each batch: data [sparse ids (B, F) int32, dense (B, Fd) float32, scenario (B) int32] and
 * labels [y (B, T) float32, mask (B, T) float32, scenario (B) int32], where B is the batch size, F
 * the sparse fields, Fd the dense fields and T the tasks. The arrays live in a sub-manager of the
 * manager given to {@link #getData(NDManager)}; closing the {@link Batch} frees them.
 *
 * <p>A producer thread fills primitive buffers {@code prefetch} batches ahead. Shuffling is
 * two-level and bounded in memory (see {@link RowOrder}): block permutation plus shuffling within
 * windows of blocks. The order is a pure function of (seed, epoch); the n-th call of {@link
 * #getData(NDManager)} runs epoch {@code firstEpoch + n}, so a training loop that asks for the data
 * once per epoch reshuffles every epoch and repeats exactly for the same seed.
 *
 * <pre>{@code
 * PreparedStore store = PreparedStore.open(Path.of("stores/aliccp"));
 * StoreDataset train = StoreDataset.builder()
 *         .setStore(store, Split.TRAIN)
 *         .setBatchSize(2048)
 *         .optShuffle(true)
 *         .optSeed(2024)
 *         .build();
 * for (Batch batch : train.getData(manager)) {
 *     try (batch) { ... }
 * }
 * }</pre>
 */
public final class StoreDataset implements Dataset {

    private final StoreSplit split;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final int scenario;
    private final boolean dropLast;
    private final int prefetch;
    private final int blockRows;
    private final int windowBlocks;
    private final AtomicInteger nextEpoch;

    private StoreDataset(Builder builder) {
        this.split = builder.split;
        this.batchSize = builder.batchSize;
        this.shuffle = builder.shuffle;
        this.seed = builder.seed;
        this.scenario = builder.scenario;
        this.dropLast = builder.dropLast;
        this.prefetch = builder.prefetch;
        this.blockRows = builder.blockRows;
        this.windowBlocks = builder.windowBlocks;
        this.nextEpoch = new AtomicInteger(builder.firstEpoch);
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the batches of the next epoch (the first call runs {@code firstEpoch}).
     *
     * @param manager the manager whose sub-managers hold each batch
     * @return the batches, iterable once
     */
    @Override
    public Iterable<Batch> getData(NDManager manager) {
        int epoch = nextEpoch.getAndIncrement();
        return () -> iterator(manager, epoch);
    }

    /**
     * Returns the batches of a given epoch; close the iterator to stop early.
     *
     * @param manager the manager whose sub-managers hold each batch
     * @param epoch the epoch, which (with the seed) fixes the shuffled order
     * @return the iterator
     */
    public StoreBatchIterator iterator(NDManager manager, int epoch) {
        RowOrder order = new RowOrder(split.rows(), shuffle, seed, epoch, blockRows, windowBlocks);
        return new StoreBatchIterator(
                manager, split, order, batchSize, scenario, dropLast, prefetch, batchCount());
    }

    /** Nothing to prepare: the store is prepared by {@code sapenet prepare}. */
    @Override
    public void prepare(Progress progress) {}

    /**
     * Returns the rows one epoch visits (those of the filtered scenario, when set).
     *
     * @return the row count
     */
    public long size() {
        return scenario < 0 ? split.rows() : split.rows(scenario);
    }

    /**
     * Returns the batches per epoch.
     *
     * @return the batch count
     */
    public long batchCount() {
        long rows = size();
        return dropLast ? rows / batchSize : (rows + batchSize - 1) / batchSize;
    }

    /**
     * Returns the split read.
     *
     * @return the split
     */
    public StoreSplit getSplit() {
        return split;
    }

    /** Configures a {@link StoreDataset}. */
    public static final class Builder {
        private StoreSplit split;
        private int batchSize;
        private boolean shuffle;
        private long seed;
        private int scenario = -1;
        private boolean dropLast;
        private int prefetch = 4;
        private int blockRows = 4096;
        private int windowBlocks = 64;
        private int firstEpoch;

        Builder() {}

        /**
         * Sets the split to read (required).
         *
         * @param store the opened store
         * @param which which split
         * @return this builder
         */
        public Builder setStore(PreparedStore store, Split which) {
            this.split = store.split(which);
            return this;
        }

        /**
         * Sets the split to read (required; alternative to {@link #setStore}).
         *
         * @param split the split
         * @return this builder
         */
        public Builder setSplit(StoreSplit split) {
            this.split = split;
            return this;
        }

        /**
         * Sets the batch size B (required).
         *
         * @param batchSize at least 1
         * @return this builder
         */
        public Builder setBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Shuffles rows each epoch (default false: file order).
         *
         * @param shuffle whether to shuffle
         * @return this builder
         */
        public Builder optShuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Sets the shuffling seed (default 0).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Keeps only the rows of one scenario (default: all).
         *
         * @param scenario the scenario id 0..S-1
         * @return this builder
         */
        public Builder optScenario(int scenario) {
            this.scenario = scenario;
            return this;
        }

        /**
         * Drops the last batch when it is smaller than B (default false: keep it).
         *
         * @param dropLast whether to drop it
         * @return this builder
         */
        public Builder optDropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /**
         * Sets how many batches the producer prepares ahead (default 4).
         *
         * @param prefetch at least 1
         * @return this builder
         */
        public Builder optPrefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /**
         * Sets the shuffle geometry: rows per block and blocks per window (default 4096 and 64).
         *
         * @param blockRows rows per block, at least 1
         * @param windowBlocks blocks per window, at least 1
         * @return this builder
         */
        public Builder optShuffleWindow(int blockRows, int windowBlocks) {
            this.blockRows = blockRows;
            this.windowBlocks = windowBlocks;
            return this;
        }

        /**
         * Sets the epoch of the first {@code getData} call (default 0; e.g. when resuming).
         *
         * @param firstEpoch the epoch, at least 0
         * @return this builder
         */
        public Builder optFirstEpoch(int firstEpoch) {
            this.firstEpoch = firstEpoch;
            return this;
        }

        /**
         * Builds the dataset.
         *
         * @return the dataset
         * @throws IllegalArgumentException when a setting is missing or out of range
         */
        public StoreDataset build() {
            if (split == null) {
                throw new IllegalArgumentException("setStore: the split to read is required");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException(
                        "setBatchSize: the batch size must be at least 1, got " + batchSize);
            }
            if (scenario >= split.getSchema().scenarioCount() || scenario < -1) {
                throw new IllegalArgumentException(
                        "optScenario: scenario id "
                                + scenario
                                + " outside 0.."
                                + (split.getSchema().scenarioCount() - 1));
            }
            if (prefetch < 1) {
                throw new IllegalArgumentException("optPrefetch: at least 1, got " + prefetch);
            }
            if (blockRows < 1 || windowBlocks < 1 || (long) blockRows * windowBlocks > 1 << 26) {
                throw new IllegalArgumentException(
                        "optShuffleWindow: rows per block and blocks per window must be at least"
                                + " 1, with at most 2^26 rows per window; got "
                                + blockRows
                                + " x "
                                + windowBlocks);
            }
            if (firstEpoch < 0) {
                throw new IllegalArgumentException("optFirstEpoch: at least 0, got " + firstEpoch);
            }
            return new StoreDataset(this);
        }
    }
}
