/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void writtenFileFollowsTheUmaskAndNothingElseIsLeft(@TempDir Path dir) throws IOException {
        Path probe = Files.createFile(dir.resolve("probe"));
        Path file = dir.resolve("metrics.json");
        AtomicFiles.writeString(file, "{}\n");
        assertEquals("{}\n", Files.readString(file));
        AtomicFiles.writeString(file, "{\"a\": 1}\n");
        assertEquals("{\"a\": 1}\n", Files.readString(file), "an existing file is replaced");
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(file));
        assertEquals(List.of("metrics.json", "probe"), names(dir));
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("results.csv");
        AtomicFiles.writeString(file, "old\n");
        IOException failure = new IOException("disk full");
        IOException thrown =
                assertThrows(
                        IOException.class,
                        () ->
                                AtomicFiles.write(
                                        file,
                                        out -> {
                                            out.write("half");
                                            throw failure;
                                        }));
        assertSame(failure, thrown);
        assertEquals("old\n", Files.readString(file));
        assertEquals(List.of("results.csv"), names(dir));
    }

    @Test
    void movesReplaceOrRefuseAnExistingTarget(@TempDir Path dir) throws IOException {
        Path target = Files.writeString(dir.resolve("out.csv"), "old");
        Path temp = AtomicFiles.createTempFile(target);
        Files.writeString(temp, "new");
        AtomicFiles.move(temp, target);
        assertEquals("new", Files.readString(target));

        Path folder = Files.createDirectory(dir.resolve("store"));
        Files.writeString(folder.resolve("manifest.json"), "{}");
        Path tempFolder = AtomicFiles.createTempDirectory(folder);
        Files.writeString(tempFolder.resolve("manifest.json"), "{\"new\": true}");
        assertThrows(IOException.class, () -> AtomicFiles.moveNoReplace(tempFolder, folder));
        assertThrows(IOException.class, () -> AtomicFiles.moveAtomically(tempFolder, folder));
        assertEquals("{}", Files.readString(folder.resolve("manifest.json")));

        Path aside = AtomicFiles.asideName(folder);
        assertFalse(Files.exists(aside));
        assertTrue(aside.getFileName().toString().startsWith(".store.old-"));
        AtomicFiles.moveAtomically(folder, aside);
        AtomicFiles.moveNoReplace(tempFolder, folder);
        assertEquals("{\"new\": true}", Files.readString(folder.resolve("manifest.json")));
        AtomicFiles.deleteRecursively(aside);
        assertEquals(List.of("out.csv", "store"), names(dir));
    }

    @Test
    void temporariesFollowTheUmaskLikeAnyNewFile(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("probe-file"));
        Path folder = Files.createDirectory(dir.resolve("probe-folder"));
        Path tempFile = AtomicFiles.createTempFile(dir.resolve("out.csv"));
        Path tempFolder = AtomicFiles.createTempDirectory(dir.resolve("store"));
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
        Path killed = Files.createDirectories(AtomicFiles.tempNameFor(target, gone.pid()));
        Files.writeString(killed.resolve("column.bin"), "x");
        Path running = AtomicFiles.createTempDirectory(target);
        Path otherTarget = Files.createFile(AtomicFiles.tempNameFor(dir.resolve("st"), gone.pid()));
        Path unrelated = Files.createFile(dir.resolve(".store.tmp-not-ours"));

        assertEquals(List.of(), AtomicFiles.removeStaleTemps(target), "removed when the run began");
        assertFalse(Files.exists(killed));
        assertTrue(Files.isDirectory(running), "this (running) process's temporary is kept");
        assertTrue(Files.exists(otherTarget), "another target's temporary is kept");
        assertTrue(Files.exists(unrelated));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
