/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Columns are little-endian and read the same whatever the chunking (the 2 GiB limit path). */
class MappedColumnTest {

    @TempDir Path temp;

    @Test
    void chunkedMappingReadsEveryElement() throws IOException {
        int rows = 1000;
        ByteBuffer ints = ByteBuffer.allocate(rows * 4).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer floats = ByteBuffer.allocate(rows * 4).order(ByteOrder.LITTLE_ENDIAN);
        byte[] bytes = new byte[rows];
        for (int i = 0; i < rows; i++) {
            ints.putInt(i * 7919 - 3);
            floats.putFloat(i / 3f);
            bytes[i] = (byte) (i * 31);
        }
        Path i32 = Files.write(temp.resolve("a.i32"), ints.array());
        Path f32 = Files.write(temp.resolve("a.f32"), floats.array());
        Path u8 = Files.write(temp.resolve("a.u8"), bytes);
        assertEquals(
                0x04030201,
                MappedColumn.map(
                                Files.write(temp.resolve("le.i32"), new byte[] {1, 2, 3, 4}),
                                ColumnType.INT32,
                                1)
                        .getInt(0),
                "little-endian");
        for (int shift : new int[] {2, 4, 7, 30}) {
            MappedColumn a = MappedColumn.map(i32, ColumnType.INT32, rows, shift);
            MappedColumn b = MappedColumn.map(f32, ColumnType.FLOAT32, rows, shift);
            MappedColumn c = MappedColumn.map(u8, ColumnType.UINT8, rows, shift);
            for (int i = 0; i < rows; i++) {
                assertEquals(i * 7919 - 3, a.getInt(i), "shift " + shift);
                assertEquals(i / 3f, b.getFloat(i));
                assertEquals((i * 31) & 0xFF, c.getByte(i));
            }
        }
    }
}
