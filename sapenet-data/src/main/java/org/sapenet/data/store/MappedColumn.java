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

    /** log2 of the chunk size in bytes: 1 GiB chunks. */
    static final int CHUNK_SHIFT = 30;

    private final ColumnType type;
    private final int rows;
    private final ByteBuffer[] chunks;
    private final ByteBuffer first;
    private final int shift;
    private final long mask;

    private MappedColumn(ColumnType type, int rows, ByteBuffer[] chunks, int shift) {
        this.type = type;
        this.rows = rows;
        this.chunks = chunks;
        this.first = chunks.length == 0 ? ByteBuffer.allocate(0) : chunks[0];
        this.shift = shift;
        this.mask = (1L << shift) - 1;
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
        return map(file, type, rows, CHUNK_SHIFT);
    }

    /**
     * Maps a column file in chunks of 2^shift bytes (tests use small chunks).
     *
     * @param file the file
     * @param type its element type
     * @param rows the number of elements it must hold
     * @param shift log2 of the chunk size, at least 2 and at most 30
     * @return the column
     * @throws IOException when the file cannot be mapped
     */
    static MappedColumn map(Path file, ColumnType type, int rows, int shift) throws IOException {
        if (shift < 2 || shift > 30) {
            throw new IllegalArgumentException("chunk shift " + shift + " outside 2..30");
        }
        long bytes = (long) rows * type.width();
        long mask = (1L << shift) - 1;
        int count = (int) ((bytes + mask) >>> shift);
        ByteBuffer[] chunks = new ByteBuffer[count];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int c = 0; c < count; c++) {
                long offset = (long) c << shift;
                long size = Math.min(bytes - offset, 1L << shift);
                chunks[c] =
                        channel.map(FileChannel.MapMode.READ_ONLY, offset, size)
                                .order(StoreFormat.BYTE_ORDER);
            }
        }
        return new MappedColumn(type, rows, chunks, shift);
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
        return chunks[(int) (offset >>> shift)].getInt((int) (offset & mask));
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
        return chunks[(int) (offset >>> shift)].getFloat((int) (offset & mask));
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
        return chunks[row >>> shift].get((int) (row & mask)) & 0xFF;
    }
}
