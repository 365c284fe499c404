/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.testing;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.source.csv.CsvSchema;
import org.sapenet.data.source.csv.SchemaCsvPreparer;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.ModelSpec;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.checkpoint.CheckpointWriter;
import org.sapenet.serve.input.InputSchema;
import org.sapenet.serve.input.ScoringBatch;

/** Models, configs and weights shared by the serve tests. */
public final class TestModels {

    /** The registry name tests prefer. */
    public static final String PREFERRED = "sapenet";

    private TestModels() {}

    /**
     * Returns the registered model the tests use: SAPENet when registered, else the first
     * multi-scenario multi-task model, else the first registered model.
     *
     * @return the name, or null when the registry is empty
     */
    public static String registeredModel() {
        List<ModelSpec> all = ModelRegistry.all();
        for (ModelSpec spec : all) {
            if (spec.getName().equals(PREFERRED)) {
                return spec.getName();
            }
        }
        for (ModelSpec spec : all) {
            if (!spec.getSetting().isSingleTask() && spec.getSetting().name().startsWith("MULTI")) {
                return spec.getName();
            }
        }
        return all.isEmpty() ? null : all.get(0).getName();
    }

    /**
     * Returns the factory of the model under test: the registered one, else {@link TinyMsmtBlock}.
     *
     * @return the factory
     */
    public static Function<ModelConfig, Block> factory() {
        String name = registeredModel();
        return name == null ? TinyMsmtBlock::new : c -> ModelRegistry.get(name).newBlock(c);
    }

    /**
     * Writes a checkpoint of a block of {@link #factory()} through the one writer the trainer calls
     * (or, without a registered model, its {@link org.sapenet.serve.checkpoint.BlockBuilder} form).
     *
     * @param dir the checkpoint folder
     * @param config the config
     * @param block the block
     * @param replace whether to replace an existing checkpoint
     * @return the folder
     */
    public static Path write(Path dir, ModelConfig config, Block block, boolean replace) {
        String name = registeredModel();
        if (name != null) {
            return CheckpointWriter.write(dir, name, config, block, aliccpSchema(config), replace);
        }
        return CheckpointWriter.write(
                dir,
                modelName(),
                config,
                block,
                aliccpSchema(config),
                replace,
                new TinyMsmtBlock.Builder());
    }

    /**
     * Returns the model name recorded for {@link #factory()}.
     *
     * @return the registry name, or {@code tiny-test}
     */
    public static String modelName() {
        String name = registeredModel();
        return name == null ? "tiny-test" : name;
    }

    /**
     * Returns a small AliCCP-shaped config: 23 sparse fields (small vocabularies, so sample ids
     * above them exercise the unknown-id rule), 8 dense, S = 3, T = 2, small widths.
     *
     * @return the config
     */
    public static ModelConfig aliccpConfig() {
        int[] sizes = new int[AliccpSchema.SPARSE_FIELDS.size()];
        for (int f = 0; f < sizes.length; f++) {
            sizes[f] = AliccpSchema.SPARSE_FIELDS.get(f).equals("301") ? 4 : 6 + f;
        }
        return ModelConfig.builder()
                .setSparseFields(AliccpSchema.SPARSE_FIELDS, sizes)
                .setDenseFields(AliccpSchema.DENSE_FIELDS)
                .setScenarios(AliccpSchema.SCENARIOS)
                .setTasks(AliccpSchema.TASKS)
                .optEmbeddingDim(4)
                .optAttentionHeads(2)
                .optStarWidths(16, 8)
                .optPleWidths(8, 8)
                .optExpertWidth(8)
                .optTowerWidth(8)
                .build();
    }

    /**
     * Returns the input schema of processed AliCCP for a config.
     *
     * @param config the config
     * @return the schema (scenario column {@code 301}, values 1, 2, 3)
     */
    public static InputSchema aliccpSchema(ModelConfig config) {
        return InputSchema.of(config, AliccpSchema.SCENARIO_COLUMN, AliccpSchema.SCENARIOS);
    }

