/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.SkipReport;
import org.sapenet.data.error.StoreException;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.data.schema.StoreSchema;
import org.sapenet.data.vocab.FrozenVocabulary;
import org.sapenet.data.vocab.VocabularyFile;

/**
 * Writes a prepared store: source readers {@link #append} rows to a split, then {@link #commit}
 * writes the manifest and renames the store into place.
 *
 * <p>Everything is written to a hidden temporary folder beside the target ({@code .NAME.tmp-NNNN});
 * only {@link #commit} renames it to the target, so an interrupted run never leaves a folder that
 * looks like a complete store. {@link #close()} without a commit deletes the temporary folder. An
 * existing target is refused unless {@code force} is set, in which case it is replaced only at
 * commit.
 *
 * <p>Memory is constant: a 64 KiB buffer per column file and per-split counters.
 */
public final class StoreWriter implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final StoreSchema schema;
    private final boolean force;
    private final int[] maxIds;
    private final EnumMap<Split, SplitWriter> splits = new EnumMap<>(Split.class);
    private final StoreManifest.VocabularyInfo[] vocabularies;
    private final int[] vocabularyIds;
    private boolean committed;
    private boolean closed;

    private StoreWriter(Path target, Path temp, StoreSchema schema, boolean force)
            throws IOException {
        this.target = target;
        this.temp = temp;
        this.schema = schema;
        this.force = force;
        this.maxIds = new int[schema.sparseCount()];
        this.vocabularies = new StoreManifest.VocabularyInfo[schema.sparseCount()];
        this.vocabularyIds = new int[schema.sparseCount()];
        Files.createDirectories(temp.resolve(StoreFormat.VOCABULARY_FOLDER));
        for (Split split : Split.values()) {
            splits.put(split, new SplitWriter(temp.resolve(split.key()), schema));
        }
    }

    /**
     * Starts writing a store.
     *
     * @param target the store folder to create
     * @param schema the layout of the rows
     * @param force whether an existing store at {@code target} may be replaced
     * @return the writer; close it (in try-with-resources) to discard an uncommitted store
     * @throws StoreException when the target exists and {@code force} is not set
     * @throws IOException when the temporary folder cannot be created
     */
    public static StoreWriter create(Path target, StoreSchema schema, boolean force)
            throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        checkTarget(absolute, force);
        Path temp = AtomicFiles.createTempDirectory(absolute);
        try {
            return new StoreWriter(absolute, temp, schema, force);
        } catch (IOException | RuntimeException e) {
            deleteTree(temp);
            throw e;
        }
    }

    private static void checkTarget(Path target, boolean force) {
        if (Files.exists(target) && !force) {
            throw new StoreException(
                    target
                            + " already exists: choose another output or pass --force to replace it");
        }
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new StoreException(
                    target + " exists and is not a folder: refusing to replace it");
        }
        if (Files.isDirectory(target)
                && force
                && !isEmpty(target)
                && !Files.exists(target.resolve(StoreFormat.MANIFEST))) {
            throw new StoreException(
                    target
                            + " is a non-empty folder that is not a prepared store: refusing to"
                            + " replace it even with --force");
        }
    }

    private static boolean isEmpty(Path folder) {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Returns the schema rows must follow.
     *
     * @return the schema
     */
    public StoreSchema getSchema() {
        return schema;
    }

    /**
     * Appends one row to a split.
     *
     * @param split the split
     * @param row the row (validated: ids at least 0, finite dense values, scenario in 0..S-1,
     *     labels and masks 0 or 1)
     * @throws IllegalArgumentException when the row breaks the schema (a reader bug: readers
     *     validate input with file and line first)
     */
    public void append(Split split, StoreRow row) {
        for (int f = 0; f < maxIds.length; f++) {
            int id = row.sparse(f);
            if (id < 0) {
                throw new IllegalArgumentException(
                        "negative id " + id + " in field " + schema.getSparseFields().get(f));
            }
            if (id > maxIds[f]) {
                if (id == Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(
                            "id " + id + " too large in field " + schema.getSparseFields().get(f));
                }
                maxIds[f] = id;
            }
        }
        splits.get(split).append(row);
    }

    // ---- formats: vocabulary files (raw value -> id) written into the store's vocab/ folder ----

    /**
     * Writes the vocabulary of a sparse field into the store ({@code vocab/NNN-NAME.tsv}, see
     * {@link VocabularyFile}); the manifest records its file, size and CRC32C, and the field's
     * vocabulary size becomes at least the vocabulary's id count.
     *
     * @param field the sparse field index
     * @param vocabulary the field's ids
     * @throws IOException when writing fails
     * @throws IllegalStateException when the field already has one
     */
    public void putVocabulary(int field, FrozenVocabulary vocabulary) throws IOException {
        if (vocabularies[field] != null) {
            throw new IllegalStateException("field " + field + " already has a vocabulary");
        }
        String name = schema.getSparseFields().get(field);
        String file =
                StoreFormat.VOCABULARY_FOLDER
                        + "/"
                        + String.format(java.util.Locale.ROOT, "%03d-", field)
                        + name.replaceAll("[^A-Za-z0-9_.-]", "_")
                        + ".tsv";
        VocabularyFile.Written written = VocabularyFile.write(temp.resolve(file), name, vocabulary);
        vocabularies[field] =
                new StoreManifest.VocabularyInfo(file, written.bytes(), written.crc32c());
        vocabularyIds[field] = written.size();
    }

    // ---- end formats ----

    /**
     * Returns the rows appended to a split so far.
     *
     * @param split the split
     * @return the row count
     */
    public long rows(Split split) {
        return splits.get(split).rows();
    }

    /**
     * Finishes a store that records no source format, dense scaling or missing markers: {@link
     * #commit(SourceFormat, Map, Map, List, ErrorPolicy, SkipReport)} with nulls.
     *
     * @param source the source section of the manifest (inputs, options)
     * @param policy the error policy used
     * @param skips the rows skipped by reason
     * @return the manifest written
     * @throws IOException when writing or renaming fails
     */
    public StoreManifest commit(Map<String, Object> source, ErrorPolicy policy, SkipReport skips)
            throws IOException {
        return commit(null, source, null, null, policy, skips);
    }

    /**
     * Finishes the store: closes the column files, writes the manifest and renames the temporary
     * folder to the target (replacing an existing store only when {@code force} was set).
     *
     * @param format the input the store was prepared from, or null
     * @param source the source section of the manifest (inputs, options); the keys {@code format},
     *     {@code denseScaling} and {@code missing} are refused: they are typed keys
     * @param denseScaling dense field name to its scaling, or null when the source scales nothing
     * @param missing the texts that meant a missing value, or null
     * @param policy the error policy used
     * @param skips the rows skipped by reason
     * @return the manifest written
     * @throws IOException when writing or renaming fails
     */
    public StoreManifest commit(
            SourceFormat format,
            Map<String, Object> source,
            Map<String, StoreManifest.DenseRange> denseScaling,
            List<String> missing,
            ErrorPolicy policy,
            SkipReport skips)
            throws IOException {
        if (committed || closed) {
            throw new IllegalStateException("the store was already committed or closed");
        }
        for (Map.Entry<Split, SplitWriter> entry : splits.entrySet()) {
            if (entry.getValue().rows() == 0 && skips.total() > 0) {
                throw new DataException(
                        "the "
                                + entry.getKey().key()
                                + " split has no rows left: every row for it was bad and skipped ("
                                + skips.total()
                                + " skipped in all, "
                                + skips.counts()
                                + "; first of each: "
                                + skips.examples().values()
                                + "). No store was written");
            }
        }
        int[] vocabularySizes = new int[maxIds.length];
        for (int f = 0; f < maxIds.length; f++) {
            vocabularySizes[f] = Math.max(maxIds[f] + 1, vocabularyIds[f]);
        }
        StoreManifest manifest = StoreManifest.create(schema, vocabularySizes, vocabularies);
        for (Map.Entry<Split, SplitWriter> entry : splits.entrySet()) {
            manifest.putSplit(entry.getKey(), entry.getValue().finish());
        }
        manifest.setSource(format, source, denseScaling, missing);
        manifest.setErrors(policy.key(), skips.total(), skips.counts(), skips.examples());
        Files.writeString(
                temp.resolve(StoreFormat.MANIFEST), manifest.toJson(), StandardCharsets.UTF_8);
        moveIntoPlace();
        committed = true;
        return manifest;
    }

    private void moveIntoPlace() throws IOException {
        checkTarget(target, force);
        Path old = null;
        if (Files.exists(target)) {
            old = AtomicFiles.asideName(target);
            AtomicFiles.moveNoReplace(target, old);
        }
        AtomicFiles.moveNoReplace(temp, target);
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Discards the store unless it was committed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (SplitWriter split : splits.values()) {
            split.closeQuietly();
        }
        if (!committed) {
            deleteTree(temp);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(
                    root,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                                throws IOException {
                            Files.delete(file);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                                throws IOException {
                            Files.delete(dir);
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    /** The column files and counters of one split. */
    private static final class SplitWriter {
        private final StoreSchema schema;
        private final ColumnWriter[] sparse;
        private final ColumnWriter[] dense;
        private final ColumnWriter scenario;
        private final ColumnWriter[] labels;
        private final ColumnWriter[] masks;
        private final long[] rowsPerScenario;
        private final long[][] positives;
        private final long[][] labelled;
        private long rows;

        SplitWriter(Path folder, StoreSchema schema) throws IOException {
            Files.createDirectories(folder);
            this.schema = schema;
            int tasks = schema.taskCount();
            sparse = new ColumnWriter[schema.sparseCount()];
            dense = new ColumnWriter[schema.denseCount()];
            labels = new ColumnWriter[tasks];
            masks = new ColumnWriter[tasks];
            for (int f = 0; f < sparse.length; f++) {
                sparse[f] =
                        new ColumnWriter(
                                folder.resolve(StoreFormat.sparseFile(f)), ColumnType.INT32);
            }
            for (int f = 0; f < dense.length; f++) {
                dense[f] =
                        new ColumnWriter(
                                folder.resolve(StoreFormat.denseFile(f)), ColumnType.FLOAT32);
            }
            scenario =
                    new ColumnWriter(folder.resolve(StoreFormat.SCENARIO_FILE), ColumnType.INT32);
            for (int t = 0; t < tasks; t++) {
                labels[t] =
                        new ColumnWriter(
                                folder.resolve(StoreFormat.labelFile(t)), ColumnType.UINT8);
                masks[t] =
                        new ColumnWriter(folder.resolve(StoreFormat.maskFile(t)), ColumnType.UINT8);
            }
            rowsPerScenario = new long[schema.scenarioCount()];
            positives = new long[tasks][schema.scenarioCount()];
            labelled = new long[tasks][schema.scenarioCount()];
        }

        void append(StoreRow row) {
            int s = row.scenario();
            if (s < 0 || s >= rowsPerScenario.length) {
                throw new IllegalArgumentException(
                        "scenario id " + s + " outside 0.." + (rowsPerScenario.length - 1));
            }
            if (rows == Integer.MAX_VALUE - 1L) {
                throw new IllegalArgumentException(
                        "a split holds at most " + (Integer.MAX_VALUE - 1L) + " rows");
            }
            for (int f = 0; f < sparse.length; f++) {
                sparse[f].putInt(row.sparse(f));
            }
            for (int f = 0; f < dense.length; f++) {
                float value = row.dense(f);
                if (!Float.isFinite(value)) {
                    throw new IllegalArgumentException(
                            "dense value " + value + " in field " + schema.getDenseFields().get(f));
                }
                dense[f].putFloat(value);
            }
            scenario.putInt(s);
            for (int t = 0; t < labels.length; t++) {
                byte label = row.label(t);
                byte mask = row.mask(t);
                if ((label | mask) >>> 1 != 0 || (label == 1 && mask == 0)) {
                    throw new IllegalArgumentException(
                            "label " + label + " / mask " + mask + " for task " + t);
                }
                labels[t].putByte(label);
                masks[t].putByte(mask);
                positives[t][s] += label;
                labelled[t][s] += mask;
            }
            rowsPerScenario[s]++;
            rows++;
        }

        long rows() {
            return rows;
        }

        StoreManifest.SplitInfo finish() throws IOException {
            List<StoreManifest.ColumnInfo> columns = new ArrayList<>();
            for (int f = 0; f < sparse.length; f++) {
                columns.add(
                        info(
                                "sparse:" + schema.getSparseFields().get(f),
                                StoreFormat.sparseFile(f),
                                sparse[f]));
            }
            for (int f = 0; f < dense.length; f++) {
                columns.add(
                        info(
                                "dense:" + schema.getDenseFields().get(f),
                                StoreFormat.denseFile(f),
                                dense[f]));
            }
            columns.add(info("scenario", StoreFormat.SCENARIO_FILE, scenario));
            for (int t = 0; t < labels.length; t++) {
                columns.add(
                        info(
                                "label:" + schema.getTasks().get(t),
                                StoreFormat.labelFile(t),
                                labels[t]));
                columns.add(
                        info(
                                "mask:" + schema.getTasks().get(t),
                                StoreFormat.maskFile(t),
                                masks[t]));
            }
            return StoreManifest.splitInfo(
                    rows, rowsPerScenario, schema.getTasks(), positives, labelled, columns);
        }

        private static StoreManifest.ColumnInfo info(String name, String file, ColumnWriter w)
                throws IOException {
            w.close();
            return new StoreManifest.ColumnInfo(name, file, w.type(), w.bytes(), w.crc32c());
        }

        void closeQuietly() {
            List<ColumnWriter> all = new ArrayList<>(List.of(sparse));
            all.addAll(List.of(dense));
            all.add(scenario);
            all.addAll(List.of(labels));
            all.addAll(List.of(masks));
            for (ColumnWriter writer : all) {
                try {
                    writer.close();
                } catch (IOException | UncheckedIOException e) {
                    // discarded with the temporary folder
                }
            }
        }
    }
}
