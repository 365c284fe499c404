/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.SkipReport;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.vocab.DenseScaling;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.serve.checkpoint.Checkpoint;
import org.sapenet.serve.testing.TestModels;

/**
 * A store whose dense fields were min-max scaled and filled through a checkpoint: scoring encodes
 * raw dense values exactly as the store's own {@link DenseScaling} does.
 */
class DenseScalingTest {

    /**
     * Scales a row's dense values with the store's recorded scaling: a missing or unparsable value
     * is NaN, which takes the fill value.
     */
    private static float[] storeDense(StoreManifest manifest, Map<String, String> row) {
        List<String> fields = manifest.getSchema().getDense();
        List<DenseScaling> scaling = DenseScaling.fromManifest(manifest);
        float[] out = new float[fields.size()];
        for (int d = 0; d < out.length; d++) {
            String raw = row.get(fields.get(d));
            float v = Float.NaN;
            if (raw != null) {
                try {
                    v = Float.parseFloat(raw.trim());
                } catch (NumberFormatException e) {
                    v = Float.NaN;
                }
            }
            out[d] = scaling.get(d).apply(v);
        }
        return out;
    }

    private static final String SCHEMA =
            "{\"missing\": [\"\", \"NA\"], \"sparse\": [\"user\"],"
                    + " \"dense\": [{\"name\": \"price\", \"scaling\": \"minmax\", \"fill\": 0.5},"
                    + " {\"name\": \"age\"}],"
                    + " \"scenario\": {\"column\": \"domain\", \"values\": [\"search\", \"feed\"]},"
                    + " \"tasks\": [{\"name\": \"click\"}]}";

    /** Raw prices: inside the training range [10, 30], outside it on both sides, and missing. */
    private static final List<String> PRICES =
            List.of("10", "12.5", "17.25", "30", "45", "-3", "", "NA");

    @Test
    void checkpointScalesDenseValuesLikeTheStore(@TempDir Path temp) throws IOException {
        Path in = temp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("schema.json"), SCHEMA);
        for (String split : List.of("train", "val", "test")) {
            StringBuilder csv = new StringBuilder("domain,user,price,age,click\n");
            for (int i = 0; i < 30; i++) {
                csv.append(i % 2 == 0 ? "search" : "feed")
                        .append(",u")
                        .append(i % 4)
                        .append(',')
                        .append(i % 10 == 9 ? "NA" : String.valueOf(10 + (i % 21)))
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
        StoreManifest stored = PreparedStore.open(storeDir).getManifest();
        Path dir = TestModels.writeStoreCheckpoint(temp.resolve("model"), manifest, storeDir);
        List<Map<String, String>> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder("domain,user,price,age\n");
        for (int i = 0; i < PRICES.size(); i++) {
            String age = i == 0 ? "" : String.valueOf(18 + i);
            rows.add(Map.of("domain", "feed", "user", "u1", "price", PRICES.get(i), "age", age));
            csv.append("feed,u1,").append(PRICES.get(i)).append(',').append(age).append('\n');
        }
        Path scoring = temp.resolve("score.csv");
        Files.writeString(scoring, csv);
        try (Checkpoint checkpoint = Checkpoint.load(dir)) {
            RowEncoder encoder = checkpoint.getEncoder();
            float[] expected = new float[rows.size() * 2];
            for (int r = 0; r < rows.size(); r++) {
                float[] dense = storeDense(stored, rows.get(r));
                System.arraycopy(dense, 0, expected, r * 2, 2);
                assertEquals(dense[0], encoder.encodeDense(0, rows.get(r).get("price")));
                assertEquals(dense[1], encoder.encodeDense(1, rows.get(r).get("age")));
            }
            // the store's scaling, by hand: (v - 10) / (30 - 10) clipped, missing prices 0.5
            assertEquals(0.125f, expected[2]);
            assertEquals(1f, expected[8]);
            assertEquals(0f, expected[10]);
            assertEquals(0.5f, expected[12]);
            assertEquals(0.5f, expected[14]);
            assertEquals(0f, expected[1]);
            assertEquals(19f, expected[3]);

            ScoringBatch batch = encoder.encode(rows, null);
            assertArrayEquals(expected, batch.dense());
            try (CsvBatchReader reader =
                    new CsvBatchReader(
                            scoring, encoder, null, ErrorPolicy.FAIL, new SkipReport())) {
                assertArrayEquals(expected, reader.next(100).batch().dense());
            }
            assertThrows(ValueException.class, () -> encoder.encodeDense(0, "cheap"));
        }
    }

    @Test
    void schemaWithoutScalingUsesValuesAsGiven(@TempDir Path temp) throws IOException {
        ModelConfig config =
                ModelConfig.builder()
                        .setSparseFields(List.of("user"), new int[] {4})
                        .setDenseFields(List.of("price"))
                        .setScenarios(List.of("search", "feed"))
                        .setTasks(List.of("click"))
                        .build();
        JsonObject json =
                JsonParser.parseString(InputSchema.of(config, null, null).toJson())
                        .getAsJsonObject();
        assertFalse(json.has("denseScaling"));
        InputSchema old = InputSchema.fromJson(json.toString());
        assertNull(old.getDenseScaling());
        RowEncoder encoder = RowEncoder.of(old, temp);
        assertEquals(45f, encoder.encodeDense(0, "45"));
        assertThrows(ValueException.class, () -> encoder.encodeDense(0, ""));
        Map<String, String> row = new HashMap<>(Map.of("user", "1", "price", "-3"));
        assertArrayEquals(new float[] {-3f}, encoder.encode(List.of(row), "feed").dense());
    }
}
