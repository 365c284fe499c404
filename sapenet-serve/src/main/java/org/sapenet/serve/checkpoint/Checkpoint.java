/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.checkpoint;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.input.InputSchema;
import org.sapenet.serve.input.RowEncoder;
import org.sapenet.serve.input.ScoringBatch;
import org.sapenet.serve.translate.RowsTranslator;
import org.sapenet.serve.translate.Scores;
import org.sapenet.serve.translate.ScoringRows;
import org.sapenet.serve.translate.ScoringTranslator;
import org.sapenet.serve.translate.ScoringTranslatorFactory;

/**
 * A loaded, verified checkpoint: its model configuration, input schema and a {@link Model} ready to
 * predict. Close it to free the model.
 *
 * <p>Loading gives PyTorch one intra-op thread unless the application chose a count ({@link
 * Engines#useScoringThreads()}). {@link #load(Path)} refuses, with a {@link CheckpointException}
 * that says why, a folder without a manifest, of another format version, with a missing, resized or
 * altered file, or whose parameters do not have the shapes the configuration implies.
 */
public final class Checkpoint implements AutoCloseable {

    private final Path dir;
    private final CheckpointManifest manifest;
    private final ModelConfig config;
    private final InputSchema schema;
    private final RowEncoder encoder;
    private final Model model;

    private Checkpoint(
            Path dir,
            CheckpointManifest manifest,
            ModelConfig config,
            InputSchema schema,
            RowEncoder encoder,
            Model model) {
        this.dir = dir;
        this.manifest = manifest;
        this.config = config;
        this.schema = schema;
        this.encoder = encoder;
        this.model = model;
    }

    /**
     * Loads a checkpoint (of a registered model, or one written with a {@link BlockBuilder}) on the
     * device {@link Engines#device()} names.
     *
     * @param dir the checkpoint folder
     * @return the checkpoint
     * @throws CheckpointException when the checkpoint is damaged, of another version or does not
     *     match its config
     */
    public static Checkpoint load(Path dir) {
        return load(dir, Engines.device());
    }

    /**
     * Loads a checkpoint of a registered model.
     *
     * @param dir the checkpoint folder
     * @param device the device to predict on
     * @return the checkpoint
     */
    public static Checkpoint load(Path dir, Device device) {
        CheckpointManifest manifest = CheckpointManifest.read(dir);
        return load(dir, device, CheckpointBlockFactory.modelFactory(manifest, dir));
    }

    /**
     * Loads a checkpoint whose block the given factory builds from the config, whatever model the
     * checkpoint names (for tests and tools that build blocks themselves).
     *
     * @param dir the checkpoint folder
     * @param device the device to predict on
     * @param factory builds the model's block from a config
     * @return the checkpoint
     */
    public static Checkpoint load(Path dir, Device device, Function<ModelConfig, Block> factory) {
        Engines.useScoringThreads();
        Path folder = dir.toAbsolutePath().normalize();
        CheckpointManifest manifest = CheckpointManifest.verify(folder);
        ModelConfig config = readConfig(folder);
        InputSchema schema;
        try {
            schema = InputSchema.fromJson(readFile(folder, CheckpointFormat.SCHEMA_FILE));
            schema.checkMatches(config);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(
                    "Checkpoint " + folder + ": " + CheckpointFormat.SCHEMA_FILE + ": " + e, e);
        }
        ParameterShapes.check(
                ParameterShapes.expected(factory, config),
                manifest.getParameterShapes(),
                "Checkpoint " + folder);
        RowEncoder encoder;
        try {
            encoder = RowEncoder.of(schema, folder);
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointException(
                    "Checkpoint " + folder + ": cannot read a vocabulary file: " + e, e);
        }
        String prefix = manifest.getParameterPrefix();
        Model model = Model.newInstance(prefix, device, Engines.ENGINE_NAME);
        try {
            model.setBlock(factory.apply(config));
            model.load(folder, prefix);
            // Frozen: the model only predicts (see CheckpointBlockFactory).
            model.getBlock().freezeParameters(true);
            manifest.checkParameters(model.getBlock(), folder);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            if (e instanceof CheckpointException) {
                throw (CheckpointException) e;
            }
            throw new CheckpointException(
                    "Checkpoint " + folder + ": cannot load " + manifest.getParameters() + ": " + e,
                    e);
        }
        return new Checkpoint(folder, manifest, config, schema, encoder, model);
    }

    static ModelConfig readConfig(Path dir) {
        try {
            return ModelConfig.fromJson(readFile(dir, CheckpointFormat.CONFIG_FILE));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(
                    "Checkpoint " + dir + ": " + CheckpointFormat.CONFIG_FILE + ": " + e, e);
        }
    }

    private static String readFile(Path dir, String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new CheckpointException("Checkpoint " + dir + ": cannot read " + name + ": " + e);
        }
    }

    /**
     * Creates a predictor of encoded batches. A predictor is not thread-safe: one per thread.
     *
     * @return the predictor
     */
    public Predictor<ScoringBatch, Scores> newPredictor() {
        return model.newPredictor(scoringTranslator());
    }

    /**
     * Creates a predictor of raw rows. A predictor is not thread-safe: one per thread.
     *
     * @return the predictor
     */
    public Predictor<ScoringRows, Scores> newRowsPredictor() {
        return model.newPredictor(new RowsTranslator(encoder, scoringTranslator()));
    }

    private ScoringTranslator scoringTranslator() {
        return ScoringTranslatorFactory.scoringTranslator(schema);
    }

    /**
     * Returns the checkpoint folder.
     *
     * @return the absolute folder
     */
    public Path getDirectory() {
        return dir;
    }

    /**
     * Returns the model's registry name.
     *
     * @return the name
     */
    public String getModelName() {
        return manifest.getModel();
    }

    /**
     * Returns the manifest.
     *
     * @return the manifest
     */
    public CheckpointManifest getManifest() {
        return manifest;
    }

    /**
     * Returns the model configuration.
     *
     * @return the config
     */
    public ModelConfig getConfig() {
        return config;
    }

    /**
     * Returns the input schema.
     *
     * @return the schema
     */
    public InputSchema getSchema() {
        return schema;
    }

    /**
     * Returns the encoder of raw values for this checkpoint's schema.
     *
     * @return the encoder
     */
    public RowEncoder getEncoder() {
        return encoder;
    }

    /**
     * Returns the loaded model.
     *
     * @return the model
     */
    public Model getModel() {
        return model;
    }

    /** {@inheritDoc} */
    @Override
    public void close() {
        model.close();
    }
}
