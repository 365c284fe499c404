/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.TestData;
import org.sapenet.data.error.StoreException;
import org.sapenet.data.source.aliccp.AliccpPreparer;
import org.sapenet.data.vocab.DenseScaling;

/** A damaged store is refused with a clear error. */
class PreparedStoreTest {

    @TempDir Path temp;

    private Path store;

    @BeforeEach
    void prepare() throws IOException {
        store = temp.resolve("store");
        AliccpPreparer.builder()
                .setInput(TestData.aliccpSamples("scenario-wise-rec"))
                .setOutput(store)
                .build()
                .prepare();
    }

    @Test
    void intactStoreOpensAndVerifies() {
        PreparedStore opened = PreparedStore.open(store);
        opened.verifyChecksums();
        assertEquals(100, opened.split(Split.TRAIN).rows());
        assertEquals(23, opened.getSchema().sparseCount());
        assertEquals(8, opened.getSchema().denseCount());
        assertTrue(Files.isDirectory(store.resolve(StoreFormat.VOCABULARY_FOLDER)));
    }

    @Test
    void flippedByteFailsTheChecksum() throws IOException {
        Path column = store.resolve("train").resolve(StoreFormat.sparseFile(11));
        try (RandomAccessFile file = new RandomAccessFile(column.toFile(), "rw")) {
            file.seek(17);
            int b = file.read();
            file.seek(17);
            file.write(b ^ 0x10);
        }
        PreparedStore opened = PreparedStore.open(store);
        StoreException e = assertThrows(StoreException.class, () -> opened.split(Split.TRAIN));
        assertTrue(e.getMessage().contains("damaged store"), e.getMessage());
        assertTrue(e.getMessage().contains("sparse-011.i32"), e.getMessage());
        assertTrue(e.getMessage().contains("CRC32C"), e.getMessage());
        // sizes-only opening is the documented opt-out
        assertEquals(100, PreparedStore.open(store, Verification.SIZES).split(Split.TRAIN).rows());
        assertThrows(StoreException.class, opened::verifyChecksums);
    }

    @Test
    void truncatedColumnFailsAtOpen() throws IOException {
        Path column = store.resolve("val").resolve(StoreFormat.denseFile(3));
        try (RandomAccessFile file = new RandomAccessFile(column.toFile(), "rw")) {
            file.setLength(file.length() - 4);
        }
        StoreException e =
                assertThrows(
                        StoreException.class, () -> PreparedStore.open(store, Verification.SIZES));
        assertTrue(e.getMessage().contains("dense-003.f32 has 196 bytes"), e.getMessage());
    }

    @Test
    void missingColumnFailsAtOpen() throws IOException {
        Files.delete(store.resolve("test").resolve(StoreFormat.SCENARIO_FILE));
        StoreException e = assertThrows(StoreException.class, () -> PreparedStore.open(store));
        assertTrue(e.getMessage().contains("scenario.i32 is missing"), e.getMessage());
    }

    @Test
    void otherFormatVersionIsRefused() throws IOException {
        Path manifest = store.resolve(StoreFormat.MANIFEST);
        String json = Files.readString(manifest, StandardCharsets.UTF_8);
        Files.writeString(
                manifest,
                json.replace("\"formatVersion\": 2", "\"formatVersion\": 99"),
                StandardCharsets.UTF_8);
        StoreException e = assertThrows(StoreException.class, () -> PreparedStore.open(store));
        assertTrue(e.getMessage().contains("store format version 99"), e.getMessage());
    }

