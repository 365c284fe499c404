/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.compose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sapenet.model.MixingParameters;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.BalancedMixing;
import org.sapenet.model.layers.Experts;
import org.sapenet.model.layers.FieldSelfAttention;
import org.sapenet.model.layers.ModelParameters;
import org.sapenet.model.layers.Ple;
import org.sapenet.model.layers.ScenarioGroups;
import org.sapenet.model.layers.ScenarioTaskFusion;
import org.sapenet.model.layers.ScenarioTaskGate;
import org.sapenet.model.layers.ScenarioTaskTowers;
import org.sapenet.model.layers.StarFusion;

/**
 * The one multi-scenario multi-task composition behind SAPENet, its ablations and M3oE:
 *
 * <pre>
 *   e      = FieldEmbedding(ids, dense)                       (B, F, d)
 *   ẽ      = flatten(FieldSelfAttention^A(e))                 (B, m), A may be 0
 *   h*     = StarFusion(ẽ, s)                                 (B, h)
 *   p      = Ple(h*)                                          (B, T, w)
 *          | gate_{s,t}(h*.detach()) · E shared experts(h*)   (B, T, w)
 *   g, q   = scenario experts, task experts on h*             (B, S, w), (B, T, w)
 *   ḡ_s, q̄ = BalancedMixing (own scenario; every task)
 *   f      = p + α_s ḡ_s + α_t q̄_t                            (B, T, w)
 *   logits = towers (s, t)                                    (B, T)
 * </pre>
 *
 * <p>Every expert is one MLP layer h -> w. With {@link Parts#sharedWeights()} the balanced mixings
 * have one λ for all scenarios (all tasks) and the fusion one α_s and one α_t (M3oE); otherwise one
 * per scenario and per task (SAPENet). The batch is sorted by scenario once, so every routed block
 * works on contiguous rows, and the logits are put back in batch order at the end.
 *
 * <p>Children, in order: embedding, attention0 .. attention{A-1}, star, then ple or (sharedExperts,
 * the gates under {@link Parts#gatesName()}), scenarioExperts, scenarioMixing, taskExperts,
 * taskMixing, fusion, towers.
 */
public abstract class ScenarioTaskModel extends FieldEmbeddingModel implements MixingParameters {

    /**
     * The gain of the attention's query and key initialisation, 1 / σ_e: embeddings start at N(0,
     * σ_e^2) with σ_e = {@value ModelParameters#EMBEDDING_STD}, so Xavier-uniform projections times
     * 1 / σ_e give queries and keys of unit variance and attention scores of order 1 from the first
     * step, as the 1 / sqrt(d_k) scaling assumes (sapenet-model/README.md, "Initialisation").
     */
    private static final float QUERY_KEY_GAIN = 1f / ModelParameters.EMBEDDING_STD;

    /**
     * What varies between the models of this composition.
     *
     * @param attentionLayers A, the field self-attention layers on e (0 for none)
     * @param ple true for the PLE stack, false for E shared experts gated per (s, t)
     * @param sharedExpertsOption the config option naming E (default 4), read when {@code ple} is
     *     false
     * @param gatesName the child name of the (s, t) gates, when {@code ple} is false
     * @param sharedWeights one λ per mixing and one α_s, α_t (M3oE) instead of one per branch
     */
    public record Parts(
            int attentionLayers,
            boolean ple,
            String sharedExpertsOption,
            String gatesName,
            boolean sharedWeights) {}

    private final List<FieldSelfAttention> attentionLayers;
    private final StarFusion star;
    private final Ple ple;
    private final Experts sharedExperts;
    private final ScenarioTaskGate gates;
    private final Experts scenarioExperts;
    private final BalancedMixing scenarioMixing;
    private final Experts taskExperts;
    private final BalancedMixing taskMixing;
    private final ScenarioTaskFusion fusion;
    private final ScenarioTaskTowers towers;

