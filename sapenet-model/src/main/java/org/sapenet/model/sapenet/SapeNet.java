/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.sapenet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sapenet.model.MixingParameters;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.BalancedMixing;
import org.sapenet.model.layers.Experts;
import org.sapenet.model.layers.FieldEmbedding;
import org.sapenet.model.layers.FieldSelfAttention;
import org.sapenet.model.layers.ModelParameters;
import org.sapenet.model.layers.Ple;
import org.sapenet.model.layers.ScenarioGroups;
import org.sapenet.model.layers.ScenarioTaskFusion;
import org.sapenet.model.layers.ScenarioTaskGate;
import org.sapenet.model.layers.ScenarioTaskTowers;
import org.sapenet.model.layers.StarFusion;

/**
 * SAPENet, the seed paper's multi-scenario multi-task model, equations (1)-(13).
 *
 * <p>Inputs ({@link ModelInputs}): [sparse ids (B, F_s) int, dense (B, F_d) float, scenario (B) int
 * in [0, S)]. Output: [logits (B, T)], each row's logits from its own scenario's towers. Train with
 * {@link org.sapenet.model.loss.MultiTaskLoss} (14); {@link org.sapenet.model.Predictions} gives ŷ.
 *
 * <pre>
 *   e      = FieldEmbedding(ids, dense)                         (1)  (B, F, d)
 *   ẽ      = flatten(FieldSelfAttention^A(e))                   (2)  (B, m), m = F d
 *   h*     = StarFusion(ẽ, s)                                   (3)-(4)  (B, 256)
 *   h^PLE  = Ple(h*)                                            (5)-(7)  (B, T, 64)
 *   g, q   = scenario experts, task experts on h*               (8)-(9)  (B, S, 64), (B, T, 64)
 *   ḡ_s, q̄ = BalancedMixing (own scenario; every task)          (10)-(11)
 *   f      = h^PLE + α_s ḡ_s + α_t q̄_t                          (12) (B, T, 64)
 *   logits = towers (s, t)                                      (13) (B, T)
 * </pre>
 *
 * <p>The ablations are configurations of this class: {@link Builder#optAttention(boolean)
 * optAttention(false)} skips (2) (ẽ = flatten(e)); {@link Builder#optRouting(Routing)
 * SHARED_EXPERT_GATES} replaces (5)-(7) by M3oE's single-level routing: E shared experts (one MLP
 * layer h -> w each, E = option {@value #OPTION_SHARED_EXPERTS}, default 4) mixed by one softmax
 * gate per (s, t) reading h* detached.
 */
public final class SapeNet extends AbstractBlock implements MixingParameters {

    /** The config option naming E, the shared experts of the w/o-PLE ablation (default 4). */
    public static final String OPTION_SHARED_EXPERTS = "sharedExperts";

    private static final byte VERSION = 1;

    /**
     * The gain of the attention's query and key initialisation, 1 / σ_e: embeddings start at N(0,
     * σ_e^2) with σ_e = {@value ModelParameters#EMBEDDING_STD}, so Xavier-uniform projections times
     * 1 / σ_e give queries and keys of unit variance and attention scores of order 1 from the first
     * step, as the 1 / sqrt(d_k) scaling assumes (sapenet-model/README.md, "Initialisation").
     */
    static final float QUERY_KEY_GAIN = 1f / ModelParameters.EMBEDDING_STD;

    /** How h* becomes the per-task representation. */
    public enum Routing {
        /** Equations (5)-(7): the L-level PLE stack. */
        PLE,
        /** The w/o-PLE ablation: M3oE's gates per (s, t) over shared experts, on h* detached. */
        SHARED_EXPERT_GATES
    }

    private final ModelConfig config;
    private final boolean attention;
    private final Routing routing;
    private final FieldEmbedding embedding;
    private final List<FieldSelfAttention> attentionLayers;
    private final StarFusion star;
    private final Ple ple;
    private final Experts sharedExperts;
    private final ScenarioTaskGate sharedGates;
    private final Experts scenarioExperts;
    private final BalancedMixing scenarioMixing;
    private final Experts taskExperts;
    private final BalancedMixing taskMixing;
    private final ScenarioTaskFusion fusion;
    private final ScenarioTaskTowers towers;

