/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.testing.TestModels;

class CheckpointErrorsTest {

    @TempDir static Path tmp;

    private static Path original;

    @BeforeAll
    static void writeOnce() {
        ModelConfig config = TestModels.aliccpConfig();
        original = tmp.resolve("original");
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Block block = TestModels.randomBlock(manager, config, 3);
            write(original, config, block, false);
        }
    }

    private static Path write(Path dir, ModelConfig config, Block block, boolean replace) {
        return TestModels.write(dir, config, block, replace);
    }

    private static Path copy(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        try (var files = Files.list(original)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String fileName = f.getFileName().toString().replace("original", name);
                Files.copy(f, dir.resolve(fileName));
            }
        }
        // The parameter file follows the folder name: rewrite the manifest's references.
        Path manifest = dir.resolve("checkpoint.json");
        Files.writeString(
                manifest, Files.readString(manifest).replace("original-0000", name + "-0000"));
        return dir;
    }

    private static String loadError(Path dir) {
        return assertThrows(
                        CheckpointException.class, () -> Checkpoint.load(dir, Device.cpu()).close())
                .getMessage();
    }

    @Test
    void missingFileIsNamed() throws IOException {
        Path dir = copy("missing");
        Files.delete(dir.resolve("schema.json"));
        String message = loadError(dir);
        assertTrue(message.contains("file schema.json is missing"), message);
    }

    @Test
    void alteredParametersAreRefused() throws IOException {
        Path dir = copy("altered");
        Path params = dir.resolve("altered-0000.params");
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length - 3] ^= 0x40;
        Files.write(params, bytes);
        String message = loadError(dir);
        assertTrue(message.contains("altered-0000.params has SHA-256"), message);
        assertTrue(message.contains("altered or damaged"), message);
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        Path dir = copy("truncated");
        Path config = dir.resolve("config.json");
        String text = Files.readString(config);
        Files.writeString(config, text.substring(0, text.length() / 2));
        String message = loadError(dir);
        assertTrue(message.contains("file config.json has"), message);
    }

    @Test
    void otherFormatVersionIsRefused() throws IOException {
        Path dir = copy("version");
        Path manifest = dir.resolve("checkpoint.json");
        Files.writeString(
                manifest,
                Files.readString(manifest).replace("\"formatVersion\": 1", "\"formatVersion\": 2"));
        String message = loadError(dir);
        assertTrue(message.contains("has format version 2, this build reads version 1"), message);
    }

    @Test
    void folderWithoutManifestIsNotACheckpoint() throws IOException {
        Path dir = copy("nomanifest");
        Files.delete(dir.resolve("checkpoint.json"));
        String message = loadError(dir);
        assertTrue(message.contains("has no checkpoint.json"), message);
    }

    @Test
    void parametersNotMatchingTheConfigAreRefused() throws IOException {
        Path dir = copy("mismatch");
        // Another embedding dim, with the checksum made to fit: only the shape check stands
        // between this checkpoint and wrong predictions.
        ModelConfig other = TestModels.aliccpConfig().toBuilder().optEmbeddingDim(8).build();
        Files.writeString(dir.resolve("config.json"), other.toJson());
        fixChecksum(dir, "config.json");
        String message = loadError(dir);
        assertTrue(message.contains("the parameters do not match the config"), message);
    }

    @Test
    void schemaNotMatchingTheConfigIsRefused() throws IOException {
        Path dir = copy("schemamismatch");
        ModelConfig config = TestModels.aliccpConfig();
        int[] sizes = config.vocabularySizeArray();
        sizes[0] += 5;
        ModelConfig other =
                config.toBuilder().setSparseFields(config.getSparseFields(), sizes).build();
        Path configFile = dir.resolve("config.json");
        Files.writeString(configFile, other.toJson());
        fixChecksum(dir, "config.json");
        String message = loadError(dir);
        assertTrue(message.contains("vocabulary sizes"), message);
    }

    private static void fixChecksum(Path dir, String name) throws IOException {
        Path file = dir.resolve(name);
        Path manifest = dir.resolve("checkpoint.json");
        CheckpointManifest.FileEntry entry = CheckpointManifest.read(dir).getFiles().get(name);
        Files.writeString(
                manifest,
                Files.readString(manifest)
                        .replace(entry.getSha256(), CheckpointManifest.sha256(file))
                        .replace(
                                "\"bytes\": " + entry.getBytes() + ",",
                                "\"bytes\": " + Files.size(file) + ","));
    }

    @Test
    void existingCheckpointIsNotReplacedBySurprise() {
        ModelConfig config = TestModels.aliccpConfig();
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Block block = TestModels.randomBlock(manager, config, 5);
            Path dir = tmp.resolve("twice");
            write(dir, config, block, false);
            String message =
                    assertThrows(CheckpointException.class, () -> write(dir, config, block, false))
                            .getMessage();
            assertTrue(message.contains("already exists"), message);
            assertEquals(dir.toAbsolutePath(), write(dir, config, block, true));
        }
    }

    @Test
    void blockNotMatchingTheConfigIsNotWritten() {
        ModelConfig config = TestModels.aliccpConfig();
        ModelConfig wider = config.toBuilder().optEmbeddingDim(8).build();
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Block block = TestModels.randomBlock(manager, config, 5);
            Path dir = tmp.resolve("wrongconfig");
            String message =
                    assertThrows(CheckpointException.class, () -> write(dir, wider, block, false))
                            .getMessage();
            assertTrue(message.contains("does not match") || message.contains("do not"), message);
            assertTrue(Files.notExists(dir));
        }
    }
}
