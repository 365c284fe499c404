/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.dataset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.sapenet.data.error.DataException;
import org.sapenet.data.store.StoreSplit;

/**
 * Iterates one epoch of a {@link StoreDataset}: a producer thread fills primitive buffers ahead;
 * {@link #next()} turns one into a {@link Batch} whose NDArrays live in a sub-manager of the given
 * manager, freed when the batch is closed.
 *
 * <p>Batch data: [sparse ids (B, F) int32, dense (B, Fd) float32, scenario (B) int32]; labels: [y
 * (B, T) float32, mask (B, T) float32, scenario (B) int32]. Close the iterator to stop the producer
 * early (an abandoned iterator also stops it once garbage collected).
 */
public final class StoreBatchIterator implements Iterator<Batch>, AutoCloseable {

    /** State shared with the producer (never a reference back to the iterator). */
    static final class State {
        volatile boolean cancelled;
        volatile Throwable failure;
    }

    private final NDManager manager;
    private final int sparseFields;
    private final int denseFields;
    private final int tasks;
    private final long progressTotal;
    private final BlockingQueue<BatchBuffers> free;
    private final BlockingQueue<BatchBuffers> full;
    private final State state = new State();
    private BatchBuffers pending;
    private boolean finished;

    StoreBatchIterator(
            NDManager manager,
            StoreSplit split,
            RowOrder order,
            int batchSize,
            int scenarioFilter,
            boolean dropLast,
            boolean sortRows,
            int prefetch,
            long progressTotal) {
        this.manager = manager;
        this.sparseFields = split.getSchema().sparseCount();
        this.denseFields = split.getSchema().denseCount();
        this.tasks = split.getSchema().taskCount();
        this.progressTotal = progressTotal;
        free = new ArrayBlockingQueue<>(prefetch + 1);
        full = new ArrayBlockingQueue<>(prefetch + 1);
        for (int i = 0; i <= prefetch; i++) {
            free.add(new BatchBuffers(batchSize, sparseFields, denseFields, tasks));
        }
        BatchProducer producer =
                new BatchProducer(
                        split,
                        order,
                        batchSize,
                        scenarioFilter,
                        dropLast,
                        sortRows,
                        free,
                        full,
                        state,
                        this);
        Thread thread = new Thread(producer, "sapenet-batches-" + split.getSplit().key());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean hasNext() {
        if (finished) {
            return false;
        }
        if (pending == null) {
            try {
                pending = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            }
        }
        if (pending == BatchProducer.END) {
            finished = true;
            pending = null;
            Throwable failure = state.failure;
            if (failure != null) {
                if (failure instanceof DataException) {
                    throw (DataException) failure;
                }
                throw new IllegalStateException(
                        "the batch producer failed: " + failure.getMessage(), failure);
            }
            return false;
        }
        return true;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the epoch is over");
        }
        BatchBuffers b = pending;
        pending = null;
        int size = b.size;
        NDManager sub = manager.newSubManager();
        try {
            NDArray sparse =
                    sub.create(exact(b.sparse, size * sparseFields), new Shape(size, sparseFields));
            NDArray dense =
                    sub.create(exact(b.dense, size * denseFields), new Shape(size, denseFields));
            NDArray scenario = sub.create(exact(b.scenario, size), new Shape(size));
            NDArray y = sub.create(exact(b.labels, size * tasks), new Shape(size, tasks));
            NDArray mask = sub.create(exact(b.masks, size * tasks), new Shape(size, tasks));
            NDArray scenarioLabel = sub.create(exact(b.scenario, size), new Shape(size));
            long index = b.index;
            free.add(b);
            return new Batch(
                    sub,
                    // The model input, in the order of org.sapenet.model.ModelInputs (a module
                    // this one does not depend on): sparse (B, F_s), dense (B, F_d), scenario (B).
                    new NDList(sparse, dense, scenario),
                    new NDList(y, mask, scenarioLabel),
                    size,
                    Batchifier.STACK,
                    Batchifier.STACK,
                    index,
                    progressTotal);
        } catch (RuntimeException e) {
            sub.close();
            throw e;
        }
    }

    private static int[] exact(int[] values, int length) {
        return values.length == length ? values : Arrays.copyOf(values, length);
    }

    private static float[] exact(float[] values, int length) {
        return values.length == length ? values : Arrays.copyOf(values, length);
    }

    /** Stops the producer; batches already handed out stay valid until closed. */
    @Override
    public void close() {
        state.cancelled = true;
        finished = true;
        pending = null;
    }
}
