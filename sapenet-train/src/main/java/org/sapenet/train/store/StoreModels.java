/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.store;

import org.sapenet.data.schema.StoreSchema;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.train.options.DatasetPreset;

/** Derives what a model needs from a prepared store: its config and the dataset preset. */
public final class StoreModels {

    private StoreModels() {}

    /**
     * Returns the model config of a store: field names, vocabulary sizes, dense names, scenarios
     * and tasks from the manifest (a vocabulary of size 1 counts as 2), and the paper's defaults
     * for every hyper-parameter (embedding 16, 2 PLE levels, ...).
     *
     * @param store the store
     * @return a builder holding the store's shape, to adjust and build
     */
    public static ModelConfig.Builder configOf(PreparedStore store) {
        return configOf(store.getSchema(), store.vocabularySizes());
    }

    /**
     * Returns the model config of a store's schema: the one place a data contract becomes a model
     * config. Sparse and dense field names, scenarios and tasks are the schema's, in its order;
     * each sparse field's vocabulary size is the given one, at least 2.
     *
     * @param schema the store's schema
     * @param vocabularySizes the vocabulary size of each sparse field (max id + 1)
     * @return a builder holding the shape, with the paper's defaults for every hyper-parameter
     * @throws IllegalArgumentException when the sizes do not match the sparse fields
     */
    public static ModelConfig.Builder configOf(StoreSchema schema, int[] vocabularySizes) {
        if (vocabularySizes.length != schema.sparseCount()) {
            throw new IllegalArgumentException(
                    vocabularySizes.length
                            + " vocabulary sizes for "
                            + schema.sparseCount()
                            + " sparse fields");
        }
        // A field whose every value is the unknown id 0 (size 1: AliCCP's 126 in small samples)
        // gets one unused row: a model field needs the unknown id and at least one other.
        int[] sizes = new int[vocabularySizes.length];
        for (int f = 0; f < sizes.length; f++) {
            sizes[f] = Math.max(2, vocabularySizes[f]);
        }
        return ModelConfig.builder()
                .setSparseFields(schema.getSparseFields(), sizes)
                .setDenseFields(schema.getDenseFields())
                .setScenarios(schema.getScenarios())
                .setTasks(schema.getTasks());
    }

    /**
     * Returns the preset of a store, from the source format recorded in its manifest.
     *
     * @param store the store
     * @return the preset
     */
    public static DatasetPreset presetOf(PreparedStore store) {
        return DatasetPreset.of(store.getManifest().getSourceFormat());
    }
}
