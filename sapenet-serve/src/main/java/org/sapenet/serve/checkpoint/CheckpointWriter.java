/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.checkpoint;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.input.InputSchema;
import org.sapenet.serve.translate.ScoringTranslatorFactory;

/**
 * Writes a self-describing checkpoint (layout in {@link CheckpointFormat}): the one writer the
 * training code calls.
 *
 * <p>The checkpoint is written into a temporary sibling folder and renamed into place, so a reader
 * never sees half a checkpoint. An existing checkpoint is replaced only when asked for. Before
 * anything is written the block's parameter shapes are compared with those the configuration
 * implies, so a checkpoint never pairs parameters with a config they do not belong to.
 */
public final class CheckpointWriter {

    private CheckpointWriter() {}

    /**
     * Writes a checkpoint of a registered model.
     *
     * @param dir the checkpoint folder to create
     * @param modelName the model's registry name ({@link ModelRegistry#get(String)})
     * @param config the configuration the block was built from
     * @param block the trained (initialised) block
     * @param schema the input schema; its fields, sizes, scenarios and tasks must be the config's
     * @param replace whether an existing checkpoint at {@code dir} may be replaced
     * @return the checkpoint folder
     * @throws CheckpointException when {@code dir} exists and {@code replace} is false, or the
     *     block does not match the config
     * @throws IllegalArgumentException when the schema does not match the config or the model name
     *     is not registered
     */
    public static Path write(
            Path dir,
            String modelName,
            ModelConfig config,
            Block block,
            InputSchema schema,
            boolean replace) {
        ModelRegistry.get(modelName);
        return write(
                dir,
                modelName,
                config,
                block,
                schema,
                replace,
                c -> ModelRegistry.get(modelName).newBlock(c),
                null);
    }

    /**
     * Writes a checkpoint of a model's block (see {@link #write(Path, String, ModelConfig, Block,
     * InputSchema, boolean)}).
     *
     * @param dir the checkpoint folder to create
     * @param modelName the model's registry name
     * @param config the configuration the block was built from
     * @param model the trained model
     * @param schema the input schema
     * @param replace whether an existing checkpoint may be replaced
     * @return the checkpoint folder
     */
    public static Path write(
            Path dir,
            String modelName,
            ModelConfig config,
            Model model,
            InputSchema schema,
            boolean replace) {
        return write(dir, modelName, config, model.getBlock(), schema, replace);
    }

    /**
     * Writes a checkpoint of a model outside the registry: the builder's class name is recorded,
     * and every loader ({@link Checkpoint#load(Path)}, DJL's {@code Criteria}) builds the block
     * with a new instance of that class.
     *
     * @param dir the checkpoint folder to create
     * @param modelName the name recorded for the model
     * @param config the configuration the block was built from
     * @param block the trained (initialised) block
     * @param schema the input schema
     * @param replace whether an existing checkpoint may be replaced
     * @param builder builds a block of this model from a config (a public class with a public
     *     no-argument constructor)
     * @return the checkpoint folder
     */
    public static Path write(
            Path dir,
            String modelName,
            ModelConfig config,
            Block block,
            InputSchema schema,
            boolean replace,
            BlockBuilder builder) {
        BlockBuilders.check(builder.getClass());
        return write(
                dir,
                modelName,
                config,
                block,
                schema,
                replace,
                builder::newBlock,
                builder.getClass().getName());
    }

    private static Path write(
            Path dir,
            String modelName,
            ModelConfig config,
            Block block,
            InputSchema schema,
            boolean replace,
            Function<ModelConfig, Block> factory,
            String builderClass) {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(schema, "schema");
        schema.checkMatches(config);
        if (!block.isInitialized()) {
            throw new IllegalArgumentException(
                    "The block is not initialised: train it or initialise it before writing");
        }
        Path target = dir.toAbsolutePath().normalize();
        Path name = target.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("Cannot write a checkpoint at " + dir);
        }
        if (Files.exists(target) && !replace) {
            throw new CheckpointException(
                    "Checkpoint "
                            + target
                            + " already exists: choose another folder or ask to replace it");
        }
        Map<String, long[]> shapes = ParameterShapes.of(block);
        ParameterShapes.check(
                ParameterShapes.expected(factory, config),
                shapes,
                "The " + modelName + " block to save");

