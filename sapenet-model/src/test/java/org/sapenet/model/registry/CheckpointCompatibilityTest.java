/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sapenet.model.runtime.Engines;
import org.sapenet.model.testing.BlockTesting;

/**
 * Checkpoints written by earlier code load into today's models and give the same logits: for every
 * registered model, the fixtures of {@link CheckpointFixtures} (written once, on the code before a
 * refactoring) must match bit for bit: the seeded initialisation's hash (same parameters drawn in
 * the same order), the parameters' names and shapes, and the logits after loading the saved
 * parameters, in inference and in training mode.
 *
 * <p>The hash and the logits are bit-exact on the engine line that wrote the fixtures (PyTorch
 * {@value #WRITTEN_ON}); on another line (the cu118 line's PyTorch 2.0.1) random draws and kernels
 * may differ in the last bits, so there the hash is not compared and the logits must agree to 1e-5.
 */
class CheckpointCompatibilityTest {

    /** The PyTorch version the fixtures were written with. */
    static final String WRITTEN_ON = "2.7.1";

    static Stream<String> models() {
        return ModelRegistry.all().stream().map(ModelSpec::getName);
    }

    @ParameterizedTest
    @MethodSource("models")
    void savedParametersLoadAndGiveTheRecordedLogits(String name) throws Exception {
        Map<String, List<String>> recorded = read(name + ".txt");
        boolean sameEngine = WRITTEN_ON.equals(Engines.pytorch().getVersion());
        try (NDManager manager = BlockTesting.manager()) {
            Block block = CheckpointFixtures.seeded(name, manager);
            assertEquals(
                    recorded.get("param"),
                    CheckpointFixtures.parameterList(block),
                    name + ": parameter names and shapes");
            if (sameEngine) {
                assertEquals(
                        recorded.get("init-sha256").get(0),
                        CheckpointFixtures.parameterHash(block),
                        name + ": seeded initialisation");
            }
            try (InputStream in = resource(name + ".params.gz")) {
                CheckpointFixtures.readParameters(block, manager, in);
            }
            for (String mode : List.of("inference", "training")) {
                String actual =
                        CheckpointFixtures.logitBits(block, manager, mode.equals("training"));
                String expected = recorded.get(mode).get(0);
                if (sameEngine) {
                    assertEquals(expected, actual, name + ": " + mode + " logits");
                } else {
                    assertArrayEquals(floats(expected), floats(actual), 1e-5f, name + " " + mode);
                }
            }
        }
    }

    private static float[] floats(String bits) {
        String[] hex = bits.split(" ");
        float[] values = new float[hex.length];
        for (int i = 0; i < hex.length; i++) {
            values[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(hex[i], 16));
        }
        return values;
    }

    private static InputStream resource(String file) {
        InputStream in =
                CheckpointCompatibilityTest.class.getResourceAsStream(
                        "/" + CheckpointFixtures.DIRECTORY + "/" + file);
        assertNotNull(in, "missing fixture " + file + ": run CheckpointFixtures.main");
        return in;
    }

    /** Reads a fixture's lines "key value", grouping the values of each key in order. */
    private static Map<String, List<String>> read(String file) throws IOException {
        Map<String, List<String>> map = new LinkedHashMap<>();
        try (InputStream in = resource(file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int space = line.indexOf(' ');
                map.computeIfAbsent(line.substring(0, space), k -> new ArrayList<>())
                        .add(line.substring(space + 1));
            }
        }
        return map;
    }
}
