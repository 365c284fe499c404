/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.DataException;

/** What the cursor does with inputs that are not plain CSV text files. */
class CsvCursorInputTest {

    private static final String CSV = "a,b\n1,2\n3,4\n";

    private static List<List<String>> readAll(Path file) throws IOException {
        try (CsvCursor cursor = new CsvCursor(file)) {
            List<List<String>> lines = new java.util.ArrayList<>();
            while (cursor.next()) {
                lines.add(cursor.texts());
            }
            return lines;
        }
    }

    private static String error(Path file) {
        return assertThrows(DataException.class, () -> readAll(file)).getMessage();
    }

    @Test
    void gzipIsReadDirectlyWhateverItsName(@TempDir Path dir) throws IOException {
        for (String name : List.of("rows.csv.gz", "rows.csv")) {
            Path file = dir.resolve(name);
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(CSV.getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(
                    List.of(List.of("a", "b"), List.of("1", "2"), List.of("3", "4")),
                    readAll(file));
        }
    }

    @Test
    void damagedGzipNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cut.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(CSV.repeat(1000).getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        IOException e = assertThrows(IOException.class, () -> readAll(file));
        assertTrue(e.getMessage().startsWith(file + ": reading failed"), e.getMessage());
    }

    @Test
    void otherCompressionIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("rows.csv");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            out.putNextEntry(new ZipEntry("rows.csv"));
            out.write(CSV.getBytes(StandardCharsets.UTF_8));
        }
        String message = error(file);
        assertTrue(message.contains("a zip file, not a CSV: decompress it first"), message);
        Files.write(file, new byte[] {'B', 'Z', 'h', '9', '1', 'A', 'Y'});
        assertTrue(error(file).contains("bzip2-compressed file"));
    }

    @Test
    void binaryFileIsNotShownAsAHeader(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.bin");
        Files.write(file, new byte[] {'a', ',', 0, 0, 7, '\n'});
        String message = error(file);
        assertEquals(
                file + ":1: byte 3 is NUL: not a text CSV file (a binary or compressed" + " file?)",
                message);
    }

    @Test
    void carriageReturnLineEndsAreNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mac.csv");
        Files.writeString(file, "a,b\r1,2\r3,4\r");
        String message = error(file);
        assertTrue(
                message.startsWith(file + ":1: lines end with a carriage return (CR) alone"),
                message);
        Files.writeString(file, "a,b\r\n1,2\r\n");
        assertEquals(2, readAll(file).size(), "CRLF is fine");
    }

    @Test
    void folderIsNamedAsAFolder(@TempDir Path dir) {
        assertEquals(dir + ": is a folder: expected a CSV file", error(dir));
        assertFalse(error(dir).contains("does not exist"));
    }
}
