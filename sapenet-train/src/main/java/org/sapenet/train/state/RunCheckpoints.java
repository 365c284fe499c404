/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.state;

import ai.djl.nn.Block;
import java.nio.file.Path;
import org.sapenet.data.schema.StoreSchema;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.serve.checkpoint.BlockBuilder;
import org.sapenet.serve.checkpoint.CheckpointWriter;
import org.sapenet.serve.input.InputSchema;

/**
 * Writes a run's checkpoint through serve's one writer, with the input schema of the store it was
 * trained on (fields, vocabulary sizes and files, the scenario column and its values).
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
        StoreSchema schema = store.getSchema();
        InputSchema input =
                InputSchema.of(
                        config,
                        schema.getScenarioField(),
                        schema.getScenarioField() == null ? null : schema.getScenarios());
        for (StoreManifest.SparseField field : store.getManifest().getSchema().getSparse()) {
            if (field.getVocabularyFile() != null) {
                input =
                        input.withVocabularyFile(
                                field.getName(),
                                store.getRoot().resolve(field.getVocabularyFile()).toString());
            }
        }
        return builder == null
                ? CheckpointWriter.write(dir, modelName, config, block, input, true)
                : CheckpointWriter.write(dir, modelName, config, block, input, true, builder);
    }
}
