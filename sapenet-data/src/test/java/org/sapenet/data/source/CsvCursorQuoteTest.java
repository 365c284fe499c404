/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorReason;

/** RFC 4180 quoting in CsvCursor: commas, doubled quotes and line breaks inside quotes. */
class CsvCursorQuoteTest {

    @Test
    void quotedFieldsAndPhysicalLineNumbers(@TempDir Path temp) throws IOException {
        Path file = temp.resolve("q.csv");
        Files.writeString(
                file,
                "a,b,c\r\n\"[20, 34, 3]\",\"say \"\"hi\"\"\",x\n\"two\nlines\",,\"\"\n1,2,3\n\n4,5,");
        try (CsvCursor cursor = new CsvCursor(file, true)) {
            assertTrue(cursor.next());
            assertEquals(List.of("a", "b", "c"), cursor.texts());
            assertTrue(cursor.next());
            assertEquals(2, cursor.line());
            assertEquals(List.of("[20, 34, 3]", "say \"hi\"", "x"), cursor.texts());
            assertTrue(cursor.next());
            assertEquals(3, cursor.line());
            assertEquals(List.of("two\nlines", "", ""), cursor.texts());
            assertTrue(cursor.next());
            assertEquals(5, cursor.line());
            assertEquals(2, cursor.parseId(1));
            assertTrue(cursor.next());
            assertEquals(7, cursor.line());
            assertEquals(List.of("4", "5", ""), cursor.texts());
            assertFalse(cursor.endsWithNewline());
            assertFalse(cursor.next());
            assertEquals(1, cursor.blankLines());
        }
    }

    @Test
    void badQuotingIsLocated(@TempDir Path temp) throws IOException {
        Path file = temp.resolve("bad.csv");
        Files.writeString(file, "a,b\n1,\"ok\"x\n");
        try (CsvCursor cursor = new CsvCursor(file, true)) {
            cursor.next();
            DataException e = assertThrows(DataException.class, cursor::next);
            assertEquals(2, e.getLine());
            assertEquals(2, e.getColumn());
            assertEquals(ErrorReason.BAD_QUOTE, e.getReason());
        }
        Files.writeString(file, "a,b\n1,2\n3,\"open\n");
        try (CsvCursor cursor = new CsvCursor(file, true)) {
            cursor.next();
            cursor.next();
            DataException e = assertThrows(DataException.class, cursor::next);
            assertEquals(3, e.getLine());
            assertTrue(e.getMessage().contains("not closed"), e.getMessage());
        }
    }
}
