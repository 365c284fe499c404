/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only memory-mapped column file. A single {@code MappedByteBuffer} is limited to 2 GiB, so
 * the file is mapped in chunks of 1 GiB; element i of width w lives in chunk {@code (i*w) >> 30}
 * (widths divide the chunk size, so no element straddles two chunks).
 *
 * <p>The mapping holds no heap memory; pages are loaded by the OS and released when the column is
 * garbage collected.
 */
public final class MappedColumn {

    private static final int CHUNK_SHIFT = 30;
    private static final long CHUNK_MASK = (1L << CHUNK_SHIFT) - 1;

    private final ColumnType type;
    private final int rows;
    private final ByteBuffer[] chunks;
    private final ByteBuffer first;

    private MappedColumn(ColumnType type, int rows, ByteBuffer[] chunks) {
        this.type = type;
        this.rows = rows;
        this.chunks = chunks;
        this.first = chunks.length == 0 ? ByteBuffer.allocate(0) : chunks[0];
    }

    /**
     * Maps a column file.
     *
     * @param file the file
     * @param type its element type
     * @param rows the number of elements it must hold
     * @return the column
     * @throws IOException when the file cannot be mapped
     */
    static MappedColumn map(Path file, ColumnType type, int rows) throws IOException {
        long bytes = (long) rows * type.width();
        int count = (int) ((bytes + CHUNK_MASK) >>> CHUNK_SHIFT);
        ByteBuffer[] chunks = new ByteBuffer[count];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int c = 0; c < count; c++) {
                long offset = (long) c << CHUNK_SHIFT;
                long size = Math.min(bytes - offset, 1L << CHUNK_SHIFT);
                chunks[c] =
                        channel.map(FileChannel.MapMode.READ_ONLY, offset, size)
                                .order(StoreFormat.BYTE_ORDER);
            }
        }
        return new MappedColumn(type, rows, chunks);
    }

    /**
     * Returns the element type.
     *
     * @return the type
     */
    public ColumnType getType() {
        return type;
    }

    /**
     * Returns the number of elements.
     *
     * @return the rows
     */
    public int rows() {
        return rows;
    }

    /**
     * Reads an int32 element.
     *
     * @param row the row
     * @return the value
     */
    public int getInt(int row) {
        if (chunks.length == 1) {
            return first.getInt(row << 2);
        }
        long offset = (long) row << 2;
        return chunks[(int) (offset >>> CHUNK_SHIFT)].getInt((int) (offset & CHUNK_MASK));
    }

    /**
     * Reads a float32 element.
     *
     * @param row the row
     * @return the value
     */
    public float getFloat(int row) {
        if (chunks.length == 1) {
            return first.getFloat(row << 2);
        }
        long offset = (long) row << 2;
        return chunks[(int) (offset >>> CHUNK_SHIFT)].getFloat((int) (offset & CHUNK_MASK));
    }

    /**
     * Reads a uint8 element.
     *
     * @param row the row
     * @return the value, 0..255
     */
    public int getByte(int row) {
        if (chunks.length == 1) {
            return first.get(row) & 0xFF;
        }
        return chunks[row >>> CHUNK_SHIFT].get(row & (int) CHUNK_MASK) & 0xFF;
    }
}
