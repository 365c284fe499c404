/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.singletask;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sapenet.model.compose.FieldEmbeddingModel;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.FieldEmbedding;
import org.sapenet.model.layers.Mlp;

/**
 * The single-scenario single-task baseline for one task: the field embeddings, flattened, through
 * an MLP m → 256 → 128 → 64 → 1 (each hidden layer Linear, LayerNorm, ReLU; the last a plain
 * Linear).
 *
 * <p>The scenario id is not an input of this network: a dataset that wants the scenario seen passes
 * it as an ordinary sparse field (AliCCP's field 301 is one), so changing the scenario id alone
 * does not change the output. {@link #forTasks} builds the paper's setting, T independent networks.
 *
 * <p>Children, in order: embedding ({@link FieldEmbedding}), mlp ({@link Mlp}).
 *
 * <p>Input: [sparse ids (B, F_s), dense (B, F_d), scenario ids (B), ignored]. Output: [logit (B,
 * 1)].
 */
public final class SingleTaskNetwork extends FieldEmbeddingModel {

    /** The hidden widths of the MLP m → 256 → 128 → 64 → 1 (a last Linear gives the logit). */
    public static final int[] HIDDEN_WIDTHS = {256, 128, 64};

    private static final byte VERSION = 1;

    private final Mlp mlp;

    private SingleTaskNetwork(ModelConfig config) {
        super(VERSION, config, 1);
        mlp =
                addChildBlock(
                        "mlp",
                        Mlp.builder()
                                .setInputWidth(config.flatEmbeddingWidth())
                                .setWidths(HIDDEN_WIDTHS)
                                .optOutputWidth(1)
                                .optDropout(config.getDropout())
                                .build());
    }

    /**
     * Builds one task's network.
     *
     * @param config the input's fields and the dropout rate
     * @return the network
     */
    public static SingleTaskNetwork of(ModelConfig config) {
        return new SingleTaskNetwork(config);
    }

    /**
     * Builds the single-task model: T independent networks, logits (B, T).
     *
     * @param config the input's fields, the tasks and the dropout rate
     * @return the model
     */
    public static Block forTasks(ModelConfig config) {
        return PerTaskNetworks.of(config, SingleTaskNetwork::of);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardModel(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return mlp.forward(ps, new NDList(flatten(embed(ps, inputs, training, params))), training);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeModel(
            NDManager manager, DataType dataType, long b, Shape... inputShapes) {
        mlp.initialize(manager, dataType, flatShape(b));
    }
}
