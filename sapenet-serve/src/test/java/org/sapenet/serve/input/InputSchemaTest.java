/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.source.aliccp.AliccpPreparer;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.serve.testing.TestModels;

class InputSchemaTest {

    @TempDir Path tmp;

    @Test
    void schemaOfAPreparedStoreNamesItsScenarioColumnAndSizes() throws Exception {
        Path samples = TestModels.sampleDir().resolve("scenario-wise-rec");
        Path store = tmp.resolve("store");
        StoreManifest manifest =
                AliccpPreparer.builder()
                        .optFile(Split.TRAIN, samples.resolve("ali_ccp_train_sample.csv"))
                        .optFile(Split.VAL, samples.resolve("ali_ccp_val_sample.csv"))
                        .optFile(Split.TEST, samples.resolve("ali_ccp_test_sample.csv"))
                        .setOutput(store)
                        .build()
                        .prepare();
        // A field whose sample ids are all 0 has store size 1; a config needs at least 2.
        int[] sizes = manifest.vocabularySizes().clone();
        for (int f = 0; f < sizes.length; f++) {
            sizes[f] = Math.max(2, sizes[f]);
        }
        ModelConfig config =
                TestModels.aliccpConfig().toBuilder()
                        .setSparseFields(AliccpSchema.SPARSE_FIELDS, sizes)
                        .build();
        InputSchema schema = InputSchema.fromStore(config, manifest, store);
        assertEquals("301", schema.getScenarioColumn());
        assertEquals(List.of("1", "2", "3"), schema.getScenarioValues());
        assertEquals(config.getSparseFields(), schema.sparseFieldNames());
        assertNull(schema.getSparseFields().get(0).getVocabularyFile());
        schema.checkMatches(config);
        assertEquals(schema.toJson(), InputSchema.fromJson(schema.toJson()).toJson());

        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> InputSchema.fromStore(TestModels.aliccpConfig(), manifest, store));
        assertTrue(
                e.getMessage().contains("the config must cover the store's ids"), e.getMessage());
    }

    /** schema.json as checkpoints hold it: read and written back byte for byte. */
    private static final String SCHEMA_JSON =
            String.join(
                    "\n",
                    "{",
                    "  \"sparseFields\": [",
                    "    {",
                    "      \"name\": \"user\",",
                    "      \"vocabularySize\": 5,",
                    "      \"vocabularyFile\": \"vocab/000-user.tsv\"",
                    "    },",
                    "    {",
                    "      \"name\": \"item\",",
                    "      \"vocabularySize\": 9",
                    "    }",
                    "  ],",
                    "  \"denseFields\": [],",
                    "  \"scenarioColumn\": \"domain\",",
                    "  \"scenarioValues\": [",
                    "    \"a\",",
                    "    \"b\"",
                    "  ],",
                    "  \"scenarios\": [",
                    "    \"a\",",
                    "    \"b\"",
                    "  ],",
                    "  \"tasks\": [",
                    "    \"click\"",
                    "  ],",
                    "  \"quoted\": false",
                    "}");

    @Test
    void schemaJsonRoundTripsAndRecordsNoVocabularyChecksums() {
        InputSchema schema = InputSchema.fromJson(SCHEMA_JSON);
        assertEquals(SCHEMA_JSON, schema.toJson());
        assertEquals("vocab/000-user.tsv", schema.getSparseFields().get(0).getVocabularyFile());
        assertNull(schema.getSparseFields().get(1).getVocabularyFile());
        // a store manifest's file size and checksum keys are not part of a schema
        String withChecksums =
                SCHEMA_JSON.replace(
                        "\"vocabularyFile\": \"vocab/000-user.tsv\"",
                        "\"vocabularyFile\": \"vocab/000-user.tsv\", \"vocabularyBytes\": 12,"
                                + " \"vocabularyCrc32c\": \"0badcafe\"");
        assertEquals(SCHEMA_JSON, InputSchema.fromJson(withChecksums).toJson());
        assertNull(
                InputSchema.fromJson(withChecksums).getSparseFields().get(0).getVocabularyBytes());
    }

    @Test
    void scenarioColumnNeedsOneValuePerScenario() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> InputSchema.of(TestModels.aliccpConfig(), "301", List.of("1", "2")));
        assertTrue(e.getMessage().contains("needs one value per scenario"), e.getMessage());
    }
}
