/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.registry;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.sapenet.model.baselines.m2m.M2mNetwork;
import org.sapenet.model.baselines.mmoe.Mmoe;
import org.sapenet.model.baselines.sarnet.SarNetwork;
import org.sapenet.model.baselines.star.StarNetwork;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.runtime.Engines;
import org.sapenet.model.testing.BlockTesting;
import org.sapenet.model.testing.ModelTesting;

/**
 * Writes the checkpoint fixtures that {@link CheckpointCompatibilityTest} reads: for every
 * registered model, built on {@link #config()} and initialised for B = {@value #ROWS} with engine
 * seed {@value #SEED},
 *
 * <ul>
 *   <li>{@code <name>.params.gz}: the model's {@link Block#saveParameters} stream, gzipped, after
 *       {@link #fill} replaced every value by a low-entropy pattern of the same mean and scale (so
 *       that STAR's and the single-task MLP's fixed widths, 256 and more, still compress to a few
 *       KB; the stream's structure — versions, names, shapes, input shapes — is the real one);
 *   <li>{@code <name>.txt}: the SHA-256 of the freshly seeded parameters' stream (initialisation
 *       order and random draws), every parameter's name and shape in order, and the logits of the
 *       filled model on {@link #inputs} in inference and then, after seeding the engine again, in
 *       training mode, as the hex bits of each float.
 * </ul>
 *
 * <p>A main, not a test: the suite never runs it. Regenerate only when a model's checkpoint format
 * changes on purpose, never to make the test pass after a refactoring: in sapenet-model, {@code mvn
 * -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt},
 * then {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * org.sapenet.model.registry.CheckpointFixtures}. The files go to {@value #DIRECTORY} under {@code
 * src/test/resources} (or under the resources root given as the first argument).
 */
public final class CheckpointFixtures {

    /** The fixtures' folder under the test resources root. */
    static final String DIRECTORY = "org/sapenet/model/registry/checkpoints";

    /** The engine seed set before initialisation. */
    static final int SEED = 20;

    /** B of the initialisation and of the recorded forward passes. */
    static final int ROWS = 12;

    /** The seed of {@link ModelTesting#inputs} for the recorded forward passes. */
    static final long INPUT_SEED = 42;

    private CheckpointFixtures() {}

    /**
     * Returns the fixtures' config: {@link ModelTesting#config()} with the options that set widths
     * made small.
     *
     * @return the config
     */
    static ModelConfig config() {
        return ModelTesting.config().toBuilder()
                .optOption(Mmoe.OPTION_HIDDEN, 8)
                .optOption(StarNetwork.AUXILIARY_WIDTH, 8)
                .optOption(SarNetwork.SHARED_EXPERTS, 2)
                .optOption(SarNetwork.SCENARIO_EXPERTS, 1)
                .optOption(SarNetwork.EXPERT_WIDTH, 4)
                .optOption(SarNetwork.TOWER_WIDTH, 4)
                .optOption(M2mNetwork.EXPERTS, 2)
                .optOption(M2mNetwork.EXPERT_WIDTH, 4)
                .optOption(M2mNetwork.FEED_FORWARD_WIDTH, 8)
                .build();
    }

    /**
     * Builds a registered model and initialises it for {@value #ROWS} rows with seed {@value
     * #SEED}.
     *
     * @param name the registry name
     * @param manager the manager
     * @return the model
     */
    static Block seeded(String name, NDManager manager) {
        Engines.pytorch().setRandomSeed(SEED);
        Block block = ModelRegistry.get(name).newBlock(config());
        ModelTesting.initialize(block, manager, ROWS);
        return block;
    }

    /**
     * Returns the fixed inputs of the recorded forward passes.
     *
     * @param manager the manager
     * @return [sparse, dense, scenario] for {@value #ROWS} rows
     */
    static NDList inputs(NDManager manager) {
        return ModelTesting.inputs(manager, ROWS, INPUT_SEED);
    }

    /**
     * Returns a model's parameter stream as {@link Block#saveParameters} writes it.
     *
     * @param block the model, initialised
     * @return the bytes
     * @throws IOException never, in memory
     */
    static byte[] parameterBytes(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }

