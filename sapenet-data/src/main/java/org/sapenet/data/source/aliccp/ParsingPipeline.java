/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.aliccp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.sapenet.data.schema.StoreSchema;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreRow;
import org.sapenet.data.store.StoreWriter;

/**
 * Parses on one thread and writes columns on another: the parsing thread fills blocks of {@value
 * #BLOCK_ROWS} rows, the calling thread appends them to the {@link StoreWriter}. Memory is bounded
 * by {@value #BLOCKS} recycled blocks. Any error of the parsing thread is rethrown on the calling
 * thread as it was thrown (a {@link org.sapenet.data.error.DataException} keeps its file, line and
 * column).
 */
final class ParsingPipeline {

    static final int BLOCK_ROWS = 4096;
    static final int BLOCKS = 4;
    private static final long POLL_MS = 100;

    /** Parses every input into the sink; runs on the parsing thread. */
    interface Parser {
        /**
         * Parses.
         *
         * @param sink where rows go, with their split
         * @throws IOException when reading fails
         */
        void parse(BlockSink sink) throws IOException;
    }

    /** A block of parsed rows and their splits. */
    private static final class Block {
        final StoreRow[] rows;
        final Split[] splits = new Split[BLOCK_ROWS];
        int size;

        Block(StoreSchema schema) {
            rows = new StoreRow[schema == null ? 0 : BLOCK_ROWS];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = new StoreRow(schema);
            }
        }
    }

    private static final Block END = new Block(null);

    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<Block> full = new ArrayBlockingQueue<>(BLOCKS + 1);
    private volatile boolean cancelled;
    private volatile Throwable failure;

    /** The parsing side: hands out row buffers and collects rows with their split. */
    final class BlockSink {
        private Block block;

        /**
         * Returns the buffer the next row is parsed into.
         *
         * @return the row buffer
         */
        StoreRow row() {
            if (block == null) {
                block = take();
            }
            return block.rows[block.size];
        }

        /**
         * Keeps the row last returned by {@link #row()}.
         *
         * @param split its split
         */
        void accept(Split split) {
            block.splits[block.size++] = split;
            if (block.size == BLOCK_ROWS) {
                put(block);
                block = null;
            }
        }

        void finish() {
            if (block != null && block.size > 0) {
                put(block);
            }
            block = null;
        }
    }

    private ParsingPipeline(StoreSchema schema) {
        for (int i = 0; i < BLOCKS; i++) {
            free.add(new Block(schema));
        }
    }

    /**
     * Runs the parser on a new thread and appends its rows to the writer on this one.
     *
     * @param writer the store writer
     * @param parser the parser
     * @throws IOException when reading fails
     */
    static void run(StoreWriter writer, Parser parser) throws IOException {
        ParsingPipeline pipeline = new ParsingPipeline(writer.getSchema());
        Thread thread =
                new Thread(
                        () -> {
                            BlockSink sink = pipeline.new BlockSink();
                            try {
                                parser.parse(sink);
                                sink.finish();
                            } catch (CancellationException e) {
                                return;
                            } catch (IOException e) {
                                pipeline.failure = new UncheckedIOException(e);
                            } catch (RuntimeException | Error e) {
                                pipeline.failure = e;
                            }
                            pipeline.putEnd();
                        },
                        "sapenet-prepare-parser");
        thread.setDaemon(true);
        thread.start();
        try {
            while (true) {
                Block block = pipeline.full.take();
                if (block == END) {
                    break;
                }
                for (int i = 0; i < block.size; i++) {
                    writer.append(block.splits[i], block.rows[i]);
                }
                block.size = 0;
                pipeline.free.add(block);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while preparing", e);
        } finally {
            pipeline.cancelled = true;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable failure = pipeline.failure;
        if (failure instanceof UncheckedIOException) {
            throw ((UncheckedIOException) failure).getCause();
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
    }

    private Block take() {
        try {
            while (true) {
                Block block = free.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (block != null) {
                    return block;
                }
                if (cancelled) {
                    throw new CancellationException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException();
        }
    }

    private void put(Block block) {
        try {
            while (!full.offer(block, POLL_MS, TimeUnit.MILLISECONDS)) {
                if (cancelled) {
                    throw new CancellationException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException();
        }
    }

    private void putEnd() {
        try {
            put(END);
        } catch (CancellationException e) {
            // the writing side has already stopped
        }
    }
}