    /**
     * Builds and initialises a block, then sets every parameter to U(-0.5, 0.5) values from a seed,
     * so predictions differ clearly between rows (the default embedding init is tiny).
     *
     * @param manager the manager owning the parameters
     * @param config the config
     * @param seed the seed
     * @return the block
     */
    public static Block randomBlock(NDManager manager, ModelConfig config, long seed) {
        Block block = factory().apply(config);
        block.initialize(
                manager,
                DataType.FLOAT32,
                new Shape(1, config.numSparseFields()),
                new Shape(1, config.numDenseFields()),
                new Shape(1));
        Random random = new Random(seed);
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            float[] values = new float[(int) array.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat() - 0.5f;
            }
            array.set(values);
        }
        return block;
    }

    /**
     * Runs the block's forward pass on a batch directly (no translator) and returns sigmoid
     * probabilities computed in double precision, row-major (B, T).
     *
     * @param block the block
     * @param batch the encoded rows (ids already below their vocabulary sizes)
     * @return the probabilities
     */
    public static float[] directProbabilities(Block block, ScoringBatch batch) {
        try (NDManager m = Engines.pytorch().newBaseManager(Device.cpu())) {
            int b = batch.size();
            NDList input =
                    ModelInputs.of(
                            m.create(batch.sparse(), new Shape(b, batch.sparseFields())),
                            m.create(batch.dense(), new Shape(b, batch.denseFields())),
                            m.create(batch.scenario(), new Shape(b)));
            float[] logits =
                    block.forward(new ParameterStore(m, false), input, false)
                            .singletonOrThrow()
                            .toFloatArray();
            float[] p = new float[logits.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = (float) (1.0 / (1.0 + Math.exp(-(double) logits[i])));
            }
            return p;
        }
    }

    /**
     * Returns the folder of AliCCP samples in the test resources.
     *
     * @return the folder {@code ali-ccp} holding {@code scenario-wise-rec/ali_ccp_*_sample.csv}
     */
    public static Path sampleDir() {
        try {
            return Path.of(TestModels.class.getClassLoader().getResource("ali-ccp").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Prepares a store from a folder holding {@code schema.json} and {@code train.csv}, {@code
     * val.csv}, {@code test.csv} (the csv format with a schema).
     *
     * @param in the source folder
     * @param storeDir the store to write
     * @return the store's manifest
     * @throws IOException when preparing fails
     */
    public static StoreManifest prepareSchemaStore(Path in, Path storeDir) throws IOException {
        return SchemaCsvPreparer.builder()
                .setSchema(CsvSchema.read(in.resolve("schema.json"), 10, 0), null)
                .optFile(Split.TRAIN, in.resolve("train.csv"))
                .optFile(Split.VAL, in.resolve("val.csv"))
                .optFile(Split.TEST, in.resolve("test.csv"))
                .setOutput(storeDir)
                .build()
                .prepare();
    }

    /**
     * Writes a checkpoint of a small randomly initialised registered model shaped like a store,
     * with the store's input schema (vocabularies, dense scaling).
     *
     * @param dir the checkpoint folder
     * @param manifest the store's manifest
     * @param storeDir the store folder
     * @return the checkpoint folder
     */
    public static Path writeStoreCheckpoint(Path dir, StoreManifest manifest, Path storeDir) {
        int[] sizes = manifest.vocabularySizes().clone();
        for (int f = 0; f < sizes.length; f++) {
            sizes[f] = Math.max(2, sizes[f]);
        }
        ModelConfig config =
                ModelConfig.builder()
                        .setSparseFields(manifest.toSchema().getSparseFields(), sizes)
                        .setDenseFields(manifest.toSchema().getDenseFields())
                        .setScenarios(manifest.toSchema().getScenarios())
                        .setTasks(manifest.toSchema().getTasks())
                        .optEmbeddingDim(4)
                        .optStarWidths(16, 8)
                        .optPleWidths(8, 8)
                        .optExpertWidth(8)
                        .optTowerWidth(8)
                        .build();
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            return CheckpointWriter.write(
                    dir,
                    modelName(),
                    config,
                    randomBlock(manager, config, 3),
                    InputSchema.fromStore(config, manifest, storeDir),
                    false);
        }
    }
}
