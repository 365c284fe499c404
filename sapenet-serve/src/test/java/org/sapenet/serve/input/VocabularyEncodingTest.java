/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.vocab.Vocabulary;
import org.sapenet.serve.checkpoint.Checkpoint;
import org.sapenet.serve.testing.TestModels;

/**
 * A store with vocabulary fields (a user CSV described by a schema) through a checkpoint: scoring
 * encodes raw values with the store's own vocabulary files, unseen values as 0.
 */
class VocabularyEncodingTest {

    private static final String SCHEMA =
            "{\"sparse\": [\"user\", \"city\"], \"dense\": [\"age\"],"
                    + " \"vocabulary\": {\"minCount\": 1},"
                    + " \"scenario\": {\"column\": \"domain\", \"values\": [\"search\", \"feed\"]},"
                    + " \"tasks\": [{\"name\": \"click\"}]}";

    @Test
    void checkpointEncodesRawValuesLikeTheStore(@TempDir Path temp) throws IOException {
        Path in = temp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("schema.json"), SCHEMA);
        String[] cities = {"\"Paris, FR\"", "Lyon", "\"a \"\"quoted\"\" town\""};
        for (String split : List.of("train", "val", "test")) {
            StringBuilder csv = new StringBuilder("domain,user,city,age,click\n");
            for (int i = 0; i < 40; i++) {
                csv.append(i % 2 == 0 ? "search" : "feed")
                        .append(",u")
                        .append(i % 5)
                        .append(',')
                        .append(cities[i % 3])
                        .append(',')
                        .append(20 + i % 7)
                        .append(',')
                        .append(i % 3 == 0 ? 1 : 0)
                        .append('\n');
            }
            Files.writeString(in.resolve(split + ".csv"), csv);
        }
        Path storeDir = temp.resolve("store");
        StoreManifest manifest = TestModels.prepareSchemaStore(in, storeDir);
        PreparedStore store = PreparedStore.open(storeDir);
        Path dir = TestModels.writeStoreCheckpoint(temp.resolve("model"), manifest, storeDir);
        try (Checkpoint checkpoint = Checkpoint.load(dir)) {
            RowEncoder encoder = checkpoint.getEncoder();
            List<String> fields = manifest.toSchema().getSparseFields();
            for (int f = 0; f < fields.size(); f++) {
                assertTrue(encoder.hasVocabulary(f), fields.get(f));
                Vocabulary vocabulary = Vocabulary.load(store, fields.get(f));
                for (int id = 1; id < vocabulary.size(); id++) {
                    String raw = vocabulary.value(id);
                    assertEquals(id, encoder.encodeSparse(f, raw), fields.get(f) + "=" + raw);
                }
                assertEquals(0, encoder.encodeSparse(f, "never seen"), "unseen value");
            }
            int city = fields.indexOf("city");
            assertTrue(encoder.encodeSparse(city, "Paris, FR") > 0);
            assertTrue(encoder.encodeSparse(city, "a \"quoted\" town") > 0);
        }
    }
}