    /**
     * A version 1 store kept its source format, dense scaling and missing markers in the free
     * {@code source} map; it still opens, with those read into the typed keys (a range is min-max
     * exactly when it has a {@code min} key, as version 1 readers decided).
     */
    @Test
    void version1ManifestIsReadIntoTheTypedKeys() throws IOException {
        Path manifest = store.resolve(StoreFormat.MANIFEST);
        JsonObject root =
                JsonParser.parseString(Files.readString(manifest, StandardCharsets.UTF_8))
                        .getAsJsonObject();
        assertEquals(2, root.get("formatVersion").getAsInt());
        assertEquals("aliccp", root.get("sourceFormat").getAsString());
        root.addProperty("formatVersion", 1);
        root.remove("sourceFormat");
        root.remove("denseScaling");
        root.remove("missing");
        JsonArray dense = root.getAsJsonObject("schema").getAsJsonArray("dense");
        String first = dense.get(0).getAsString();
        String second = dense.get(1).getAsString();
        JsonObject source = root.getAsJsonObject("source");
        source.addProperty("format", "aliccp-raw");
        source.add(
                "denseScaling",
                JsonParser.parseString(
                        "{\""
                                + first
                                + "\": {\"min\": 1.0, \"max\": 3.0},"
                                + " \""
                                + second
                                + "\": {\"scaling\": \"none\", \"fill\": 2.5}}"));
        source.add("missing", JsonParser.parseString("[\"\", \"NA\"]"));
        Files.writeString(manifest, root.toString(), StandardCharsets.UTF_8);

        PreparedStore opened = PreparedStore.open(store);
        StoreManifest read = opened.getManifest();
        assertEquals(1, read.getFormatVersion());
        assertEquals(SourceFormat.ALICCP_RAW, read.getSourceFormat());
        assertEquals(List.of("", "NA"), read.getMissing());
        assertFalse(read.getSource().containsKey("format"));
        assertFalse(read.getSource().containsKey("denseScaling"));
        assertFalse(read.getSource().containsKey("missing"));
        List<DenseScaling> scaling = DenseScaling.fromManifest(read);
        assertTrue(scaling.get(0).isMinMax());
        assertEquals(1.0, scaling.get(0).getMin());
        assertEquals(3.0, scaling.get(0).getMax());
        assertEquals(0.5f, scaling.get(0).apply(2f));
        assertEquals(0f, scaling.get(0).apply(Float.NaN));
        assertFalse(scaling.get(1).isMinMax());
        assertEquals(2.5f, scaling.get(1).apply(Float.NaN));
        assertEquals(7f, scaling.get(1).apply(7f));
        assertFalse(scaling.get(2).isMinMax());

        // A format name this code does not know reads as none.
        source.addProperty("format", "something-else");
        Files.writeString(manifest, root.toString(), StandardCharsets.UTF_8);
        assertNull(PreparedStore.open(store).getManifest().getSourceFormat());
    }

    @Test
    void manifestColumnsMustMatchTheSchema() throws IOException {
        Path manifest = store.resolve(StoreFormat.MANIFEST);
        String json = Files.readString(manifest, StandardCharsets.UTF_8);
        Files.writeString(
                manifest,
                json.replaceFirst("\"file\": \"dense-000.f32\"", "\"file\": \"../x.f32\""),
                StandardCharsets.UTF_8);
        StoreException e = assertThrows(StoreException.class, () -> PreparedStore.open(store));
        assertTrue(e.getMessage().contains("expected a plain file name"), e.getMessage());
        Files.writeString(
                manifest,
                json.replaceFirst("\"name\": \"sparse:101\"", "\"name\": \"sparse:999\""),
                StandardCharsets.UTF_8);
        e = assertThrows(StoreException.class, () -> PreparedStore.open(store));
        assertTrue(
                e.getMessage().contains("is 'sparse:999', expected 'sparse:101'"), e.getMessage());
    }

    @Test
    void missingOrBrokenManifestIsRefused() throws IOException {
        Path manifest = store.resolve(StoreFormat.MANIFEST);
        Files.writeString(manifest, "{\"format\": ", StandardCharsets.UTF_8);
        StoreException broken = assertThrows(StoreException.class, () -> PreparedStore.open(store));
        assertTrue(broken.getMessage().contains("not a valid manifest"), broken.getMessage());
        Files.delete(manifest);
        StoreException missing =
                assertThrows(StoreException.class, () -> PreparedStore.open(store));
        assertTrue(missing.getMessage().contains("manifest.json is missing"), missing.getMessage());
    }

    @Test
    void summaryPrintsIntegersAsIntegers() throws IOException {
        Path input = TestData.aliccpSamples("scenario-wise-rec");
        Path other = temp.resolve("random");
        AliccpPreparer.builder()
                .setInput(input)
                .setOutput(other)
                .optSplitPolicy(org.sapenet.data.source.SplitPolicy.random(7))
                .build()
                .prepare();
        String summary = StoreSummary.format(PreparedStore.open(other).getManifest());
        assertTrue(summary.contains("seed=7,"), summary);
        assertTrue(summary.contains("maxVocab=10000000"), summary);
        assertTrue(!summary.contains("seed=7.0"), summary);
    }

    @Test
    void contentIdIgnoresFolderAndTimeButNotRows() throws IOException {
        Path copy = temp.resolve("copy");
        AliccpPreparer.builder()
                .setInput(TestData.aliccpSamples("scenario-wise-rec"))
                .setOutput(copy)
                .build()
                .prepare();
        Path other = temp.resolve("other");
        AliccpPreparer.builder()
                .setInput(TestData.aliccpSamples("scenario-wise-rec"))
                .setOutput(other)
                .optSplitPolicy(org.sapenet.data.source.SplitPolicy.random(7))
                .build()
                .prepare();
        String id = PreparedStore.open(store).getManifest().contentId();
        assertEquals(16, id.length());
        assertEquals(id, PreparedStore.open(copy).getManifest().contentId());
        assertTrue(!id.equals(PreparedStore.open(other).getManifest().contentId()));
    }
}
