/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary file or folder an output is written into before it is renamed into place: beside
 * the target, named {@code .NAME.tmp-HOST-PID-RANDOM} (HOST a hash of the host name, PID the
 * writing process).
 *
 * <p>Created without explicit permissions, so they follow the user's umask (0666 and 0777 less the
 * umask), unlike {@link Files#createTempFile} and {@link Files#createTempDirectory}, which make
 * them private (0600, 0700) whatever the umask; the renamed output keeps them. Before creating one,
 * the temporary files of the same target left by a killed process of this host (one no longer
 * running) are removed; those of running processes, such as a concurrent run writing the same
 * output, are kept.
 */
public final class SiblingTemp {

    private static final Logger LOGGER = LoggerFactory.getLogger(SiblingTemp.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String HOST = hostTag();

    private SiblingTemp() {}

    /**
     * Creates an empty temporary file beside a target file.
     *
     * @param target the file it will become (absolute or relative)
     * @return the new file
     * @throws IOException when it cannot be created
     */
    public static Path createFile(Path target) throws IOException {
        return create(target, false);
    }

    /**
     * Creates an empty temporary folder beside a target folder.
     *
     * @param target the folder it will become (absolute or relative)
     * @return the new folder
     * @throws IOException when it cannot be created
     */
    public static Path createDirectory(Path target) throws IOException {
        return create(target, true);
    }

    /**
     * Returns a name the temporary file of a target written by a given process of this host has.
     *
     * @param target the target
     * @param pid the process id
     * @return a path beside the target
     */
    public static Path nameFor(Path target, long pid) {
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.resolveSibling(
                prefix(absolute)
                        + HOST
                        + "-"
                        + pid
                        + "-"
                        + Long.toUnsignedString(RANDOM.nextLong(), 36));
    }

    private static Path create(Path target, boolean directory) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Files.createDirectories(absolute.getParent());
        removeStale(absolute);
        while (true) {
            Path temp = nameFor(absolute, ProcessHandle.current().pid());
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
    public static List<Path> removeStale(Path target) throws IOException {
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
