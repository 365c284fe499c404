/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Writes files so that readers see either the old or the new content, never half of one. */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Writes text to a temporary file beside the target, then renames it over the target.
     *
     * @param target the file
     * @param text the content, UTF-8
     * @throws IOException when writing fails
     */
    public static void writeString(Path target, String text) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        move(temp, target);
    }

    /**
     * Renames a file or folder, atomically where the file system can.
     *
     * @param from the source
     * @param to the target (replaced when it is a file)
     * @throws IOException when the move fails
     */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Deletes a file or a folder with everything in it; nothing happens when it does not exist.
     *
     * @param path the file or folder
     * @throws IOException when deleting fails
     */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.delete(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
