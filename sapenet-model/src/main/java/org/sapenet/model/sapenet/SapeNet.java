/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.sapenet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.compose.ScenarioTaskModel;
import org.sapenet.model.config.ModelConfig;

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
 *
 * <p>The blocks, their order and wiring are {@link ScenarioTaskModel}'s, shared with M3oE.
 */
public final class SapeNet extends ScenarioTaskModel {

    /** The config option naming E, the shared experts of the w/o-PLE ablation (default 4). */
    public static final String OPTION_SHARED_EXPERTS = "sharedExperts";

    private static final byte VERSION = 1;

    /** How h* becomes the per-task representation. */
    public enum Routing {
        /** Equations (5)-(7): the L-level PLE stack. */
        PLE,
        /** The w/o-PLE ablation: M3oE's gates per (s, t) over shared experts, on h* detached. */
        SHARED_EXPERT_GATES
    }

    private final boolean attention;
    private final Routing routing;

    private SapeNet(Builder builder) {
        super(
                VERSION,
                builder.config,
                new Parts(
                        builder.attention ? builder.config.getAttentionLayers() : 0,
                        builder.routing == Routing.PLE,
                        OPTION_SHARED_EXPERTS,
                        "sharedGates",
                        false));
        attention = builder.attention;
        routing = builder.routing;
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
        if (numAttentionLayers() == 0) {
            throw new IllegalStateException("This SAPENet variant has no field self-attention");
        }
        return fieldAttentionWeights(ps, inputs, layer);
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
