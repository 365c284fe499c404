/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiblingTempTest {

    @Test
    void temporariesFollowTheUmaskLikeAnyNewFile(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("probe-file"));
        Path folder = Files.createDirectory(dir.resolve("probe-folder"));
        Path tempFile = SiblingTemp.createFile(dir.resolve("out.csv"));
        Path tempFolder = SiblingTemp.createDirectory(dir.resolve("store"));
        assertEquals(Files.getPosixFilePermissions(file), Files.getPosixFilePermissions(tempFile));
        assertEquals(
                Files.getPosixFilePermissions(folder), Files.getPosixFilePermissions(tempFolder));
        assertTrue(tempFile.getFileName().toString().startsWith(".out.csv.tmp-"));
        assertEquals(dir, tempFolder.getParent());
    }

    @Test
    void onlyTheTemporariesOfKilledProcessesAreRemoved(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("store");
        Process gone = new ProcessBuilder("true").start();
        gone.onExit().join();
        Path killed = Files.createDirectories(SiblingTemp.nameFor(target, gone.pid()));
        Files.writeString(killed.resolve("column.bin"), "x");
        Path running = SiblingTemp.createDirectory(target);
        Path otherTarget = Files.createFile(SiblingTemp.nameFor(dir.resolve("st"), gone.pid()));
        Path unrelated = Files.createFile(dir.resolve(".store.tmp-not-ours"));

        assertEquals(List.of(), SiblingTemp.removeStale(target), "removed when the run began");
        assertFalse(Files.exists(killed));
        assertTrue(Files.isDirectory(running), "this (running) process's temporary is kept");
        assertTrue(Files.exists(otherTarget), "another target's temporary is kept");
        assertTrue(Files.exists(unrelated));
    }
}
