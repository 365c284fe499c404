/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.store;

import java.util.ArrayList;
import java.util.List;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.StoreManifest;
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
        StoreManifest.Schema schema = store.getManifest().getSchema();
        List<String> names = new ArrayList<>();
        for (StoreManifest.SparseField field : schema.getSparse()) {
            names.add(field.getName());
        }
        // A field whose every value is the unknown id 0 (size 1: AliCCP's 126 in small samples)
        // gets one unused row: a model field needs the unknown id and at least one other.
        int[] sizes = store.vocabularySizes().clone();
        for (int f = 0; f < sizes.length; f++) {
            sizes[f] = Math.max(2, sizes[f]);
        }
        return ModelConfig.builder()
                .setSparseFields(names, sizes)
                .setDenseFields(schema.getDense())
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
