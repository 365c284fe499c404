/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.m3oe;

import org.sapenet.model.compose.ScenarioTaskModel;
import org.sapenet.model.config.ModelConfig;

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
 *
 * <p>The blocks, their order and wiring are {@link ScenarioTaskModel}'s, shared with SAPENet: M3oE
 * is that composition without attention, with gated shared experts and one λ and α each.
 */
public final class M3oe extends ScenarioTaskModel {

    /** The option naming the number of shared experts. */
    public static final String OPTION_SHARED_EXPERTS = "m3oe.sharedExperts";

    private static final byte VERSION = 1;

    private M3oe(ModelConfig config) {
        super(VERSION, config, new Parts(0, false, OPTION_SHARED_EXPERTS, "gates", true));
    }

    /**
     * Builds M3oE for a config.
     *
     * @param config the config
     * @return the model, uninitialised
     * @throws IllegalArgumentException when option {@value #OPTION_SHARED_EXPERTS} is not positive
     */
    public static M3oe of(ModelConfig config) {
        return new M3oe(config);
    }
}
