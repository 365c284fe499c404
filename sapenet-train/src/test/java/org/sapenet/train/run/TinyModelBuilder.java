/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.run;

import ai.djl.nn.Block;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.serve.checkpoint.BlockBuilder;
import org.sapenet.train.loop.TinyModel;

/** Builds {@link TinyModel}: a model outside the registry that checkpoints can record. */
public final class TinyModelBuilder implements BlockBuilder {

    /** For the checkpoint loader. */
    public TinyModelBuilder() {}

    @Override
    public Block newBlock(ModelConfig config) {
        return new TinyModel(config);
    }
}
