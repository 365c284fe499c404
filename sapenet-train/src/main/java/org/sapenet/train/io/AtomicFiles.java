/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.sapenet.data.io.SiblingTemp;

/**
 * Writes files atomically: into a temporary file beside the target, then one rename, so that a
 * reader never sees a half-written file and a failed write leaves the old file in place.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    /** Fills the temporary file that becomes the target. */
    @FunctionalInterface
    public interface FileWriter {
        /**
         * Writes the whole content.
         *
         * @param temp the temporary file (exists, empty)
         * @throws IOException when writing fails
         */
        void writeTo(Path temp) throws IOException;
    }

    /** Writes text content. */
    @FunctionalInterface
    public interface TextWriter {
        /**
         * Writes the whole content.
         *
         * @param out the writer of the temporary file
         * @throws IOException when writing fails
         */
        void writeTo(BufferedWriter out) throws IOException;
    }

    /**
     * Writes a file atomically, replacing an existing file only once the new one is complete.
     *
     * @param file the target
     * @param writer what fills the temporary file
     * @throws IOException when writing fails
     */
    public static void replace(Path file, FileWriter writer) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = SiblingTemp.createFile(absolute);
        try {
            writer.writeTo(temp);
            move(temp, absolute);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes a UTF-8 text file atomically.
     *
     * @param file the target
     * @param content what to write
     * @throws IOException when writing fails
     */
    public static void write(Path file, TextWriter content) throws IOException {
        replace(
                file,
                temp -> {
                    try (BufferedWriter out =
                            Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                        content.writeTo(out);
                    }
                });
    }

    /**
     * Writes a UTF-8 string atomically.
     *
     * @param file the target
     * @param text the content
     * @throws IOException when writing fails
     */
    public static void writeString(Path file, String text) throws IOException {
        write(file, out -> out.write(text));
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
