/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A temporary file of fixed-width {@code int} records: written once in order, then read back in the
 * same order, so that a second pass over parsed rows needs no second parse (the KuaiSAR and raw
 * AliCCP preparers). Memory: one direct buffer of {@value #BUFFER_BYTES} bytes. Disk: 4 bytes per
 * value in a file {@code .sapenet-rows-*.tmp} of the given folder, opened with {@link
 * StandardOpenOption#DELETE_ON_CLOSE}: gone after {@link #close()} (on Unix the JDK unlinks it as
 * soon as it is open, so even a killed process leaves none behind). Not thread-safe.
 */
public final class RowSpill implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 20;

    private final int width;
    private final FileChannel channel;
    private final ByteBuffer buffer =
            ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long rows;

    /**
     * Creates the file.
     *
     * @param folder where the file goes
     * @param width the values per record
     * @throws IOException when it cannot be created
     */
    public RowSpill(Path folder, int width) throws IOException {
        this.width = width;
        Path file = Files.createTempFile(folder, ".sapenet-rows-", ".tmp");
        channel =
                FileChannel.open(
                        file,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.DELETE_ON_CLOSE);
    }

    /**
     * Creates the file in the folder that holds a store being written, beside it (the preparers'
     * choice: the same disk as the output, which the user chose).
     *
     * @param output the store's folder
     * @param width the values per record
     * @return the spill
     * @throws IOException when it cannot be created
     */
    public static RowSpill nextTo(Path output, int width) throws IOException {
        return new RowSpill(output.toAbsolutePath().normalize().getParent(), width);
    }

    /**
     * Appends a record.
     *
     * @param record its first {@code width} values are written
     * @throws IOException when writing fails
     */
    public void write(int[] record) throws IOException {
        if (buffer.remaining() < 4 * width) {
            drain();
        }
        for (int k = 0; k < width; k++) {
            buffer.putInt(record[k]);
        }
        rows++;
    }

    /**
     * Ends writing and starts reading from the first record.
     *
     * @throws IOException when writing fails
     */
    public void rewind() throws IOException {
        drain();
        channel.position(0);
        buffer.flip();
    }

    /**
     * Reads the next record.
     *
     * @param record receives {@code width} values
     * @return false after the last record
     * @throws IOException when reading fails
     */
    public boolean read(int[] record) throws IOException {
        if (buffer.remaining() < 4 * width) {
            buffer.compact();
            while (buffer.position() < 4 * width && channel.read(buffer) > 0) {
                // fill
            }
            buffer.flip();
            if (buffer.remaining() < 4 * width) {
                return false;
            }
        }
        for (int k = 0; k < width; k++) {
            record[k] = buffer.getInt();
        }
        return true;
    }

    /**
     * Returns the records written.
     *
     * @return the count
     */
    public long rows() {
        return rows;
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
