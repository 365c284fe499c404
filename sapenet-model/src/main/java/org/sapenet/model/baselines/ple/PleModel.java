/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.ple;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sapenet.model.compose.FieldEmbeddingModel;
import org.sapenet.model.config.ModelConfig;
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
public final class PleModel extends FieldEmbeddingModel {

    private static final byte VERSION = 1;

    private final Ple ple;
    private final ScenarioTaskTowers towers;

    private PleModel(ModelConfig config) {
        super(VERSION, config, config.numTasks());
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
        towers = addChildBlock("towers", ScenarioTaskTowers.of(config, 1, ple.getOutputWidth()));
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
    protected NDList forwardModel(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList flat = new NDList(flatten(embed(ps, inputs, training, params)));
        return towers.forward(ps, ple.forward(ps, flat, training, params), training, params);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeModel(
            NDManager manager, DataType dataType, long b, Shape... inputShapes) {
        ple.initialize(manager, dataType, flatShape(b));
        towers.initialize(manager, dataType, new Shape(b, config.numTasks(), ple.getOutputWidth()));
    }
}
