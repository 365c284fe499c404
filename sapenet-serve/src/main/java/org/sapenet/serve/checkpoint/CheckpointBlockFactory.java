/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.checkpoint;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.runtime.Engines;

/**
 * The {@link BlockFactory} a checkpoint's {@code serving.properties} names: DJL's model loader
 * calls it with the checkpoint folder, and it returns the registered model's block built from the
 * checkpoint's config, for DJL to load the parameters into.
 *
 * <p>A checkpoint of a model outside the registry names a {@link BlockBuilder} class instead, which
 * is instantiated here.
 *
 * <p>It gives PyTorch one intra-op thread unless the application chose a count ({@link
 * Engines#useScoringThreads()}). Before building anything it verifies the checkpoint: format
 * version, the size and SHA-256 of every file, that the config implies the parameter shapes the
 * checkpoint recorded, and that DJL will find the parameter file (checkpoints name it in {@code
 * serving.properties}; one written before that, in a renamed folder, needs {@code
 * Criteria.optModelName}). Any failure is a {@link CheckpointException} with the reason.
 */
public final class CheckpointBlockFactory implements BlockFactory {

    private static final long serialVersionUID = 1L;

    /** {@inheritDoc} */
    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        Engines.useScoringThreads();
        CheckpointManifest manifest = CheckpointManifest.verify(modelPath);
        String prefix = manifest.getParameterPrefix();
        String djlName = model.getName();
        if (!prefix.equals(djlName)
                && !Files.isRegularFile(
                        modelPath.resolve(CheckpointFormat.parameterFile(djlName)))) {
            throw new CheckpointException(
                    "Checkpoint "
                            + modelPath
                            + ": DJL looks for the parameters as "
                            + djlName
                            + "-NNNN.params (from the folder name or optModelName), but they are"
                            + " in "
                            + manifest.getParameters()
                            + ": load it with Criteria.optModelName(\""
                            + prefix
                            + "\") or give the folder its original name '"
                            + prefix
                            + "'");
        }
        Function<ModelConfig, Block> factory = modelFactory(manifest, modelPath);
        ModelConfig config = Checkpoint.readConfig(modelPath);
        ParameterShapes.check(
                ParameterShapes.expected(factory, config),
                manifest.getParameterShapes(),
                "Checkpoint " + modelPath);
        Block block = factory.apply(config);
        // A loaded checkpoint predicts: frozen parameters let blocks reuse what they derive from
        // them (StarFusion's composed weights). freezeParameters(false) before training it further.
        block.freezeParameters(true);
        return block;
    }

    static Function<ModelConfig, Block> modelFactory(CheckpointManifest manifest, Path dir) {
        if (manifest.getBlockBuilder() != null) {
            return BlockBuilders.instantiate(manifest.getBlockBuilder(), dir)::newBlock;
        }
        try {
            ModelRegistry.get(manifest.getModel());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(
                    "Checkpoint "
                            + dir
                            + " holds model '"
                            + manifest.getModel()
                            + "', which this build does not register: "
                            + e.getMessage(),
                    e);
        }
        return c -> ModelRegistry.get(manifest.getModel()).newBlock(c);
    }
}