    /**
     * Creates the model and registers its children in order.
     *
     * @param version the model's version byte
     * @param config the config
     * @param parts what varies
     * @throws IllegalArgumentException when the shared experts' option is not positive
     */
    protected ScenarioTaskModel(byte version, ModelConfig config, Parts parts) {
        super(version, config, config.numTasks());
        int d = config.getEmbeddingDim();
        int s = config.numScenarios();
        int t = config.numTasks();
        int hidden = config.getStarWidths()[1];
        int w = config.getExpertWidth();
        float dropout = config.getDropout();
        List<FieldSelfAttention> layers = new ArrayList<>();
        for (int i = 0; i < parts.attentionLayers(); i++) {
            layers.add(
                    addChildBlock(
                            "attention" + i,
                            FieldSelfAttention.builder()
                                    .setInputDim(d)
                                    .setOutputDim(d)
                                    .optHeads(config.getAttentionHeads())
                                    .optQueryKeyGain(QUERY_KEY_GAIN)
                                    .build()));
        }
        attentionLayers = Collections.unmodifiableList(layers);
        star =
                addChildBlock(
                        "star",
                        StarFusion.builder()
                                .setScenarios(s)
                                .setInputWidth(config.flatEmbeddingWidth())
                                .optWidths(config.getStarWidths()[0], hidden)
                                .optDropout(dropout)
                                .build());
        if (parts.ple()) {
            ple =
                    addChildBlock(
                            "ple",
                            Ple.builder()
                                    .setTasks(t)
                                    .setInputWidth(hidden)
                                    .optExpertsPerGroup(config.getExpertsPerGroup())
                                    .optWidths(config.getPleWidths())
                                    .optDropout(dropout)
                                    .build());
            sharedExperts = null;
            gates = null;
        } else {
            ple = null;
            int e = config.intOption(parts.sharedExpertsOption(), 4);
            if (e <= 0) {
                throw new IllegalArgumentException(
                        "Option " + parts.sharedExpertsOption() + " must be positive, got " + e);
            }
            sharedExperts = addChildBlock("sharedExperts", experts(e, hidden, w, dropout));
            gates =
                    addChildBlock(
                            parts.gatesName(),
                            ScenarioTaskGate.builder()
                                    .setScenarios(s)
                                    .setTasks(t)
                                    .setExperts(e)
                                    .setInputWidth(hidden)
                                    .build());
        }
        boolean shared = parts.sharedWeights();
        scenarioExperts = addChildBlock("scenarioExperts", experts(s, hidden, w, dropout));
        scenarioMixing =
                addChildBlock(
                        "scenarioMixing",
                        BalancedMixing.builder().setBranches(s).optShared(shared).build());
        taskExperts = addChildBlock("taskExperts", experts(t, hidden, w, dropout));
        taskMixing =
                addChildBlock(
                        "taskMixing",
                        BalancedMixing.builder().setBranches(t).optShared(shared).build());
        fusion =
                addChildBlock(
                        "fusion",
                        ScenarioTaskFusion.builder()
                                .setScenarios(s)
                                .setTasks(t)
                                .optShared(shared)
                                .build());
        towers = addChildBlock("towers", ScenarioTaskTowers.of(config, s, w));
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
     * Returns A, the number of field self-attention layers.
     *
     * @return A, 0 when e goes to STAR directly
     */
    protected final int numAttentionLayers() {
        return attentionLayers.size();
    }

    /**
     * Returns the attention weights of one field self-attention layer for a batch, for inspection:
     * which fields each field reads.
     *
     * @param ps the parameter store
     * @param inputs [sparse ids (B, F_s), dense (B, F_d), scenario (B)]
     * @param layer the attention layer, 0 for the first
     * @return (B, H, F, F), each row of the last axis a distribution over the F key fields
     */
    protected final NDArray fieldAttentionWeights(ParameterStore ps, NDList inputs, int layer) {
        NDList e = new NDList(embed(ps, inputs, false, null));
        for (int i = 0; i < layer; i++) {
            e = attentionLayers.get(i).forward(ps, e, false);
        }
        return attentionLayers.get(layer).attentionWeights(ps, e.singletonOrThrow());
    }

    /** {@inheritDoc} */
    @Override
    public final List<Parameter> getMixingParameters() {
        List<Parameter> list = new ArrayList<>();
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
    protected final NDList forwardModel(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        ScenarioGroups order =
                ScenarioGroups.of(ModelInputs.scenario(inputs), config.numScenarios());
        NDList sorted = order.sort(inputs);
        NDArray scenario = ModelInputs.scenario(sorted);
        NDList e = new NDList(embed(ps, sorted, training, params));
        for (FieldSelfAttention layer : attentionLayers) {
            e = layer.forward(ps, e, training, params);
        }
        NDArray flat = flatten(e.singletonOrThrow());
        NDArray h =
                star.forward(ps, new NDList(flat, scenario), training, params).singletonOrThrow();
        NDList hList = new NDList(h);
        NDArray perTask;
        if (ple != null) {
            perTask = ple.forward(ps, hList, training, params).singletonOrThrow();
        } else {
            NDArray shared = sharedExperts.forward(ps, hList, training, params).singletonOrThrow();
            perTask =
                    gates.forward(ps, new NDList(h, shared, scenario), training, params)
                            .singletonOrThrow();
        }
        NDArray g = scenarioExperts.forward(ps, hList, training, params).singletonOrThrow();
        NDArray gBar =
                scenarioMixing
                        .forward(ps, new NDList(g, scenario), training, params)
                        .singletonOrThrow();
        NDArray q = taskExperts.forward(ps, hList, training, params).singletonOrThrow();
        NDArray qBar = taskMixing.forward(ps, new NDList(q), training, params).singletonOrThrow();
        NDArray f =
                fusion.forward(ps, new NDList(perTask, gBar, qBar, scenario), training, params)
                        .singletonOrThrow();
        NDArray logits =
                towers.forward(ps, new NDList(f, scenario), training, params).singletonOrThrow();
        return new NDList(order.restore(logits));
    }

    /** {@inheritDoc} */
    @Override
    protected final void initializeModel(
            NDManager manager, DataType dataType, long b, Shape... inputShapes) {
        int s = config.numScenarios();
        int t = config.numTasks();
        int w = config.getExpertWidth();
        Shape scenario = new Shape(b);
        Shape h = new Shape(b, config.getStarWidths()[1]);
        Shape[] e = {fieldShape(b)};
        for (FieldSelfAttention layer : attentionLayers) {
            layer.initialize(manager, dataType, e);
            e = layer.getOutputShapes(e);
        }
        star.initialize(manager, dataType, flatShape(b), scenario);
        if (ple != null) {
            ple.initialize(manager, dataType, h);
        } else {
            sharedExperts.initialize(manager, dataType, h);
            gates.initialize(
                    manager, dataType, h, new Shape(b, sharedExperts.getExperts(), w), scenario);
        }
        scenarioExperts.initialize(manager, dataType, h);
        scenarioMixing.initialize(manager, dataType, new Shape(b, s, w), scenario);
        taskExperts.initialize(manager, dataType, h);
        taskMixing.initialize(manager, dataType, new Shape(b, t, w));
        Shape f = new Shape(b, t, w);
        fusion.initialize(manager, dataType, f, new Shape(b, w), f, scenario);
        towers.initialize(manager, dataType, f, scenario);
    }
}
