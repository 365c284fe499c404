/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import org.junit.jupiter.api.Test;

/** The JDK's file errors often hold only the path: the printed error says what went wrong. */
class ErrorHandlerTest {

    @Test
    void fileErrorsSayWhy() {
        assertEquals(
                "/data/in.csv: permission denied",
                ErrorHandler.describe(new AccessDeniedException("/data/in.csv")));
        assertEquals(
                "/out/store: no such file or folder",
                ErrorHandler.describe(new NoSuchFileException("/out/store")));
        assertEquals(
                "/out/file: not a folder",
                ErrorHandler.describe(new NotDirectoryException("/out/file")));
        // A reason the system gave is kept as it is.
        assertEquals(
                "/out/p.csv: No space left on device",
                ErrorHandler.describe(
                        new FileSystemException("/out/p.csv", null, "No space left on device")));
        assertEquals(
                "Cannot write: disk", ErrorHandler.describe(new IOException("Cannot write: disk")));
    }
}
