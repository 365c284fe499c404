/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.ple;

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
import org.sapenet.model.layers.Ple;
import org.sapenet.model.layers.ScenarioTaskTowers;

/**
 * PLE (Tang et al. 2020) as a single-scenario multi-task baseline: the CGC/PLE stack ({@link Ple},
 * L levels, M experts per group, widths from the config: 2, 2, (128, 64)) on the flat field
 * embedding e, one tower per task (w_L -> 64 -> 1).
 *
 * <p>Inputs follow the shared contract; the scenario id does not route (the model sees the scenario
 * only as an ordinary sparse feature). Output [logits (B, T)].
 */
public final class PleModel extends AbstractBlock {

    private static final byte VERSION = 1;

    private final ModelConfig config;
    private final FieldEmbedding embedding;
    private final Ple ple;
    private final ScenarioTaskTowers towers;

    private PleModel(ModelConfig config) {
        super(VERSION);
        this.config = config;
        embedding = addChildBlock("embedding", FieldEmbedding.of(config));
        ple =
                addChildBlock(
                        "ple",
                        Ple.builder()
                                .setTasks(config.numTasks())
                                .setInputWidth(config.flatEmbeddingWidth())
                                .optExpertsPerGroup(config.getExpertsPerGroup())
                                .optWidths(config.getPleWidths())
                                .optDropout(config.getDropout())
                                .build());
        towers =
                addChildBlock(
                        "towers",
                        ScenarioTaskTowers.builder()
                                .setTasks(config.numTasks())
                                .setInputWidth(ple.getOutputWidth())
                                .optHiddenWidth(config.getTowerWidth())
                                .optDropout(config.getDropout())
                                .build());
    }

    /**
     * Builds PLE for a config.
     *
     * @param config the config
     * @return the model, uninitialised
     */
    public static PleModel of(ModelConfig config) {
        return new PleModel(config);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray e =
                embedding
                        .forward(ps, ModelInputs.features(inputs), training, params)
                        .singletonOrThrow();
        NDArray flat = e.reshape(e.getShape().get(0), -1);
        NDList perTask = ple.forward(ps, new NDList(flat), training, params);
        return towers.forward(ps, perTask, training, params);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[ModelInputs.SPARSE].get(0);
        embedding.initialize(
                manager, dataType, inputShapes[ModelInputs.SPARSE], inputShapes[ModelInputs.DENSE]);
        ple.initialize(manager, dataType, new Shape(b, config.flatEmbeddingWidth()));
        towers.initialize(manager, dataType, new Shape(b, config.numTasks(), ple.getOutputWidth()));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[ModelInputs.SPARSE].get(0), config.numTasks())};
    }
}
