/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.m3oe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.sapenet.model.MixingParameters;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.BalancedMixing;
import org.sapenet.model.layers.Experts;
import org.sapenet.model.layers.FieldEmbedding;
import org.sapenet.model.layers.ScenarioGroups;
import org.sapenet.model.layers.ScenarioTaskFusion;
import org.sapenet.model.layers.ScenarioTaskGate;
import org.sapenet.model.layers.ScenarioTaskTowers;
import org.sapenet.model.layers.StarFusion;

/**
 * M3oE (Zhang et al., SIGIR 2024), multi-scenario multi-task, after {@code
 * MDMTRec/models/multi_domain/model.py}:
 *
 * <pre>
 *   h*      = StarFusion(flatten(e), s)                           (B, 256), no attention
 *   shared  = 4 experts on h*, gate (s, t) = softmax(W_{s,t} h*.detach())   (B, T, 64)
 *   D_s     = balanced mix of S scenario experts, ONE λ for all scenarios   (B, 64)
 *   T_t     = balanced mix of T task experts, ONE λ for all tasks           (B, T, 64)
 *   f_{s,t} = gate_{s,t}·shared + α_d D_s + α_t T_t, single scalars α_d, α_t
 *   logits  = towers (s, t)
 * </pre>
 *
 * <p>Experts are one MLP layer 256 -> 64 each; E shared experts = option {@value
 * #OPTION_SHARED_EXPERTS} (default 4). Dense features are fields value * v_j (AutoInt), not raw
 * values appended as in the official code. The official trainer's bi-level update of α and λ (a
 * second Adam) is the trainer's business: {@link #getMixingParameters()} names them.
 */
public final class M3oe extends AbstractBlock implements MixingParameters {

    /** The option naming the number of shared experts. */
    public static final String OPTION_SHARED_EXPERTS = "m3oe.sharedExperts";

    private static final byte VERSION = 1;

    private final ModelConfig config;
    private final FieldEmbedding embedding;
    private final StarFusion star;
    private final Experts sharedExperts;
    private final ScenarioTaskGate gates;
    private final Experts scenarioExperts;
    private final BalancedMixing scenarioMixing;
    private final Experts taskExperts;
    private final BalancedMixing taskMixing;
    private final ScenarioTaskFusion fusion;
    private final ScenarioTaskTowers towers;

    private M3oe(ModelConfig config) {
        super(VERSION);
        this.config = config;
        int s = config.numScenarios();
        int t = config.numTasks();
        int hidden = config.getStarWidths()[1];
        int w = config.getExpertWidth();
        int e = config.intOption(OPTION_SHARED_EXPERTS, 4);
        if (e <= 0) {
            throw new IllegalArgumentException(
                    "Option " + OPTION_SHARED_EXPERTS + " must be positive, got " + e);
        }
        float dropout = config.getDropout();
        embedding = addChildBlock("embedding", FieldEmbedding.of(config));
        star =
                addChildBlock(
                        "star",
                        StarFusion.builder()
                                .setScenarios(s)
                                .setInputWidth(config.flatEmbeddingWidth())
                                .optWidths(config.getStarWidths()[0], hidden)
                                .optDropout(dropout)
                                .build());
        sharedExperts = addChildBlock("sharedExperts", experts(e, hidden, w, dropout));
        gates =
                addChildBlock(
                        "gates",
                        ScenarioTaskGate.builder()
                                .setScenarios(s)
                                .setTasks(t)
                                .setExperts(e)
                                .setInputWidth(hidden)
                                .build());
        scenarioExperts = addChildBlock("scenarioExperts", experts(s, hidden, w, dropout));
        scenarioMixing =
                addChildBlock(
                        "scenarioMixing",
                        BalancedMixing.builder().setBranches(s).optShared(true).build());
        taskExperts = addChildBlock("taskExperts", experts(t, hidden, w, dropout));
        taskMixing =
                addChildBlock(
                        "taskMixing",
                        BalancedMixing.builder().setBranches(t).optShared(true).build());
        fusion =
                addChildBlock(
                        "fusion",
                        ScenarioTaskFusion.builder()
                                .setScenarios(s)
                                .setTasks(t)
                                .optShared(true)
                                .build());
        towers =
                addChildBlock(
                        "towers",
                        ScenarioTaskTowers.builder()
                                .optScenarios(s)
                                .setTasks(t)
                                .setInputWidth(w)
                                .optHiddenWidth(config.getTowerWidth())
                                .optDropout(dropout)
                                .build());
    }