        Path tmp = null;
        try {
            tmp = AtomicFiles.createTempDirectory(target);
            String parameters = CheckpointFormat.parameterFile(name.toString());
            String prefix = name.toString();
            try (Model saver = Model.newInstance(prefix, Engines.ENGINE_NAME)) {
                saver.setBlock(block);
                saver.save(tmp, prefix);
            }
            if (!Files.isRegularFile(tmp.resolve(parameters))) {
                throw new IllegalStateException("DJL did not write " + parameters);
            }
            InputSchema stored = copyVocabularies(schema, tmp);
            write(tmp.resolve(CheckpointFormat.CONFIG_FILE), config.toJson());
            write(tmp.resolve(CheckpointFormat.SCHEMA_FILE), stored.toJson());
            write(tmp.resolve(CheckpointFormat.SERVING_FILE), servingProperties(modelName, prefix));

            CheckpointManifest manifest =
                    CheckpointManifest.create(
                            modelName,
                            parameters,
                            config.getScenarios(),
                            config.getTasks(),
                            shapes,
                            Engine.getDjlVersion(),
                            builderClass);
            for (Path file : listFiles(tmp)) {
                manifest.addFile(tmp.relativize(file).toString().replace('\\', '/'), file);
            }
            write(tmp.resolve(CheckpointFormat.MANIFEST_FILE), manifest.toJson());
            moveIntoPlace(tmp, target, replace);
            tmp = null;
            return target;
        } catch (IOException e) {
            throw new CheckpointException("Cannot write checkpoint " + target + ": " + e, e);
        } catch (Exception e) {
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw new CheckpointException("Cannot write checkpoint " + target + ": " + e, e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
            }
        }
    }

    private static InputSchema copyVocabularies(InputSchema schema, Path tmp) throws IOException {
        InputSchema stored = schema;
        List<StoreManifest.SparseField> fields = schema.getSparseFields();
        for (int f = 0; f < fields.size(); f++) {
            String source = fields.get(f).getVocabularyFile();
            if (source == null) {
                continue;
            }
            Path from = Path.of(source);
            if (!Files.isRegularFile(from)) {
                throw new IllegalArgumentException(
                        "Vocabulary file "
                                + from.toAbsolutePath()
                                + " of field '"
                                + fields.get(f).getName()
                                + "' does not exist");
            }
            String relative =
                    String.format(
                            Locale.ROOT,
                            "%s/%03d-%s.tsv",
                            CheckpointFormat.VOCABULARY_DIR,
                            f,
                            fields.get(f).getName().replaceAll("[^A-Za-z0-9_.-]", "_"));
            Path to = tmp.resolve(relative);
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
            stored = stored.withVocabularyFile(f, relative);
        }
        return stored;
    }

    private static String servingProperties(String modelName, String prefix) {
        return "# Written by sapenet-serve. Any DJL application with sapenet-model and sapenet-serve"
                + " on its class path\n"
                + "# loads this folder with Criteria...optModelPath(dir) and no optBlock.\n"
                + "engine="
                + Engines.ENGINE_NAME
                + "\n"
                + "blockFactory="
                + CheckpointBlockFactory.class.getName()
                + "\n"
                + "translatorFactory="
                + ScoringTranslatorFactory.class.getName()
                + "\n"
                // DJL (0.25 and later) takes the model name from option.modelName before the
                // folder's name: a renamed or copied checkpoint still finds its parameter file.
                + "option.modelName="
                + prefix
                + "\n"
                + "sapenet.model="
                + modelName
                + "\n"
                + "sapenet.checkpointFormat="
                + CheckpointFormat.VERSION
                + "\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Path> listFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> out = new ArrayList<>();
            files.filter(Files::isRegularFile).sorted().forEach(out::add);
            return out;
        }
    }

    private static void moveIntoPlace(Path tmp, Path target, boolean replace) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            if (!replace) {
                throw new CheckpointException("Checkpoint " + target + " already exists");
            }
            old = AtomicFiles.asideName(target);
            AtomicFiles.moveAtomically(target, old);
        }
        try {
            AtomicFiles.moveAtomically(tmp, target);
        } catch (FileAlreadyExistsException e) {
            throw new CheckpointException(
                    "Checkpoint " + target + " appeared while writing: not replaced", e);
        }
        if (old != null) {
            deleteQuietly(old);
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(
                            p -> {
                                try {
                                    Files.deleteIfExists(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a leftover hidden temporary folder is harmless.
        }
    }
}
