/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.run;

import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sapenet.train.io.AtomicFiles;
import org.sapenet.train.optim.ResumableAdam;

/**
 * The folder of one training run.
 *
 * <pre>
 * RUN/
 *   model/                 the best weights as a checkpoint (serve's format), written at the end
 *   metrics.json           config, versions, history, val and test metrics (rewritten each epoch)
 *   resume/
 *     LATEST               the name of the newest complete epoch folder, e.g. epoch-0003
 *     epoch-0003/
 *       state.json         {@link ResumeState}: epochs done, best score and epoch, history
 *       params.bin         the current weights ({@link ParameterSnapshot})
 *       best.bin           the best weights so far
 *       optimizer.bin      the Adam moments and step counts ({@link ResumableAdam#saveState})
 *       bilevel.bin        the second Adam's state, only with --bilevel ({@link BilevelStep})
 * </pre>
 *
 * <p>An epoch folder is written under a temporary name, renamed when complete, and only then named
 * in {@code LATEST} (itself replaced atomically); older epoch folders are deleted afterwards. A run
 * killed at any moment thus resumes from the last epoch whose folder was complete.
 */
public final class RunFolder {

    private static final Gson GSON =
            new GsonBuilder()
                    .setPrettyPrinting()
                    .serializeNulls()
                    .serializeSpecialFloatingPointValues()
                    .create();

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
        if (Files.exists(root) && !isEmptyDirectory(root)) {
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
        }
        Files.createDirectories(root);
        return folder;
    }

    private static boolean isEmptyDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
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
        Path stateFile = dir.resolve("state.json");
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
        ParameterSnapshot current;
        ParameterSnapshot best;
        try (DataInputStream in = input(dir.resolve("params.bin"))) {
            current = ParameterSnapshot.read(in);
        }
        try (DataInputStream in = input(dir.resolve("best.bin"))) {
            best = ParameterSnapshot.read(in);
        }
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
        try (DataInputStream in = input(latestEpochDir().resolve("optimizer.bin"))) {
            optimizer.loadState(in, manager);
        }
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
        try (DataInputStream in = input(latestEpochDir().resolve("bilevel.bin"))) {
            optimizer.loadState(in, manager);
        }
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

    private static DataInputStream input(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }
}