    private static Experts experts(int count, int in, int out, float dropout) {
        return Experts.builder()
                .setExperts(count)
                .setInputWidth(in)
                .setWidths(out)
                .optDropout(dropout)
                .build();
    }

    /**
     * Builds M3oE for a config.
     *
     * @param config the config
     * @return the model, uninitialised
     */
    public static M3oe of(ModelConfig config) {
        return new M3oe(config);
    }

    /** {@inheritDoc} */
    @Override
    public List<Parameter> getMixingParameters() {
        List<Parameter> list = new java.util.ArrayList<>();
        if (scenarioMixing.getTheta() != null) {
            list.add(scenarioMixing.getTheta());
        }
        if (taskMixing.getTheta() != null) {
            list.add(taskMixing.getTheta());
        }
        list.add(fusion.getScenarioAlpha());
        list.add(fusion.getTaskAlpha());
        return list;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        // Sorted by scenario once, as in SapeNet: the routed blocks then take contiguous rows.
        ScenarioGroups order =
                ScenarioGroups.of(ModelInputs.scenario(inputs), config.numScenarios());
        NDList sorted = order.sort(inputs);
        NDArray scenario = ModelInputs.scenario(sorted);
        NDArray e =
                embedding
                        .forward(ps, ModelInputs.features(sorted), training, params)
                        .singletonOrThrow();
        NDArray flat = e.reshape(scenario.getShape().get(0), -1);
        NDArray h =
                star.forward(ps, new NDList(flat, scenario), training, params).singletonOrThrow();
        NDList hList = new NDList(h);
        NDArray shared = sharedExperts.forward(ps, hList, training, params).singletonOrThrow();
        NDArray gated =
                gates.forward(ps, new NDList(h, shared, scenario), training, params)
                        .singletonOrThrow();
        NDArray g = scenarioExperts.forward(ps, hList, training, params).singletonOrThrow();
        NDArray d =
                scenarioMixing
                        .forward(ps, new NDList(g, scenario), training, params)
                        .singletonOrThrow();
        NDArray q = taskExperts.forward(ps, hList, training, params).singletonOrThrow();
        NDArray tt = taskMixing.forward(ps, new NDList(q), training, params).singletonOrThrow();
        NDArray f =
                fusion.forward(ps, new NDList(gated, d, tt, scenario), training, params)
                        .singletonOrThrow();
        NDArray logits =
                towers.forward(ps, new NDList(f, scenario), training, params).singletonOrThrow();
        return new NDList(order.restore(logits));
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[ModelInputs.SPARSE].get(0);
        int s = config.numScenarios();
        int t = config.numTasks();
        int w = config.getExpertWidth();
        Shape scenario = new Shape(b);
        Shape h = new Shape(b, config.getStarWidths()[1]);
        embedding.initialize(
                manager, dataType, inputShapes[ModelInputs.SPARSE], inputShapes[ModelInputs.DENSE]);
        star.initialize(manager, dataType, new Shape(b, config.flatEmbeddingWidth()), scenario);
        sharedExperts.initialize(manager, dataType, h);
        gates.initialize(
                manager, dataType, h, new Shape(b, sharedExperts.getExperts(), w), scenario);
        scenarioExperts.initialize(manager, dataType, h);
        scenarioMixing.initialize(manager, dataType, new Shape(b, s, w), scenario);
        taskExperts.initialize(manager, dataType, h);
        taskMixing.initialize(manager, dataType, new Shape(b, t, w));
        Shape f = new Shape(b, t, w);
        fusion.initialize(manager, dataType, f, new Shape(b, w), f, scenario);
        towers.initialize(manager, dataType, f, scenario);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[ModelInputs.SPARSE].get(0), config.numTasks())};
    }
}
