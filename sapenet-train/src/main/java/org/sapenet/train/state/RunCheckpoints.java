/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.state;

import ai.djl.nn.Block;
import java.nio.file.Path;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.serve.checkpoint.BlockBuilder;
import org.sapenet.serve.checkpoint.CheckpointWriter;
import org.sapenet.serve.input.InputSchema;

/**
 * Writes a run's checkpoint through serve's one writer, with the input schema of the store it was
 * trained on ({@link InputSchema#fromStore}: fields, vocabulary sizes and files, the scenario
 * column and its values, the dense fields' scaling and missing-value fill, the source's column
 * names and quoting), so that scoring a CSV of the source's format encodes its rows as the store
 * did.
 */
public final class RunCheckpoints {

    private RunCheckpoints() {}

    /**
     * Writes (or replaces) the checkpoint of a trained block.
     *
     * @param dir the checkpoint folder, {@code RUN/model}
     * @param modelName the registry name
     * @param config the config the block was built from
     * @param block the trained block
     * @param store the store it was trained on
     * @param builder builds a block of this model from a config, or null for a registered model
     * @return the folder written
     */
    public static Path write(
            Path dir,
            String modelName,
            ModelConfig config,
            Block block,
            PreparedStore store,
            BlockBuilder builder) {
        InputSchema input = InputSchema.fromStore(config, store.getManifest(), store.getRoot());
        return builder == null
                ? CheckpointWriter.write(dir, modelName, config, block, input, true)
                : CheckpointWriter.write(dir, modelName, config, block, input, true, builder);
    }
}
