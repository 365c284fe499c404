/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.state;

import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.train.optim.ResumableAdam;

/**
 * The folder of one training run.
 *
 * <pre>
 * RUN/
 *   model/                 the best weights as a checkpoint (serve's format), written at the end
 *   metrics.json           config, versions, history, val and test metrics (rewritten each epoch)
 *   store.txt              the store's content id ({@link StoreManifest#contentId()}) and path
 *   resume/
 *     LATEST               the name of the newest complete epoch folder, e.g. epoch-0003
 *     epoch-0003/
 *       state.json         {@link ResumeState}: epochs done, best score and epoch, history
 *       params.bin         the current weights ({@link ParameterSnapshot})
 *       best.bin           the best weights so far
 *       optimizer.bin      the Adam moments and step counts ({@link ResumableAdam#saveState})
 *       bilevel.bin        the second Adam's state, only with --bilevel ({@code BilevelStep})
 *       CHECKSUMS          CRC32C and size of each file above, written last
 * </pre>
 *
 * <p>An epoch folder is written under a temporary name, renamed when complete, and only then named
 * in {@code LATEST} (itself replaced atomically); older epoch folders are deleted afterwards. A run
 * killed at any moment thus resumes from the last epoch whose folder was complete. Reading the
 * state back checks every file against {@code CHECKSUMS} first: a damaged or truncated file is an
 * error that names it. Resuming checks that the store is the one the run began on ({@code
 * store.txt}).
 */
public final class RunFolder {

    private static final Gson GSON =
            new GsonBuilder()
                    .setPrettyPrinting()
                    .serializeNulls()
                    .serializeSpecialFloatingPointValues()
                    .create();

    private static final String CHECKSUMS = "CHECKSUMS";
    private static final String STORE_RECORD = "store.txt";

    private final Path root;

    private RunFolder(Path root) {
        this.root = root;
    }

    /**
     * Opens a run folder for training.
     *
     * @param root the folder
     * @param resume whether the run continues from its saved state
     * @param force whether an existing run may be replaced (its model, metrics and resume state are
     *     deleted; nothing else in the folder is touched)
     * @return the folder
     * @throws IllegalArgumentException when the folder exists and neither flag allows using it, or
     *     when resuming and there is no saved state
     * @throws IOException when the folder cannot be created
     */
    public static RunFolder open(Path root, boolean resume, boolean force) throws IOException {
        RunFolder folder = new RunFolder(root);
        if (resume) {
            if (!Files.isRegularFile(folder.latestFile())) {
                throw new IllegalArgumentException(
                        "--resume: "
                                + root
                                + " holds no saved training state (no "
                                + root.relativize(folder.latestFile())
                                + "); start the run without --resume");
            }
            return folder;
        }
        if (Files.exists(root) && !isUnused(root)) {
            if (!force) {
                throw new IllegalArgumentException(
                        "The run folder "
                                + root
                                + " already exists: continue it with --resume, replace it with"
                                + " --force, or choose another --out");
            }
            AtomicFiles.deleteRecursively(folder.modelDir());
            AtomicFiles.deleteRecursively(folder.resumeDir());
            Files.deleteIfExists(folder.metricsFile());
            Files.deleteIfExists(folder.storeFile());
        }
        Files.createDirectories(root);
        return folder;
    }

