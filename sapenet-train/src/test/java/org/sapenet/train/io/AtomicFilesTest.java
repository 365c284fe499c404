/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        AtomicFiles.writeString(file, "{\"a\": 1}\n");
        assertEquals("{\"a\": 1}\n", Files.readString(file));
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(file));
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(
                    List.of("metrics.json", "probe"),
                    entries.map(p -> p.getFileName().toString())
                            .sorted()
                            .collect(Collectors.toList()));
        }
    }
}
