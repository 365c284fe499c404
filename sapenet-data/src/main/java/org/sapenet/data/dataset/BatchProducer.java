/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.dataset;

import java.lang.ref.WeakReference;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sapenet.data.store.MappedColumn;
import org.sapenet.data.store.StoreSplit;

/**
 * The producer thread: walks the epoch's {@link RowOrder}, keeps the rows of the wanted scenario
 * and copies their values from the mapped columns into recycled {@link BatchBuffers}.
 *
 * <p>It stops at the end of the epoch, when the consumer closes its iterator, or when the iterator
 * is garbage collected (an abandoned loop never leaves a thread blocked forever).
 */
final class BatchProducer implements Runnable {

    /** Marks the end of the epoch in the full queue. */
    static final BatchBuffers END = new BatchBuffers(0, 0, 0, 0);

    private static final long POLL_MS = 100;

    private final StoreSplit split;
    private final RowOrder order;
    private final int batchSize;
    private final int scenarioFilter;
    private final boolean dropLast;
    private final BlockingQueue<BatchBuffers> free;
    private final BlockingQueue<BatchBuffers> full;
    private final StoreBatchIterator.State state;
    private final WeakReference<Object> owner;

    BatchProducer(
            StoreSplit split,
            RowOrder order,
            int batchSize,
            int scenarioFilter,
            boolean dropLast,
            BlockingQueue<BatchBuffers> free,
            BlockingQueue<BatchBuffers> full,
            StoreBatchIterator.State state,
            Object owner) {
        this.split = split;
        this.order = order;
        this.batchSize = batchSize;
        this.scenarioFilter = scenarioFilter;
        this.dropLast = dropLast;
        this.free = free;
        this.full = full;
        this.state = state;
        this.owner = new WeakReference<>(owner);
    }

    @Override
    public void run() {
        try {
            long index = 0;
            MappedColumn scenario = split.scenario();
            while (true) {
                BatchBuffers buffers = take();
                if (buffers == null) {
                    return;
                }
                int size = 0;
                int row;
                while (size < batchSize && (row = order.next()) >= 0) {
                    if (scenarioFilter < 0 || scenario.getInt(row) == scenarioFilter) {
                        buffers.rows[size++] = row;
                    }
                }
                if (size == 0 || (size < batchSize && dropLast)) {
                    put(END);
                    return;
                }
                fill(buffers, size);
                buffers.size = size;
                buffers.index = index++;
                if (!put(buffers)) {
                    return;
                }
                if (size < batchSize) {
                    put(END);
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            state.failure = e;
            put(END);
        }
    }

    private void fill(BatchBuffers b, int size) {
        int[] rows = b.rows;
        int fields = split.getSchema().sparseCount();
        for (int f = 0; f < fields; f++) {
            MappedColumn column = split.sparse(f);
            for (int i = 0, at = f; i < size; i++, at += fields) {
                b.sparse[at] = column.getInt(rows[i]);
            }
        }
        int denseFields = split.getSchema().denseCount();
        for (int f = 0; f < denseFields; f++) {
            MappedColumn column = split.dense(f);
            for (int i = 0, at = f; i < size; i++, at += denseFields) {
                b.dense[at] = column.getFloat(rows[i]);
            }
        }
        MappedColumn scenario = split.scenario();
        for (int i = 0; i < size; i++) {
            b.scenario[i] = scenario.getInt(rows[i]);
        }
        int tasks = split.getSchema().taskCount();
        for (int t = 0; t < tasks; t++) {
            MappedColumn label = split.label(t);
            MappedColumn mask = split.mask(t);
            for (int i = 0, at = t; i < size; i++, at += tasks) {
                b.labels[at] = label.getByte(rows[i]);
                b.masks[at] = mask.getByte(rows[i]);
            }
        }
    }

    private boolean stopped() {
        return state.cancelled || owner.get() == null;
    }

    private BatchBuffers take() {
        try {
            while (true) {
                BatchBuffers b = free.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
                if (stopped()) {
                    return null;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private boolean put(BatchBuffers b) {
        try {
            while (!full.offer(b, POLL_MS, TimeUnit.MILLISECONDS)) {
                if (stopped()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
