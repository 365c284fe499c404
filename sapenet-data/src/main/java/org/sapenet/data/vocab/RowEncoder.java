/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.vocab;

import java.util.List;
import java.util.Map;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.StoreManifest;

/**
 * Encodes new raw rows for scoring exactly as the store's rows were encoded: sparse values through
 * the store's vocabularies (unknown values 0; fields without a vocabulary take the raw text as an
 * id, 0 when it is not an id below the field's vocabulary size) and dense values with the store's
 * recorded scaling (min-max with the training range, clipped to [0, 1]; missing values filled).
 *
 * <pre>{@code
 * RowEncoder encoder = RowEncoder.open(PreparedStore.open(Path.of("stores/kuaisar")));
 * int[] ids = encoder.encodeSparse(Map.of("user_id", "42", "item_id", "977", "hour", "20",
 *         "search_source", "", "keyword_token", ""));       // F ids, model input 0
 * float[] dense = encoder.encodeDense(Map.of());              // Fd values, model input 1
 * int scenario = encoder.scenario("recommendation");          // model input 2
 * }</pre>
 *
 * <p>Thread-safe after {@link #open} (read-only).
 */
public final class RowEncoder {

    private final List<String> sparseFields;
    private final List<String> denseFields;
    private final List<String> scenarios;
    private final Vocabulary[] vocabularies;
    private final int[] sizes;
    private final List<DenseScaling> scaling;

    private RowEncoder(PreparedStore store) {
        StoreManifest manifest = store.getManifest();
        sparseFields = manifest.toSchema().getSparseFields();
        denseFields = manifest.toSchema().getDenseFields();
        scenarios = manifest.toSchema().getScenarios();
        sizes = manifest.vocabularySizes();
        vocabularies = new Vocabulary[sparseFields.size()];
        List<StoreManifest.SparseField> fields = manifest.getSchema().getSparse();
        for (int f = 0; f < vocabularies.length; f++) {
            if (fields.get(f).getVocabularyFile() != null) {
                vocabularies[f] = Vocabulary.load(store, sparseFields.get(f));
            }
        }
        scaling = DenseScaling.fromManifest(manifest);
    }

    /**
     * Opens the encoder of a store (loads every vocabulary, checking its checksum).
     *
     * @param store the store
     * @return the encoder
     */
    public static RowEncoder open(PreparedStore store) {
        return new RowEncoder(store);
    }

    /**
     * Encodes the sparse fields of a row.
     *
     * @param raw field name to raw value; absent fields encode as 0
     * @return F ids in store field order
     */
    public int[] encodeSparse(Map<String, String> raw) {
        int[] ids = new int[sparseFields.size()];
        for (int f = 0; f < ids.length; f++) {
            String value = raw.get(sparseFields.get(f));
            if (value == null) {
                continue;
            }
            if (vocabularies[f] != null) {
                ids[f] = vocabularies[f].id(value);
            } else {
                try {
                    int id = Integer.parseInt(value.trim());
                    ids[f] = id > 0 && id < sizes[f] ? id : 0;
                } catch (NumberFormatException e) {
                    ids[f] = 0;
                }
            }
        }
        return ids;
    }

    /**
     * Encodes the dense fields of a row.
     *
     * @param raw field name to raw value (decimal text); absent or unparsable values are filled
     * @return Fd values in store field order
     */
    public float[] encodeDense(Map<String, String> raw) {
        float[] out = new float[denseFields.size()];
        for (int d = 0; d < out.length; d++) {
            String value = raw.get(denseFields.get(d));
            float v = Float.NaN;
            if (value != null) {
                try {
                    v = Float.parseFloat(value.trim());
                } catch (NumberFormatException e) {
                    v = Float.NaN;
                }
            }
            out[d] = scaling.get(d).apply(v);
        }
        return out;
    }

    /**
     * Returns a scenario's id.
     *
     * @param name the scenario name as in the manifest
     * @return 0..S-1
     * @throws IllegalArgumentException for an unknown name
     */
    public int scenario(String name) {
        int s = scenarios.indexOf(name);
        if (s < 0) {
            throw new IllegalArgumentException(
                    "unknown scenario '" + name + "': the store has " + scenarios);
        }
        return s;
    }

    /**
     * Returns the vocabulary of a sparse field.
     *
     * @param field the field name
     * @return the vocabulary, or null when the field has none (its raw values are ids)
     */
    public Vocabulary vocabulary(String field) {
        int f = sparseFields.indexOf(field);
        return f < 0 ? null : vocabularies[f];
    }

    /**
     * Returns the sparse field names.
     *
     * @return F names in store order
     */
    public List<String> getSparseFields() {
        return sparseFields;
    }

    /**
     * Returns the dense field names.
     *
     * @return Fd names in store order
     */
    public List<String> getDenseFields() {
        return denseFields;
    }
}
