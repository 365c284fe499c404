/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@value CheckpointFormat#MANIFEST_FILE} of a checkpoint: the format name and version, the
 * registry name of the model, the parameter file, the shape of every parameter, and the size and
 * SHA-256 of every other file. {@link #verify(Path)} checks all of them, so a missing, truncated or
 * altered file is refused before any weight is read. The field names below are the JSON keys.
 */
public final class CheckpointManifest {

    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private String format;
    private int formatVersion;
    private String model;
    private String parameters;
    private String createdAt;
    private String djlVersion;
    private List<String> scenarios;
    private List<String> tasks;
    private Map<String, long[]> parameterShapes;
    private Map<String, FileEntry> files;

    private CheckpointManifest() {}

    /** The size and checksum of one file. */
    public static final class FileEntry {
        private long bytes;
        private String sha256;

        private FileEntry() {}

        FileEntry(long bytes, String sha256) {
            this.bytes = bytes;
            this.sha256 = sha256;
        }

        /**
         * Returns the file size.
         *
         * @return bytes
         */
        public long getBytes() {
            return bytes;
        }

        /**
         * Returns the SHA-256 of the file, 64 lower-case hex digits.
         *
         * @return the checksum
         */
        public String getSha256() {
            return sha256;
        }
    }

    static CheckpointManifest create(
            String model,
            String parameters,
            List<String> scenarios,
            List<String> tasks,
            Map<String, long[]> parameterShapes,
            String djlVersion) {
        CheckpointManifest m = new CheckpointManifest();
        m.format = CheckpointFormat.FORMAT_NAME;
        m.formatVersion = CheckpointFormat.VERSION;
        m.model = model;
        m.parameters = parameters;
        m.createdAt = java.time.Instant.now().toString();
        m.djlVersion = djlVersion;
        m.scenarios = new ArrayList<>(scenarios);
        m.tasks = new ArrayList<>(tasks);
        m.parameterShapes = new LinkedHashMap<>(parameterShapes);
        m.files = new TreeMap<>();
        return m;
    }

    void addFile(String relative, Path file) throws IOException {
        files.put(relative, new FileEntry(Files.size(file), sha256(file)));
    }

    /**
     * Reads and checks the manifest of a checkpoint folder, then checks every file it lists.
     *
     * @param dir the checkpoint folder
     * @return the manifest
     * @throws CheckpointException when the folder is not a checkpoint of this format version, or a
     *     file is missing, has another size or another checksum
     */
    public static CheckpointManifest verify(Path dir) {
        CheckpointManifest manifest = read(dir);
        for (Map.Entry<String, FileEntry> e : manifest.files.entrySet()) {
            Path file = resolveInside(dir, e.getKey());
            try {
                long bytes = Files.size(file);
                if (bytes != e.getValue().bytes) {
                    throw new CheckpointException(
                            "Checkpoint "
                                    + dir
                                    + ": file "
                                    + e.getKey()
                                    + " has "
                                    + bytes
                                    + " bytes, "
                                    + CheckpointFormat.MANIFEST_FILE
                                    + " says "
                                    + e.getValue().bytes
                                    + ": the checkpoint is damaged or was edited; write it again");
                }
                String sum = sha256(file);
                if (!sum.equals(e.getValue().sha256)) {
                    throw new CheckpointException(
                            "Checkpoint "
                                    + dir
                                    + ": file "
                                    + e.getKey()
                                    + " has SHA-256 "
                                    + sum
                                    + ", "
                                    + CheckpointFormat.MANIFEST_FILE
                                    + " says "
                                    + e.getValue().sha256
                                    + ": the file was altered or damaged; write the checkpoint"
                                    + " again");
                }
            } catch (NoSuchFileException ex) {
                throw new CheckpointException(
                        "Checkpoint "
                                + dir
                                + " is incomplete: file "
                                + e.getKey()
                                + " is missing (listed in "
                                + CheckpointFormat.MANIFEST_FILE
                                + ")",
                        ex);
            } catch (IOException ex) {
                throw new CheckpointException(
                        "Checkpoint " + dir + ": cannot read " + e.getKey() + ": " + ex, ex);
            }
        }
        return manifest;
    }

    /**
     * Reads and checks the manifest of a checkpoint folder without checking the files.
     *
     * @param dir the checkpoint folder
     * @return the manifest
     * @throws CheckpointException when the folder holds no manifest of this format version
     */
    public static CheckpointManifest read(Path dir) {
        Path file = dir.resolve(CheckpointFormat.MANIFEST_FILE);
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException("Checkpoint folder " + dir + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(
                    "Checkpoint "
                            + dir
                            + " has no "
                            + CheckpointFormat.MANIFEST_FILE
                            + ": not a sapenet checkpoint, or written by a version before format "
                            + CheckpointFormat.VERSION);
        }
        CheckpointManifest m;
        try {
            m = GSON.fromJson(Files.readString(file), CheckpointManifest.class);
        } catch (JsonParseException | IOException e) {
            throw new CheckpointException(
                    "Checkpoint "
                            + dir
                            + ": "
                            + CheckpointFormat.MANIFEST_FILE
                            + " is damaged: "
                            + e,
                    e);
        }
        if (m == null || !CheckpointFormat.FORMAT_NAME.equals(m.format)) {
            throw new CheckpointException(
                    "Checkpoint "
                            + dir
                            + ": "
                            + CheckpointFormat.MANIFEST_FILE
                            + " is not a "
                            + CheckpointFormat.FORMAT_NAME
                            + " manifest");
        }
        if (m.formatVersion != CheckpointFormat.VERSION) {
            throw new CheckpointException(
                    "Checkpoint "
                            + dir
                            + " has format version "
                            + m.formatVersion
                            + ", this build reads version "
                            + CheckpointFormat.VERSION
                            + " only: write it again with this build (or score it with the"
                            + " build that wrote it)");
        }
        if (m.model == null
                || m.parameters == null
                || m.files == null
                || m.parameterShapes == null
                || m.scenarios == null
                || m.tasks == null) {
            throw new CheckpointException(
                    "Checkpoint "
                            + dir
                            + ": "
                            + CheckpointFormat.MANIFEST_FILE
                            + " lacks model, parameters, parameterShapes, scenarios, tasks or"
                            + " files");
        }
        for (String required :
                List.of(
                        CheckpointFormat.CONFIG_FILE,
                        CheckpointFormat.SCHEMA_FILE,
                        CheckpointFormat.SERVING_FILE,
                        m.parameters)) {
            if (!m.files.containsKey(required)) {
                throw new CheckpointException(
                        "Checkpoint "
                                + dir
                                + ": "
                                + CheckpointFormat.MANIFEST_FILE
                                + " does not list "
                                + required);
            }
        }
        return m;
    }

    private static Path resolveInside(Path dir, String relative) {
        Path file = dir.resolve(relative).normalize();
        if (!file.startsWith(dir.normalize())) {
            throw new CheckpointException(
                    "Checkpoint " + dir + " lists a file outside its folder: " + relative);
        }
        return file;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(CheckpointFormat.CHECKSUM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        StringBuilder hex = new StringBuilder(64);
        for (byte b : digest.digest()) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16))
                    .append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    /**
     * Checks that a loaded block holds parameters of the shapes this checkpoint recorded.
     *
     * @param block the block the parameters were loaded into
     * @param dir the checkpoint folder, for the message
     * @throws CheckpointException naming the first parameter that differs
     */
    public void checkParameters(ai.djl.nn.Block block, Path dir) {
        ParameterShapes.check(parameterShapes, ParameterShapes.of(block), "Checkpoint " + dir);
    }

    String toJson() {
        return GSON.toJson(this);
    }

    /**
     * Returns the registry name of the model.
     *
     * @return e.g. {@code sapenet}
     */
    public String getModel() {
        return model;
    }

    /**
     * Returns the parameter file's name.
     *
     * @return e.g. {@code my-ckpt-0000.params}
     */
    public String getParameters() {
        return parameters;
    }

    /**
     * Returns the parameter file's prefix, the model name DJL must be given.
     *
     * @return the name without {@code -NNNN.params}
     */
    public String getParameterPrefix() {
        return parameters.substring(0, parameters.length() - "-0000.params".length());
    }

    /**
     * Returns when the checkpoint was written.
     *
     * @return an ISO-8601 instant
     */
    public String getCreatedAt() {
        return createdAt;
    }

    /**
     * Returns the DJL version that wrote the checkpoint.
     *
     * @return the version
     */
    public String getDjlVersion() {
        return djlVersion;
    }

    /**
     * Returns the scenario names.
     *
     * @return S names
     */
    public List<String> getScenarios() {
        return List.copyOf(scenarios);
    }

    /**
     * Returns the task names.
     *
     * @return T names
     */
    public List<String> getTasks() {
        return List.copyOf(tasks);
    }

    /**
     * Returns the shape of every parameter, by its path name in the block.
     *
     * @return name to shape
     */
    public Map<String, long[]> getParameterShapes() {
        return new LinkedHashMap<>(parameterShapes);
    }

    /**
     * Returns the listed files.
     *
     * @return relative path to size and checksum
     */
    public Map<String, FileEntry> getFiles() {
        return new TreeMap<>(files);
    }
}
