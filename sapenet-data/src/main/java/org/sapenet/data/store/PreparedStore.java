/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.sapenet.data.error.StoreException;
import org.sapenet.data.schema.StoreSchema;

/**
 * A prepared store opened for reading.
 *
 * <p>Opening reads the manifest, checks the format name and version, the byte order and, for every
 * column file of every split, that it exists with the size the manifest records (rows x width).
 * With {@link Verification#CHECKSUMS} (the default) each split's files are also checked against
 * their CRC32C the first time the split is opened (one sequential read, about 1 s per GB from a
 * warm page cache). A store that fails any check is refused with a {@link StoreException}.
 */
public final class PreparedStore {

    private final Path root;
    private final StoreManifest manifest;
    private final StoreSchema schema;
    private final Verification verification;
    private final EnumMap<Split, StoreSplit> opened = new EnumMap<>(Split.class);

    private PreparedStore(Path root, StoreManifest manifest, Verification verification) {
        this.root = root;
        this.manifest = manifest;
        this.schema = manifest.toSchema();
        this.verification = verification;
    }

    /**
     * Opens a store, verifying checksums of each split when it is first used.
     *
     * @param root the store folder
     * @return the store
     * @throws StoreException when the store is missing, damaged or of another format version
     */
    public static PreparedStore open(Path root) {
        return open(root, Verification.CHECKSUMS);
    }

    /**
     * Opens a store.
     *
     * @param root the store folder
     * @param verification what to check beyond sizes
     * @return the store
     * @throws StoreException when the store is missing, damaged or of another format version
     */
    public static PreparedStore open(Path root, Verification verification) {
        Path file = root.resolve(StoreFormat.MANIFEST);
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new StoreException(
                    root
                            + " is not a prepared store: "
                            + StoreFormat.MANIFEST
                            + " is missing"
                            + " (an interrupted `sapenet prepare` leaves no manifest; run it"
                            + " again)");
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        StoreManifest manifest = StoreManifest.parse(json, file.toString());
        checkHeader(manifest, file);
        PreparedStore store = new PreparedStore(root, manifest, verification);
        for (Split split : Split.values()) {
            store.checkSizes(split);
        }
        return store;
    }

    private static void checkHeader(StoreManifest manifest, Path file) {
        if (!StoreFormat.FORMAT_NAME.equals(manifest.getFormat())) {
            throw new StoreException(
                    file
                            + ": format is '"
                            + manifest.getFormat()
                            + "', expected '"
                            + StoreFormat.FORMAT_NAME
                            + "'");
        }
        if (manifest.getFormatVersion() < StoreFormat.OLDEST_READABLE_VERSION
                || manifest.getFormatVersion() > StoreFormat.VERSION) {
            throw new StoreException(
                    file
                            + ": store format version "
                            + manifest.getFormatVersion()
                            + ", but this sapenet reads versions "
                            + StoreFormat.OLDEST_READABLE_VERSION
                            + " to "
                            + StoreFormat.VERSION
                            + ": prepare the store again with this version (sapenet prepare)");
        }
        if (!StoreFormat.BYTE_ORDER_NAME.equals(manifest.getByteOrder())) {
            throw new StoreException(
                    file
                            + ": byte order '"
                            + manifest.getByteOrder()
                            + "', expected '"
                            + StoreFormat.BYTE_ORDER_NAME
                            + "'");
        }
        if (manifest.getSchema() == null || manifest.getSplits() == null) {
            throw new StoreException(file + ": the manifest has no schema or splits section");
        }
        try {
            manifest.toSchema();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StoreException(file + ": invalid schema: " + e.getMessage(), e);
        }
    }

    private StoreManifest.SplitInfo info(Split split) {
        StoreManifest.SplitInfo info = manifest.split(split);
        if (info == null) {
            throw new StoreException(
                    root.resolve(StoreFormat.MANIFEST) + ": no '" + split.key() + "' split");
        }
        return info;
    }

