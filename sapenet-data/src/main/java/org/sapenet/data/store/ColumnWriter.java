/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** Appends the values of one column to its file through a small buffer, computing the CRC32C. */
final class ColumnWriter implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final ColumnType type;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final CRC32C crc = new CRC32C();
    private long bytes;
    private boolean closed;

    ColumnWriter(Path file, ColumnType type) throws IOException {
        this.file = file;
        this.type = type;
        this.channel =
                FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(StoreFormat.BYTE_ORDER);
    }

    void putInt(int value) {
        if (buffer.remaining() < 4) {
            flush();
        }
        buffer.putInt(value);
    }

    void putFloat(float value) {
        if (buffer.remaining() < 4) {
            flush();
        }
        buffer.putFloat(value);
    }

    void putByte(byte value) {
        if (!buffer.hasRemaining()) {
            flush();
        }
        buffer.put(value);
    }

    private void flush() {
        buffer.flip();
        crc.update(buffer.duplicate());
        bytes += buffer.remaining();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        buffer.clear();
    }

    ColumnType type() {
        return type;
    }

    long bytes() {
        return bytes;
    }

    /** Returns the CRC32C of everything written; valid after {@link #close()}. */
    long crc32c() {
        return crc.getValue();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
            channel.force(false);
        } finally {
            channel.close();
        }
    }
}
