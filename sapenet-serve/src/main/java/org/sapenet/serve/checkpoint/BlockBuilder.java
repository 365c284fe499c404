/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.checkpoint;

import ai.djl.nn.Block;
import org.sapenet.model.config.ModelConfig;

/**
 * Builds the block of a model that is not in the model registry (a research prototype, a test
 * model) from its config. A checkpoint written with one records its class name, and loads (also
 * through DJL's {@code Criteria}) wherever that class is on the class path: it must be a public
 * class with a public no-argument constructor.
 */
public interface BlockBuilder {

    /**
     * Builds a new, uninitialised block.
     *
     * @param config the model configuration
     * @return the block; forward takes [sparse ids (B, F_s), dense (B, F_d), scenario (B)] and
     *     returns [logits (B, T)]
     */
    Block newBlock(ModelConfig config);
}
