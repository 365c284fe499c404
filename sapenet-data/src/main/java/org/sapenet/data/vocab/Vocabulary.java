/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.vocab;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sapenet.data.error.StoreException;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.StoreManifest;

/**
 * The vocabulary of one sparse field of a prepared store: raw value to id exactly as the store was
 * encoded, 0 for a value it does not know. Used to encode new rows for scoring.
 *
 * <pre>{@code
 * PreparedStore store = PreparedStore.open(Path.of("stores/kuaisar"));
 * Vocabulary users = Vocabulary.load(store, "user_id");
 * int id = users.id("12345"); // 0 when the user was rare or unseen in training
 * }</pre>
 *
 * <p>Thread-safe after loading (read-only).
 */
public final class Vocabulary {

    private final String field;
    private final Map<String, Integer> ids;
    private final List<String> values; // index id - 1

    private Vocabulary(String field, Map<String, Integer> ids, List<String> values) {
        this.field = field;
        this.ids = ids;
        this.values = values;
    }

    /**
     * Loads the vocabulary of a field of a store, checking the file's size and CRC32C against the
     * manifest.
     *
     * @param store the store
     * @param field the sparse field name
     * @return the vocabulary
     * @throws IllegalArgumentException when the store has no such field or it has no vocabulary
     *     (its source was already id-encoded, as processed AliCCP is)
     * @throws StoreException when the file is missing, damaged or of another version
     */
    public static Vocabulary load(PreparedStore store, String field) {
        StoreManifest.SparseField info = null;
        for (StoreManifest.SparseField candidate : store.getManifest().getSchema().getSparse()) {
            if (candidate.getName().equals(field)) {
                info = candidate;
            }
        }
        if (info == null) {
            throw new IllegalArgumentException(
                    "the store " + store.getRoot() + " has no sparse field '" + field + "'");
        }
        if (info.getVocabularyFile() == null) {
            throw new IllegalArgumentException(
                    "sparse field '"
                            + field
                            + "' of "
                            + store.getRoot()
                            + " has no vocabulary: its source values were already ids");
        }
        Path file = store.getRoot().resolve(info.getVocabularyFile());
        try {
            long bytes = Files.size(file);
            String crc = String.format(Locale.ROOT, "%08x", VocabularyFile.crc32c(file));
            if (info.getVocabularyBytes() == null
                    || bytes != info.getVocabularyBytes()
                    || !crc.equals(info.getVocabularyCrc32c())) {
                throw new StoreException(
                        "damaged store: "
                                + file
                                + " has "
                                + bytes
                                + " bytes and CRC32C "
                                + crc
                                + ", the manifest records "
                                + info.getVocabularyBytes()
                                + " bytes and "
                                + info.getVocabularyCrc32c()
                                + ": prepare the store again");
            }
        } catch (IOException e) {
            throw new StoreException("damaged store: cannot read " + file, e);
        }
        Vocabulary vocabulary = read(file);
        if (!vocabulary.field.equals(field)) {
            throw new StoreException(
                    file + ": holds field '" + vocabulary.field + "', expected '" + field + "'");
        }
        return vocabulary;
    }

    /**
     * Reads a vocabulary file (no checksum check: use {@link #load} for a store's).
     *
     * @param file the file
     * @return the vocabulary
     * @throws StoreException when the file is missing or not a vocabulary of this version
     */
    public static Vocabulary read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String magic = in.readLine();
            String expected = VocabularyFile.MAGIC + " " + VocabularyFile.VERSION;
            if (magic == null || !magic.startsWith(VocabularyFile.MAGIC + " ")) {
                throw new StoreException(file + ":1: not a sapenet vocabulary file");
            }
            if (!magic.equals(expected)) {
                throw new StoreException(
                        file
                                + ":1: vocabulary format '"
                                + magic
                                + "', this sapenet reads '"
                                + expected
                                + "': prepare the store again");
            }
            String fieldLine = in.readLine();
            String sizeLine = in.readLine();
            if (fieldLine == null
                    || !fieldLine.startsWith("#field ")
                    || sizeLine == null
                    || !sizeLine.startsWith("#size ")) {
                throw new StoreException(file + ":2: expected '#field NAME' and '#size N' lines");
            }
            String field = VocabularyFile.unescape(fieldLine.substring(7), file + ":2");
            int size;
            try {
                size = Integer.parseInt(sizeLine.substring(6).trim());
            } catch (NumberFormatException e) {
                throw new StoreException(file + ":3: bad size '" + sizeLine + "'");
            }
            Map<String, Integer> ids = new HashMap<>(Math.max(16, size * 4 / 3 + 1));
            List<String> values = new ArrayList<>(Math.max(0, size - 1));
            String line;
            int lineNumber = 3;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                int id = values.size() + 1;
                int tab = line.indexOf('\t');
                String where = file + ":" + lineNumber;
                if (tab < 0 || !line.substring(0, tab).equals(Integer.toString(id))) {
                    throw new StoreException(where + ": expected id " + id + ", a tab and a value");
                }
                String value = VocabularyFile.unescape(line.substring(tab + 1), where);
                if (ids.put(value, id) != null) {
                    throw new StoreException(where + ": duplicate value '" + value + "'");
                }
                values.add(value);
            }
            if (values.size() != size - 1) {
                throw new StoreException(
                        file
                                + ": "
                                + values.size()
                                + " values, but '#size "
                                + size
                                + "' needs "
                                + (size - 1)
                                + " (was the file cut off?)");
            }
            return new Vocabulary(field, ids, values);
        } catch (IOException e) {
            throw new StoreException("cannot read vocabulary " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the field name.
     *
     * @return the sparse field's name
     */
    public String getField() {
        return field;
    }

    /**
     * Returns the number of ids, 0 included (the field's embedding rows it needs at least).
     *
     * @return ids 0..size()-1
     */
    public int size() {
        return values.size() + 1;
    }

    /**
     * Returns the id of a raw value, as the store encoded it.
     *
     * @param raw the raw value (text as in the source file, unquoted)
     * @return its id, or 0 when the value is unknown (rare or unseen in training)
     */
    public int id(String raw) {
        Integer id = ids.get(raw);
        return id == null ? 0 : id;
    }

    /**
     * Returns the raw value of an id.
     *
     * @param id an id
     * @return the value, or null for 0 and ids outside the vocabulary
     */
    public String value(int id) {
        return id <= 0 || id > values.size() ? null : values.get(id - 1);
    }
}
