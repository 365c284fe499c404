/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files and folders atomically: into a temporary beside the target, then one rename, so that
 * a reader never sees a half-written output and a failed write leaves the old one in place.
 *
 * <p>For a whole file, {@link #replace}, {@link #write} and {@link #writeString} do everything. An
 * output that needs more control (several files renamed together, a folder, a refusal to replace)
 * uses the pieces: {@link #createTempFile} or {@link #createTempDirectory} for the temporary,
 * {@link #move}, {@link #moveNoReplace} or {@link #moveAtomically} for the rename, {@link
 * #asideName} for where an old folder goes while the new one moves in.
 *
 * <p>The temporary is named {@code .NAME.tmp-HOST-PID-RANDOM} (HOST a hash of the host name, PID
 * the writing process). It is created without explicit permissions, so it follows the user's umask
 * (0666 and 0777 less the umask), unlike {@link Files#createTempFile} and {@link
 * Files#createTempDirectory}, which make it private (0600, 0700) whatever the umask; the renamed
 * output keeps them. Before creating one, the temporaries of the same target left by a killed
 * process of this host (one no longer running) are removed; those of running processes, such as a
 * concurrent run writing the same output, are kept.
 */
public final class AtomicFiles {

    private static final Logger LOGGER = LoggerFactory.getLogger(AtomicFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HOST = hostTag();

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
     * Writes a file atomically, replacing an existing file only once the new one is complete; the
     * temporary is removed when writing fails.
     *
     * @param file the target
     * @param writer what fills the temporary file
     * @throws IOException when writing fails
     */
    public static void replace(Path file, FileWriter writer) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path temp = createTempFile(absolute);
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
     * Creates an empty temporary file beside a target file (and the target's folder when missing).
     *
     * @param target the file it will become (absolute or relative)
     * @return the new file
     * @throws IOException when it cannot be created
     */
    public static Path createTempFile(Path target) throws IOException {
        return createTemp(target, false);
    }

    /**
     * Creates an empty temporary folder beside a target folder (and the target's parent folder when
     * missing).
     *
     * @param target the folder it will become (absolute or relative)
     * @return the new folder
     * @throws IOException when it cannot be created
     */
    public static Path createTempDirectory(Path target) throws IOException {
        return createTemp(target, true);
    }

    /**
     * Renames a file or folder, atomically where the file system can, else with a plain move that
     * replaces an existing target file.
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
     * Renames a file or folder, atomically where the file system can, else with a plain move that
     * fails when the target exists. (The atomic rename itself follows the file system: on POSIX it
     * replaces a file or an empty folder, so check the target before.)
     *
     * @param from the source
     * @param to the target
     * @throws IOException when the move fails
     */
    public static void moveNoReplace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Renames a file or folder atomically, or fails. Whether an existing target is replaced follows
     * the file system (on POSIX a file or an empty folder is).
     *
     * @param from the source
     * @param to the target
     * @throws AtomicMoveNotSupportedException when the file system cannot rename atomically
     * @throws IOException when the move fails
     */
    public static void moveAtomically(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Returns a free name beside a target, {@code .NAME.old-RANDOM}, to move the existing target to
     * while its replacement moves in; nothing is created there.
     *
     * @param target the target (absolute)
     * @return a path beside the target that does not exist
     * @throws IOException when the folder cannot be written
     */
    public static Path asideName(Path target) throws IOException {
        Path old =
                Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        Files.delete(old);
        return old;
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

    /**
     * Returns a name the temporary of a target written by a given process of this host has.
     *
     * @param target the target
     * @param pid the process id
     * @return a path beside the target
     */
    public static Path tempNameFor(Path target, long pid) {
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.resolveSibling(
                prefix(absolute)
                        + HOST
                        + "-"
                        + pid
                        + "-"
                        + Long.toUnsignedString(RANDOM.nextLong(), 36));
    }

    private static Path createTemp(Path target, boolean directory) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        removeStaleTemps(absolute);
        while (true) {
            Path temp = tempNameFor(absolute, ProcessHandle.current().pid());
            try {
                return directory ? Files.createDirectory(temp) : Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // another name
            }
        }
    }

    /**
     * Removes the temporary files and folders of a target that a process of this host left behind
     * when it was killed (its process id no longer runs).
     *
     * @param target the target
     * @return the removed paths
     * @throws IOException when listing the folder fails
     */
    public static List<Path> removeStaleTemps(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        String prefix = prefix(absolute) + HOST + "-";
        List<Path> stale;
        try (Stream<Path> siblings = Files.list(absolute.getParent())) {
            stale =
                    siblings.filter(p -> isStale(p.getFileName().toString(), prefix))
                            .collect(Collectors.toList());
        }
        for (Path p : stale) {
            try {
                deleteTree(p);
                LOGGER.info("Removed {}, left by a killed run", p);
            } catch (IOException | UncheckedIOException e) {
                LOGGER.warn("Could not remove {}, left by a killed run: {}", p, e.toString());
            }
        }
        return stale;
    }

    private static boolean isStale(String name, String prefix) {
        if (!name.startsWith(prefix)) {
            return false;
        }
        String rest = name.substring(prefix.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return false;
        }
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    private static String prefix(Path absolute) {
        return "." + absolute.getFileName() + ".tmp-";
    }

    private static void deleteTree(Path path) throws IOException {
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A short, file-name-safe tag of this host, so that hosts sharing a folder keep apart. */
    private static String hostTag() {
        String host = System.getenv("HOSTNAME");
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                host = Files.readString(kernel, StandardCharsets.UTF_8).trim();
            }
        } catch (IOException e) {
            // keep the environment's
        }
        if (host == null || host.isEmpty()) {
            host = "localhost";
        }
        return String.format(Locale.ROOT, "%08x", host.hashCode());
    }
}
