/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.registry;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.FieldEmbedding;
import org.sapenet.model.runtime.Engines;

/**
 * The number of learnable values of a model, in all and without the input layer (every {@link
 * FieldEmbedding}: tables and dense-field vectors).
 */
public final class ParameterCounts {

    private final long total;
    private final long embedding;

    private ParameterCounts(long total, long embedding) {
        this.total = total;
        this.embedding = embedding;
    }

    /**
     * Counts the parameters of a registered model built for a config. Blocks whose parameter shapes
     * are only known after initialisation are initialised on the CPU first.
     *
     * @param spec the model
     * @param config the config
     * @return the counts
     */
    public static ParameterCounts of(ModelSpec spec, ModelConfig config) {
        Block block = spec.newBlock(config);
        boolean known = true;
        for (Pair<String, Parameter> p : block.getParameters()) {
            known &= p.getValue().getShape() != null;
        }
        if (known) {
            return of(block);
        }
        try (NDManager manager = Engines.pytorch().newBaseManager(ai.djl.Device.cpu())) {
            block.initialize(
                    manager,
                    DataType.FLOAT32,
                    new Shape(1, config.numSparseFields()),
                    new Shape(1, config.numDenseFields()),
                    new Shape(1));
            return of(block);
        }
    }

    /**
     * Counts the parameters of a block whose parameter shapes are known.
     *
     * @param block the block
     * @return the counts
     */
    public static ParameterCounts of(Block block) {
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            total += p.getValue().getShape().size();
        }
        return new ParameterCounts(total, embeddingCount(block));
    }

    private static long embeddingCount(Block block) {
        if (block instanceof FieldEmbedding) {
            long n = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                n += p.getValue().getShape().size();
            }
            return n;
        }
        long n = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            n += embeddingCount(child.getValue());
        }
        return n;
    }

    /**
     * Returns the number of all learnable values.
     *
     * @return the total
     */
    public long getTotal() {
        return total;
    }

    /**
     * Returns the number of learnable values outside the input layer.
     *
     * @return the total minus the embeddings
     */
    public long getNonEmbedding() {
        return total - embedding;
    }
}