    private SapeNet(Builder builder) {
        super(VERSION);
        config = builder.config;
        attention = builder.attention;
        routing = builder.routing;
        int d = config.getEmbeddingDim();
        int s = config.numScenarios();
        int t = config.numTasks();
        int m = config.flatEmbeddingWidth();
        int[] starWidths = config.getStarWidths();
        int hidden = starWidths[1];
        int w = config.getExpertWidth();
        float dropout = config.getDropout();

        embedding = addChildBlock("embedding", FieldEmbedding.of(config));
        attentionLayers = new ArrayList<>();
        if (attention) {
            for (int i = 0; i < config.getAttentionLayers(); i++) {
                attentionLayers.add(
                        addChildBlock(
                                "attention" + i,
                                FieldSelfAttention.builder()
                                        .setInputDim(d)
                                        .setOutputDim(d)
                                        .optHeads(config.getAttentionHeads())
                                        .optQueryKeyGain(QUERY_KEY_GAIN)
                                        .build()));
            }
        }
        star =
                addChildBlock(
                        "star",
                        StarFusion.builder()
                                .setScenarios(s)
                                .setInputWidth(m)
                                .optWidths(starWidths[0], hidden)
                                .optDropout(dropout)
                                .build());
        if (routing == Routing.PLE) {
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
            sharedGates = null;
        } else {
            ple = null;
            int e = config.intOption(OPTION_SHARED_EXPERTS, 4);
            sharedExperts = addChildBlock("sharedExperts", experts(e, hidden, w, dropout));
            sharedGates =
                    addChildBlock(
                            "sharedGates",
                            ScenarioTaskGate.builder()
                                    .setScenarios(s)
                                    .setTasks(t)
                                    .setExperts(e)
                                    .setInputWidth(hidden)
                                    .build());
        }
        scenarioExperts = addChildBlock("scenarioExperts", experts(s, hidden, w, dropout));
        scenarioMixing =
                addChildBlock("scenarioMixing", BalancedMixing.builder().setBranches(s).build());
        taskExperts = addChildBlock("taskExperts", experts(t, hidden, w, dropout));
        taskMixing = addChildBlock("taskMixing", BalancedMixing.builder().setBranches(t).build());
        fusion =
                addChildBlock(
                        "fusion", ScenarioTaskFusion.builder().setScenarios(s).setTasks(t).build());
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
     * Creates a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
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
     * Returns whether the field self-attention (2) is used.
     *
     * @return false for the w/o-attention ablation
     */
    public boolean hasAttention() {
        return attention;
    }

    /**
     * Returns how h* is routed to the tasks.
     *
     * @return PLE, or SHARED_EXPERT_GATES for the w/o-PLE ablation
     */
    public Routing getRouting() {
        return routing;
    }

    /**
     * Returns the attention weights of one field self-attention layer (2) for a batch, for
     * inspection: which fields each field reads.
     *
     * @param ps the parameter store
     * @param inputs [sparse ids (B, F_s), dense (B, F_d), scenario (B)]
     * @param layer the attention layer, 0 for the first
     * @return (B, H, F, F), each row of the last axis a distribution over the F key fields
     * @throws IllegalStateException when the model has no attention (the w/o-attention ablation)
     */
    public NDArray attentionWeights(ParameterStore ps, NDList inputs, int layer) {
        if (attentionLayers.isEmpty()) {
            throw new IllegalStateException("This SAPENet variant has no field self-attention");
        }
        NDList e = embedding.forward(ps, ModelInputs.features(inputs), false);
        for (int i = 0; i < layer; i++) {
            e = attentionLayers.get(i).forward(ps, e, false);
        }
        return attentionLayers.get(layer).attentionWeights(ps, e.singletonOrThrow());
    }

    /** {@inheritDoc} */
    @Override
    public List<Parameter> getMixingParameters() {
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
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (inputs.size() != ModelInputs.SIZE) {
            throw new IllegalArgumentException(
                    "SapeNet expects [sparse ids (B, F_s), dense (B, F_d), scenario (B)], got "
                            + inputs.size()
                            + " arrays");
        }
        // Rows sorted by scenario once, so every scenario-specific part below works on contiguous
        // row ranges; the output is put back in batch order at the end.
        ScenarioGroups order =
                ScenarioGroups.of(ModelInputs.scenario(inputs), config.numScenarios());
        NDList sorted = order.sort(inputs);
        NDArray scenario = ModelInputs.scenario(sorted);
        NDList e = embedding.forward(ps, ModelInputs.features(sorted), training, params);
        for (FieldSelfAttention layer : attentionLayers) {
            e = layer.forward(ps, e, training, params);
        }
        NDArray flat = e.singletonOrThrow().reshape(scenario.getShape().get(0), -1);
        NDArray h =
                star.forward(ps, new NDList(flat, scenario), training, params).singletonOrThrow();
        NDList hList = new NDList(h);
        NDArray perTask;
        if (ple != null) {
            perTask = ple.forward(ps, hList, training, params).singletonOrThrow();
        } else {
            NDArray shared = sharedExperts.forward(ps, hList, training, params).singletonOrThrow();
            perTask =
                    sharedGates
                            .forward(ps, new NDList(h, shared, scenario), training, params)
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
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[ModelInputs.SPARSE].get(0);
        int s = config.numScenarios();
        int t = config.numTasks();
        int hidden = config.getStarWidths()[1];
        int w = config.getExpertWidth();
        Shape scenario = new Shape(b);
        Shape h = new Shape(b, hidden);
        embedding.initialize(
                manager, dataType, inputShapes[ModelInputs.SPARSE], inputShapes[ModelInputs.DENSE]);
        Shape[] e =
                embedding.getOutputShapes(
                        new Shape[] {
                            inputShapes[ModelInputs.SPARSE], inputShapes[ModelInputs.DENSE]
                        });
        for (FieldSelfAttention layer : attentionLayers) {
            layer.initialize(manager, dataType, e);
            e = layer.getOutputShapes(e);
        }
        star.initialize(manager, dataType, new Shape(b, config.flatEmbeddingWidth()), scenario);
        if (ple != null) {
            ple.initialize(manager, dataType, h);
        } else {
            sharedExperts.initialize(manager, dataType, h);
            sharedGates.initialize(
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

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[ModelInputs.SPARSE].get(0), config.numTasks())};
    }

    /** The builder for {@link SapeNet}. */
    public static final class Builder {

        private ModelConfig config;
        private boolean attention = true;
        private Routing routing = Routing.PLE;

        Builder() {}

        /**
         * Sets the config: fields, vocabularies, S, T and the widths.
         *
         * @param config the config
         * @return this builder
         */
        public Builder setConfig(ModelConfig config) {
            this.config = config;
            return this;
        }

        /**
         * Sets whether the field self-attention (2) is used (default true; false is the w/o
         * attention ablation).
         *
         * @param attention false to feed e to STAR directly
         * @return this builder
         */
        public Builder optAttention(boolean attention) {
            this.attention = attention;
            return this;
        }

        /**
         * Sets how h* reaches the tasks (default PLE; SHARED_EXPERT_GATES is the w/o PLE ablation).
         *
         * @param routing the routing
         * @return this builder
         */
        public Builder optRouting(Routing routing) {
            this.routing = Objects.requireNonNull(routing, "routing");
            return this;
        }

        /**
         * Builds the model.
         *
         * @return the model, uninitialised
         * @throws IllegalArgumentException when the config is missing or its widths do not fit
         */
        public SapeNet build() {
            if (config == null) {
                throw new IllegalArgumentException("SapeNet needs setConfig(ModelConfig)");
            }
            int[] ple = config.getPleWidths();
            if (routing == Routing.PLE && ple[ple.length - 1] != config.getExpertWidth()) {
                throw new IllegalArgumentException(
                        "Fusion (12) adds h^PLE to the scenario and task experts: the last PLE"
                                + " width "
                                + ple[ple.length - 1]
                                + " must equal expertWidth "
                                + config.getExpertWidth());
            }
            if (config.intOption(OPTION_SHARED_EXPERTS, 4) <= 0) {
                throw new IllegalArgumentException(
                        "Option " + OPTION_SHARED_EXPERTS + " must be positive");
            }
            return new SapeNet(this);
        }
    }
}