    private void checkSizes(Split split) {
        StoreManifest.SplitInfo info = info(split);
        if (info.getRows() < 0 || info.getRows() >= Integer.MAX_VALUE) {
            throw new StoreException(
                    root
                            + ": split "
                            + split.key()
                            + " has "
                            + info.getRows()
                            + " rows; a split holds 0.."
                            + (Integer.MAX_VALUE - 1L));
        }
        int expected = schema.sparseCount() + schema.denseCount() + 1 + 2 * schema.taskCount();
        if (info.getColumns().size() != expected) {
            throw new StoreException(
                    root
                            + ": split "
                            + split.key()
                            + " lists "
                            + info.getColumns().size()
                            + " column files, expected "
                            + expected);
        }
        List<String> names = expectedColumnNames();
        for (int c = 0; c < expected; c++) {
            StoreManifest.ColumnInfo column = info.getColumns().get(c);
            if (!names.get(c).equals(column.getName())) {
                throw new StoreException(
                        root.resolve(StoreFormat.MANIFEST)
                                + ": split "
                                + split.key()
                                + " column "
                                + c
                                + " is '"
                                + column.getName()
                                + "', expected '"
                                + names.get(c)
                                + "'");
            }
            String name = column.getFile();
            if (name == null || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new StoreException(
                        root.resolve(StoreFormat.MANIFEST)
                                + ": column "
                                + column.getName()
                                + " names file '"
                                + name
                                + "', expected a plain file name");
            }
            ColumnType type = ColumnType.fromKey(column.getType());
            Path file = root.resolve(split.key()).resolve(name);
            if (type == null) {
                throw new StoreException(file + ": unknown column type '" + column.getType() + "'");
            }
            long want = info.getRows() * type.width();
            if (column.getBytes() != want) {
                throw new StoreException(
                        root.resolve(StoreFormat.MANIFEST)
                                + ": column "
                                + column.getName()
                                + " records "
                                + column.getBytes()
                                + " bytes, but "
                                + info.getRows()
                                + " rows need "
                                + want);
            }
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new StoreException(
                        "damaged store: column file " + file + " is missing or unreadable", e);
            }
            if (size != want) {
                throw new StoreException(
                        "damaged store: "
                                + file
                                + " has "
                                + size
                                + " bytes, the manifest records "
                                + want
                                + " ("
                                + info.getRows()
                                + " rows x "
                                + type.width()
                                + ")");
            }
        }
    }

    /** The column names in file order: sparse, dense, scenario, then label and mask per task. */
    private List<String> expectedColumnNames() {
        List<String> names = new java.util.ArrayList<>();
        for (String field : schema.getSparseFields()) {
            names.add("sparse:" + field);
        }
        for (String field : schema.getDenseFields()) {
            names.add("dense:" + field);
        }
        names.add("scenario");
        for (String task : schema.getTasks()) {
            names.add("label:" + task);
            names.add("mask:" + task);
        }
        return names;
    }

    /**
     * Checks the CRC32C of every column file of every split, whatever the verification mode.
     *
     * @throws StoreException on the first mismatch
     */
    public void verifyChecksums() {
        for (Split split : Split.values()) {
            verifyChecksums(split);
        }
        // formats: vocabulary files are checked like columns
        for (StoreManifest.SparseField field : manifest.getSchema().getSparse()) {
            if (field.getVocabularyFile() != null) {
                org.sapenet.data.vocab.Vocabulary.load(this, field.getName());
            }
        }
    }

    private void verifyChecksums(Split split) {
        for (StoreManifest.ColumnInfo column : info(split).getColumns()) {
            Path file = root.resolve(split.key()).resolve(column.getFile());
            String actual = String.format(Locale.ROOT, "%08x", crc32c(file));
            if (!actual.equals(column.getCrc32c())) {
                throw new StoreException(
                        "damaged store: "
                                + file
                                + " has CRC32C "
                                + actual
                                + ", the manifest records "
                                + column.getCrc32c()
                                + ": prepare the store again");
            }
        }
    }

    private static long crc32c(Path file) {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
        } catch (IOException e) {
            throw new StoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return crc.getValue();
    }

    /**
     * Returns the store folder.
     *
     * @return the root
     */
    public Path getRoot() {
        return root;
    }

    /**
     * Returns the manifest.
     *
     * @return the manifest
     */
    public StoreManifest getManifest() {
        return manifest;
    }

    /**
     * Returns the schema.
     *
     * @return F sparse, Fd dense fields, S scenarios, T tasks
     */
    public StoreSchema getSchema() {
        return schema;
    }

    /**
     * Returns the vocabulary size of each sparse field (max id + 1 over all splits): the embedding
     * table sizes.
     *
     * @return F sizes
     */
    public int[] vocabularySizes() {
        return manifest.vocabularySizes();
    }

    /**
     * Opens (maps) one split, verifying its checksums first when the store was opened with {@link
     * Verification#CHECKSUMS}.
     *
     * @param split the split
     * @return its columns
     * @throws StoreException when a checksum does not match or a file cannot be mapped
     */
    public synchronized StoreSplit split(Split split) {
        StoreSplit cached = opened.get(split);
        if (cached != null) {
            return cached;
        }
        if (verification == Verification.CHECKSUMS) {
            verifyChecksums(split);
        }
        StoreManifest.SplitInfo info = info(split);
        int rows = (int) info.getRows();
        Path folder = root.resolve(split.key());
        List<StoreManifest.ColumnInfo> columns = info.getColumns();
        int at = 0;
        try {
            MappedColumn[] sparse = new MappedColumn[schema.sparseCount()];
            for (int f = 0; f < sparse.length; f++) {
                sparse[f] = map(folder, columns.get(at++), ColumnType.INT32, rows);
            }
            MappedColumn[] dense = new MappedColumn[schema.denseCount()];
            for (int f = 0; f < dense.length; f++) {
                dense[f] = map(folder, columns.get(at++), ColumnType.FLOAT32, rows);
            }
            MappedColumn scenario = map(folder, columns.get(at++), ColumnType.INT32, rows);
            MappedColumn[] labels = new MappedColumn[schema.taskCount()];
            MappedColumn[] masks = new MappedColumn[schema.taskCount()];
            for (int t = 0; t < labels.length; t++) {
                labels[t] = map(folder, columns.get(at++), ColumnType.UINT8, rows);
                masks[t] = map(folder, columns.get(at++), ColumnType.UINT8, rows);
            }
            StoreSplit result =
                    new StoreSplit(
                            split,
                            schema,
                            rows,
                            info.getRowsPerScenario(),
                            sparse,
                            dense,
                            scenario,
                            labels,
                            masks);
            opened.put(split, result);
            return result;
        } catch (IOException e) {
            throw new StoreException("cannot map split " + split.key() + " of " + root, e);
        }
    }

    private static MappedColumn map(
            Path folder, StoreManifest.ColumnInfo column, ColumnType type, int rows)
            throws IOException {
        if (!type.key().equals(column.getType())) {
            throw new StoreException(
                    folder.resolve(column.getFile())
                            + ": column "
                            + column.getName()
                            + " has type "
                            + column.getType()
                            + ", expected "
                            + type.key());
        }
        return MappedColumn.map(folder.resolve(column.getFile()), type, rows);
    }
}
