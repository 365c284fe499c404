/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.mmoe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sapenet.model.compose.FieldEmbeddingModel;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.ExpertGate;
import org.sapenet.model.layers.Experts;
import org.sapenet.model.layers.ScenarioTaskTowers;

/**
 * MMoE (Ma et al. 2018), single-scenario multi-task: E shared experts (MLP m -> 256 -> 64), one
 * softmax gate per task over the experts reading e, one tower per task (64 -> 64 -> 1).
 *
 * <p>Inputs follow the shared contract [ids (B, F_s), dense (B, F_d), scenario (B)], but the
 * scenario id does not route: the model sees the scenario only as an ordinary sparse feature (301
 * on AliCCP). Output [logits (B, T)]. Options: {@value #OPTION_EXPERTS} (E, default 4) and {@value
 * #OPTION_HIDDEN} (the experts' first width, default 256); the last width is the config's
 * expertWidth (64), the towers' hidden width its towerWidth (64).
 */
public final class Mmoe extends FieldEmbeddingModel {

    /** The option naming E. */
    public static final String OPTION_EXPERTS = "mmoe.experts";

    /** The option naming the experts' first width. */
    public static final String OPTION_HIDDEN = "mmoe.hidden";

    private static final byte VERSION = 1;

    private final Experts experts;
    private final ExpertGate[] gates;
    private final ScenarioTaskTowers towers;

    private Mmoe(ModelConfig config) {
        super(VERSION, config, config.numTasks());
        int m = config.flatEmbeddingWidth();
        int e = config.intOption(OPTION_EXPERTS, 4);
        int hidden = config.intOption(OPTION_HIDDEN, 256);
        if (e <= 0 || hidden <= 0) {
            throw new IllegalArgumentException(
                    "MMoE options "
                            + OPTION_EXPERTS
                            + " and "
                            + OPTION_HIDDEN
                            + " must be positive");
        }
        experts =
                addChildBlock(
                        "experts",
                        Experts.builder()
                                .setExperts(e)
                                .setInputWidth(m)
                                .setWidths(hidden, config.getExpertWidth())
                                .optDropout(config.getDropout())
                                .build());
        gates = new ExpertGate[config.numTasks()];
        for (int t = 0; t < gates.length; t++) {
            gates[t] =
                    addChildBlock(
                            "gate" + t,
                            ExpertGate.builder().setExperts(e).setInputWidth(m).build());
        }
        towers = addChildBlock("towers", ScenarioTaskTowers.of(config, 1, config.getExpertWidth()));
    }

    /**
     * Builds MMoE for a config.
     *
     * @param config the config
     * @return the model, uninitialised
     */
    public static Mmoe of(ModelConfig config) {
        return new Mmoe(config);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardModel(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray flat = flatten(embed(ps, inputs, training, params));
        NDArray out = experts.forward(ps, new NDList(flat), training, params).singletonOrThrow();
        NDList perTask = new NDList(gates.length);
        for (ExpertGate gate : gates) {
            perTask.add(gate.forward(ps, new NDList(flat, out), training, params).get(0));
        }
        return towers.forward(ps, new NDList(NDArrays.stack(perTask, 1)), training, params);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeModel(
            NDManager manager, DataType dataType, long b, Shape... inputShapes) {
        Shape flat = flatShape(b);
        experts.initialize(manager, dataType, flat);
        Shape[] out = experts.getOutputShapes(new Shape[] {flat});
        for (ExpertGate gate : gates) {
            gate.initialize(manager, dataType, flat, out[0]);
        }
        towers.initialize(
                manager, dataType, new Shape(b, config.numTasks(), config.getExpertWidth()));
    }
}
