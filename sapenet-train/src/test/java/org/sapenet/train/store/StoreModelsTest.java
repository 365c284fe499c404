/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.source.aliccp.AliccpPreparer;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.train.TestResources;

class StoreModelsTest {

    @Test
    void realSampleWithAnAllUnknownFieldGivesAValidConfig(@TempDir Path temp) throws IOException {
        Path samples = TestResources.aliccpSamples();
        Path storeDir = temp.resolve("store");
        AliccpPreparer.builder().setInput(samples).setOutput(storeDir).build().prepare();
        PreparedStore store = PreparedStore.open(storeDir);
        int field = store.getSchema().getSparseFields().indexOf("126");
        assertEquals(1, store.vocabularySizes()[field], "126 holds only the unknown id here");

        ModelConfig config = StoreModels.configOf(store).build();
        assertEquals(2, config.getVocabularySizes().get(field));
        int f205 = store.getSchema().getSparseFields().indexOf("205");
        assertEquals(store.vocabularySizes()[f205], config.getVocabularySizes().get(f205));
    }
}
