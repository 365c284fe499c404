/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.compose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.FieldEmbedding;

/**
 * The input front every model shares: it takes the model input of {@link ModelInputs} [sparse ids
 * (B, F_s), dense (B, F_d), scenario (B)], checks it, and owns the field embedding (1), its first
 * child, named {@code embedding}: e (B, F, d), flattened ẽ (B, m) with m = F d.
 *
 * <p>A model extends this class, registers its other children after the embedding in its
 * constructor, and implements {@link #forwardModel} (the input already checked) and {@link
 * #initializeModel} (the embedding already initialised, its parameters drawn first). Its output is
 * [logits (B, O)], O given to the constructor (T for a multi-task model, 1 for one task's network).
 */
public abstract class FieldEmbeddingModel extends AbstractBlock {

    /** The config this model was built from. */
    protected final ModelConfig config;

    private final FieldEmbedding embedding;
    private final int outputs;

    /**
     * Creates the model and registers its first child, the field embedding.
     *
     * @param version the model's version byte
     * @param config the config: fields, vocabularies, d, S, T, widths and options
     * @param outputs O, the width of the output logits
     */
    protected FieldEmbeddingModel(byte version, ModelConfig config, int outputs) {
        super(version);
        this.config = config;
        this.outputs = outputs;
        embedding = addChildBlock("embedding", FieldEmbedding.of(config));
    }

    /**
     * Returns the config this model was built from.
     *
     * @return the config
     */
    public ModelConfig getConfig() {
        return config;
    }

    /**
     * Embeds the features of a model input (1).
     *
     * @param ps the parameter store
     * @param inputs a model input [sparse (B, F_s), dense (B, F_d), scenario (B)]
     * @param training whether this is a training pass
     * @param params the forward parameters, may be null
     * @return e (B, F, d)
     */
    protected final NDArray embed(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return embedding
                .forward(ps, ModelInputs.features(inputs), training, params)
                .singletonOrThrow();
    }

    /**
     * Flattens field vectors into one row per example.
     *
     * @param fields (B, F, d)
     * @return (B, m), m = F d
     */
    protected final NDArray flatten(NDArray fields) {
        return fields.reshape(-1, config.flatEmbeddingWidth());
    }

    /**
     * Returns the shape of the field vectors e for B rows.
     *
     * @param b B
     * @return (B, F, d)
     */
    protected final Shape fieldShape(long b) {
        return new Shape(b, config.numFields(), config.getEmbeddingDim());
    }

    /**
     * Returns the shape of the flat embedding for B rows.
     *
     * @param b B
     * @return (B, m)
     */
    protected final Shape flatShape(long b) {
        return new Shape(b, config.flatEmbeddingWidth());
    }

    /** {@inheritDoc} */
    @Override
    protected final NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != ModelInputs.SIZE) {
            throw new IllegalArgumentException(
                    getClass().getSimpleName()
                            + " expects [sparse ids (B, F_s), dense (B, F_d), scenario (B)], got "
                            + inputs.size()
                            + " arrays");
        }
        return forwardModel(ps, inputs, training, params);
    }

    /**
     * Runs the model on a checked model input.
     *
     * @param ps the parameter store
     * @param inputs [sparse (B, F_s), dense (B, F_d), scenario (B)]
     * @param training whether this is a training pass
     * @param params the forward parameters, may be null
     * @return [logits (B, O)]
     */
    protected abstract NDList forwardModel(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params);

    /** {@inheritDoc} */
    @Override
    protected final void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(
                manager, dataType, inputShapes[ModelInputs.SPARSE], inputShapes[ModelInputs.DENSE]);
        initializeModel(manager, dataType, inputShapes[ModelInputs.SPARSE].get(0), inputShapes);
    }

    /**
     * Initialises the children after the embedding, in their registration order.
     *
     * @param manager the manager
     * @param dataType the data type
     * @param b B, the batch of the input shapes
     * @param inputShapes [sparse (B, F_s), dense (B, F_d), scenario (B)]
     */
    protected abstract void initializeModel(
            NDManager manager, DataType dataType, long b, Shape... inputShapes);

    /** {@inheritDoc} */
    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[ModelInputs.SPARSE].get(0), outputs)};
    }
}