    /**
     * Returns the SHA-256 of a model's parameter stream, in hex.
     *
     * @param block the model, initialised
     * @return the hash
     * @throws IOException never, in memory
     */
    static String parameterHash(Block block) throws IOException {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(parameterBytes(block)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Returns each parameter's full name and shape, in order, one line each.
     *
     * @param block the model, initialised
     * @return lines "name shape"
     */
    static List<String> parameterList(Block block) {
        List<String> lines = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            lines.add(p.getKey() + " " + p.getValue().getArray().getShape());
        }
        return lines;
    }

    /**
     * Returns the logits of a forward pass as the hex bits of each float; a training pass seeds the
     * engine first (dropout).
     *
     * @param block the model
     * @param manager the manager
     * @param training whether this is a training pass
     * @return the bits, space separated
     */
    static String logitBits(Block block, NDManager manager, boolean training) {
        if (training) {
            Engines.pytorch().setRandomSeed(SEED + 1);
        }
        float[] logits = ModelTesting.logits(block, manager, training, inputs(manager));
        List<String> bits = new ArrayList<>(logits.length);
        for (float v : logits) {
            bits.add(String.format("%08x", Float.floatToRawIntBits(v)));
        }
        return String.join(" ", bits);
    }

    /**
     * Replaces every parameter value by a pattern of period 23 with the parameter's mean and about
     * its spread (a constant parameter gets ±10% of its value, or ±0.1 around 0), so that the
     * stream gzips small while every value still matters to the output.
     *
     * @param block the model, initialised
     */
    static void fill(Block block) {
        int index = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            float[] values = array.toFloatArray();
            double mean = 0;
            for (float v : values) {
                mean += v / (double) values.length;
            }
            double var = 0;
            for (float v : values) {
                var += (v - mean) * (v - mean) / values.length;
            }
            double spread = var > 0 ? 1.7 * Math.sqrt(var) : 0.1 * Math.max(Math.abs(mean), 1);
            for (int i = 0; i < values.length; i++) {
                double u = ((i + 7 * index) % 23 - 11) / 11.0;
                values[i] = (float) (mean + spread * u);
            }
            array.set(values);
            index++;
        }
    }

    /**
     * Writes a model's filled parameters, gzipped.
     *
     * @param block the model
     * @param out where to
     * @throws IOException on a write failure
     */
    static void writeParameters(Block block, OutputStream out) throws IOException {
        try (DataOutputStream data = new DataOutputStream(new GZIPOutputStream(out))) {
            block.saveParameters(data);
        }
    }

    /**
     * Loads gzipped parameters into a model.
     *
     * @param block the model, initialised
     * @param manager the manager
     * @param in the gzipped stream
     * @throws IOException on a read failure
     * @throws MalformedModelException when the stream does not fit the model
     */
    static void readParameters(Block block, NDManager manager, InputStream in)
            throws IOException, MalformedModelException {
        try (DataInputStream data = new DataInputStream(new GZIPInputStream(in))) {
            block.loadParameters(manager, data);
        }
    }

    /**
     * Writes every registered model's fixtures.
     *
     * @param args optional: the test resources root (default sapenet-model/src/test/resources, or
     *     src/test/resources when run inside the module)
     * @throws IOException on a write failure
     */
    public static void main(String[] args) throws IOException {
        Path root =
                args.length > 0
                        ? Paths.get(args[0])
                        : Files.isDirectory(Paths.get("sapenet-model"))
                                ? Paths.get("sapenet-model/src/test/resources")
                                : Paths.get("src/test/resources");
        Path dir = root.resolve(DIRECTORY);
        Files.createDirectories(dir);
        for (ModelSpec spec : ModelRegistry.all()) {
            String name = spec.getName();
            try (NDManager manager = BlockTesting.manager()) {
                Block block = seeded(name, manager);
                List<String> lines = new ArrayList<>();
                lines.add("init-sha256 " + parameterHash(block));
                for (String p : parameterList(block)) {
                    lines.add("param " + p);
                }
                fill(block);
                try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".params.gz"))) {
                    writeParameters(block, out);
                }
                lines.add("inference " + logitBits(block, manager, false));
                lines.add("training " + logitBits(block, manager, true));
                Files.write(dir.resolve(name + ".txt"), lines, StandardCharsets.UTF_8);
            }
        }
    }
}