    /** Whether a folder holds nothing, or only the store record of a run that saved no epoch. */
    private static boolean isUnused(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.allMatch(p -> p.getFileName().toString().equals(STORE_RECORD));
        }
    }

    /**
     * Returns the run folder.
     *
     * @return the root
     */
    public Path root() {
        return root;
    }

    /**
     * Returns the checkpoint folder.
     *
     * @return {@code RUN/model}
     */
    public Path modelDir() {
        return root.resolve("model");
    }

    /**
     * Returns the metrics file.
     *
     * @return {@code RUN/metrics.json}
     */
    public Path metricsFile() {
        return root.resolve("metrics.json");
    }

    /**
     * Returns the resume folder.
     *
     * @return {@code RUN/resume}
     */
    public Path resumeDir() {
        return root.resolve("resume");
    }

    /**
     * Returns whether a run folder holds a saved training state that {@code --resume} continues.
     *
     * @param root the run folder
     * @return true when at least one epoch was completed and saved
     */
    public static boolean hasSavedState(Path root) {
        return Files.isRegularFile(new RunFolder(root).latestFile());
    }

    private Path latestFile() {
        return resumeDir().resolve("LATEST");
    }

    private Path storeFile() {
        return root.resolve(STORE_RECORD);
    }

    /**
     * Records the store a new run trains on, or, when resuming, checks that it is the same one.
     *
     * @param store the store folder
     * @param contentId its {@link StoreManifest#contentId()}
     * @param resume whether the run continues from its saved state
     * @throws IllegalArgumentException when resuming on another store
     * @throws IOException when the record cannot be read or written
     */
    public void checkStore(Path store, String contentId, boolean resume) throws IOException {
        Path file = storeFile();
        String path = store.toAbsolutePath().normalize().toString();
        if (resume && Files.isRegularFile(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            String recorded = lines.isEmpty() ? "" : lines.get(0).trim();
            if (!recorded.equals(contentId)) {
                throw new IllegalArgumentException(
                        "--resume: "
                                + root
                                + " was trained on the store "
                                + (lines.size() > 1 ? lines.get(1) : "(unknown)")
                                + " (content "
                                + recorded
                                + "), but --data "
                                + path
                                + " is another store (content "
                                + contentId
                                + "): its validation rows would mix into the run's history;"
                                + " resume with the first store, or start a new run");
            }
            return;
        }
        // A new run, or one begun before runs recorded their store: record it now.
        AtomicFiles.writeString(file, contentId + "\n" + path + "\n");
    }

    /**
     * Saves the state after an epoch, atomically.
     *
     * @param state the run state
     * @param current the current weights
     * @param best the best weights so far (may be the current ones)
     * @param optimizer the optimizer, whose moments are saved
     * @throws IOException when writing fails
     */
    public void saveResume(
            ResumeState state,
            ParameterSnapshot current,
            ParameterSnapshot best,
            ResumableAdam optimizer)
            throws IOException {
        saveResume(state, current, best, optimizer, null);
    }

    /**
     * Saves the state after an epoch, atomically, with the bi-level optimizer's state.
     *
     * @param state the run state
     * @param current the current weights
     * @param best the best weights so far (may be the current ones)
     * @param optimizer the optimizer, whose moments are saved
     * @param bilevel the bi-level update's optimizer, or null when it is off
     * @throws IOException when writing fails
     */
    public void saveResume(
            ResumeState state,
            ParameterSnapshot current,
            ParameterSnapshot best,
            ResumableAdam optimizer,
            ResumableAdam bilevel)
            throws IOException {
        Files.createDirectories(resumeDir());
        String name = String.format(Locale.ROOT, "epoch-%04d", state.getCompletedEpochs());
        Path temp = resumeDir().resolve(name + ".tmp");
        AtomicFiles.deleteRecursively(temp);
        Files.createDirectories(temp);
        Files.writeString(temp.resolve("state.json"), GSON.toJson(state), StandardCharsets.UTF_8);
        try (DataOutputStream out = output(temp.resolve("params.bin"))) {
            current.write(out);
        }
        try (DataOutputStream out = output(temp.resolve("best.bin"))) {
            best.write(out);
        }
        try (DataOutputStream out = output(temp.resolve("optimizer.bin"))) {
            optimizer.saveState(out);
        }
        if (bilevel != null) {
            try (DataOutputStream out = output(temp.resolve("bilevel.bin"))) {
                bilevel.saveState(out);
            }
        }
        writeChecksums(temp);
        Path done = resumeDir().resolve(name);
        AtomicFiles.deleteRecursively(done);
        AtomicFiles.move(temp, done);
        AtomicFiles.writeString(latestFile(), name + "\n");
        try (Stream<Path> entries = Files.list(resumeDir())) {
            List<Path> old =
                    entries.filter(p -> p.getFileName().toString().startsWith("epoch-"))
                            .filter(p -> !p.equals(done))
                            .collect(Collectors.toList());
            for (Path p : old) {
                AtomicFiles.deleteRecursively(p);
            }
        }
    }

    /** What {@link #readResume} reads back. */
    public static final class Saved {
        private final ResumeState state;
        private final ParameterSnapshot current;
        private final ParameterSnapshot best;

        Saved(ResumeState state, ParameterSnapshot current, ParameterSnapshot best) {
            this.state = state;
            this.current = current;
            this.best = best;
        }

        /**
         * Returns the run state.
         *
         * @return the state
         */
        public ResumeState state() {
            return state;
        }

        /**
         * Returns the weights after the last completed epoch.
         *
         * @return the weights
         */
        public ParameterSnapshot current() {
            return current;
        }

        /**
         * Returns the best weights so far.
         *
         * @return the weights
         */
        public ParameterSnapshot best() {
            return best;
        }
    }

    /**
     * Reads the state saved after the last completed epoch.
     *
     * @return the state and weights
     * @throws IOException when the state is missing or damaged
     */
    public Saved readResume() throws IOException {
        Path dir = latestEpochDir();
        Path stateFile = verified(dir.resolve("state.json"));
        ResumeState state;
        try {
            state =
                    GSON.fromJson(
                            Files.readString(stateFile, StandardCharsets.UTF_8), ResumeState.class);
        } catch (JsonParseException e) {
            throw new IOException(stateFile + " is damaged: " + e.getMessage(), e);
        }
        if (state == null || state.getFormatVersion() != ResumeState.FORMAT_VERSION) {
            throw new IOException(
                    stateFile
                            + " has layout version "
                            + (state == null ? "(none)" : state.getFormatVersion())
                            + ", expected "
                            + ResumeState.FORMAT_VERSION);
        }
        ParameterSnapshot current = read(dir.resolve("params.bin"), ParameterSnapshot::read);
        ParameterSnapshot best = read(dir.resolve("best.bin"), ParameterSnapshot::read);
        return new Saved(state, current, best);
    }

    /**
     * Restores the optimizer moments saved after the last completed epoch.
     *
     * @param optimizer the optimizer
     * @param manager the manager holding the model's parameters
     * @throws IOException when the state is missing or damaged
     */
    public void readOptimizer(ResumableAdam optimizer, NDManager manager) throws IOException {
        read(
                latestEpochDir().resolve("optimizer.bin"),
                in -> {
                    optimizer.loadState(in, manager);
                    return null;
                });
    }

    /**
     * Restores the bi-level optimizer's state saved after the last completed epoch.
     *
     * @param optimizer the bi-level optimizer
     * @param manager the manager holding the model's parameters
     * @throws IOException when the state is missing or damaged
     */
    public void readBilevelOptimizer(ResumableAdam optimizer, NDManager manager)
            throws IOException {
        read(
                latestEpochDir().resolve("bilevel.bin"),
                in -> {
                    optimizer.loadState(in, manager);
                    return null;
                });
    }

    private Path latestEpochDir() throws IOException {
        String name = Files.readString(latestFile(), StandardCharsets.UTF_8).trim();
        Path dir = resumeDir().resolve(name);
        if (!name.startsWith("epoch-") || !Files.isDirectory(dir)) {
            throw new IOException(
                    latestFile() + " names '" + name + "', which is not a saved epoch folder");
        }
        return dir;
    }

    /**
     * Writes a JSON document atomically.
     *
     * @param file the file
     * @param document the object to serialise
     * @throws IOException when writing fails
     */
    public static void writeJson(Path file, Object document) throws IOException {
        AtomicFiles.writeString(file, GSON.toJson(document) + "\n");
    }

    /**
     * Returns the gson instance used for run files (pretty, nulls kept, NaN allowed).
     *
     * @return the gson
     */
    public static Gson gson() {
        return GSON;
    }

    private static DataOutputStream output(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /** Reads one state file. */
    @FunctionalInterface
    private interface StateReader<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** Reads a state file after checking it against the folder's checksums. */
    private static <T> T read(Path file, StateReader<T> reader) throws IOException {
        verified(file);
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            return reader.read(in);
        } catch (EOFException e) {
            throw new IOException(file + " is damaged: it ends too early", e);
        }
    }

    private static void writeChecksums(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().collect(Collectors.toList())) {
                sb.append(String.format(Locale.ROOT, "%08x", crc32c(file)))
                        .append(' ')
                        .append(Files.size(file))
                        .append(' ')
                        .append(file.getFileName())
                        .append('\n');
            }
        }
        Files.writeString(dir.resolve(CHECKSUMS), sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Checks a file of an epoch folder against the folder's {@code CHECKSUMS}: size first, then
     * CRC32C.
     */
    private static Path verified(Path file) throws IOException {
        Path sums = file.resolveSibling(CHECKSUMS);
        if (!Files.isRegularFile(sums)) {
            throw new IOException(
                    file.getParent()
                            + " has no "
                            + CHECKSUMS
                            + " (saved by an older version, or damaged): the state cannot be"
                            + " checked; start the run again with --force");
        }
        String name = file.getFileName().toString();
        for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
            String[] parts = line.trim().split(" ", 3);
            if (parts.length != 3 || !parts[2].equals(name)) {
                continue;
            }
            long size = Files.isRegularFile(file) ? Files.size(file) : -1;
            String crc = size < 0 ? "" : String.format(Locale.ROOT, "%08x", crc32c(file));
            if (size != Long.parseLong(parts[1]) || !crc.equals(parts[0])) {
                throw new IOException(
                        file
                                + " is damaged: "
                                + (size < 0 ? "missing" : size + " bytes with CRC32C " + crc)
                                + ", saved as "
                                + parts[1]
                                + " bytes with CRC32C "
                                + parts[0]
                                + "; the state cannot be resumed: start the run again with"
                                + " --force");
            }
            return file;
        }
        throw new IOException(file + " is not listed in " + sums + ": the state is damaged");
    }

    private static long crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }
}
