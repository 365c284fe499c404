/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sapenet.model.baselines.m2m.M2mNetwork;
import org.sapenet.model.baselines.sarnet.SarNetwork;
import org.sapenet.model.baselines.singletask.SingleTaskNetwork;
import org.sapenet.model.baselines.star.StarNetwork;
import org.sapenet.model.sapenet.SapeNet;

/**
 * Every model this project builds, by the name the command line uses.
 *
 * <p>All entries are registered in {@link #registerAll()}, the one place to add a model. {@link
 * #all()} lists them in the order of the paper's tables: by {@link PaperSetting} (in enum order),
 * the ablations last, and within each group in registration order; so the order of the register
 * lines only matters within a group.
 */
public final class ModelRegistry {

    private static final Map<String, ModelSpec> MODELS = new LinkedHashMap<>();

    static {
        registerAll();
    }

    private ModelRegistry() {}

    private static void registerAll() {
        // Single-scenario single-task.
        register(
                new ModelSpec(
                        "single-task",
                        PaperSetting.SINGLE_SCENARIO_SINGLE_TASK,
                        "One MLP per task (m -> 256 -> 128 -> 64 -> 1), the scenario only an"
                                + " ordinary sparse feature",
                        SingleTaskNetwork::forTasks));
        // Single-scenario multi-task.
        // Multi-scenario single-task.
        register(
                new ModelSpec(
                        "star",
                        PaperSetting.MULTI_SCENARIO_SINGLE_TASK,
                        "STAR (Sheng et al. 2021), one per task: partitioned normalization, star"
                                + " FCN m -> 256 -> 128 -> 64 -> 1 (W ⊙ W_s, b + b_s), auxiliary"
                                + " network",
                        StarNetwork::forTasks));
        register(
                new ModelSpec(
                        "sarnet",
                        PaperSetting.MULTI_SCENARIO_SINGLE_TASK,
                        "SAR-Net (Shen et al. 2021), one per task: scenario transform, 8 shared +"
                                + " 2 scenario debias experts, gated, tower; without its"
                                + " behaviour-sequence attention and fairness coefficient (no"
                                + " sequences or promotion signal in our data)",
                        SarNetwork::forTasks));
        // Multi-scenario multi-task.
        register(
                new ModelSpec(
                        "sapenet",
                        PaperSetting.MULTI_SCENARIO_MULTI_TASK,
                        "SAPENet: field self-attention, STAR fusion, 2-level PLE, balanced"
                                + " scenario/task experts, towers per (scenario, task)",
                        config -> SapeNet.builder().setConfig(config).build()));
        register(
                new ModelSpec(
                        "m2m",
                        PaperSetting.MULTI_SCENARIO_MULTI_TASK,
                        "M2M (Zhang et al. 2022): field transformer encoder, 4 experts, meta"
                                + " attention and meta towers with weights generated from the"
                                + " scenario",
                        M2mNetwork::of));
        // Ablations (ModelSpec with ablation = true).
        register(
                new ModelSpec(
                        "sapenet-no-attention",
                        PaperSetting.MULTI_SCENARIO_MULTI_TASK,
                        "SAPENet w/o attention: STAR fusion reads the flat field embeddings",
                        config -> SapeNet.builder().setConfig(config).optAttention(false).build(),
                        true));
        register(
                new ModelSpec(
                        "sapenet-no-ple",
                        PaperSetting.MULTI_SCENARIO_MULTI_TASK,
                        "SAPENet w/o PLE: M3oE-style softmax gate per (scenario, task) over 4"
                                + " shared experts reading h* detached",
                        config ->
                                SapeNet.builder()
                                        .setConfig(config)
                                        .optRouting(SapeNet.Routing.SHARED_EXPERT_GATES)
                                        .build(),
                        true));
    }

    private static void register(ModelSpec spec) {
        if (MODELS.putIfAbsent(spec.getName(), spec) != null) {
            throw new IllegalStateException("Model '" + spec.getName() + "' is registered twice");
        }
    }

    /**
     * Returns every registered model, in the order of the paper's tables.
     *
     * @return the entries
     */
    public static List<ModelSpec> all() {
        List<ModelSpec> specs = new ArrayList<>(MODELS.values());
        specs.sort(
                Comparator.comparing(ModelSpec::isAblation).thenComparing(ModelSpec::getSetting));
        return List.copyOf(specs);
    }

    /**
     * Returns the model of a name.
     *
     * @param name the name
     * @return the entry
     * @throws IllegalArgumentException naming the known models when the name is unknown
     */
    public static ModelSpec get(String name) {
        ModelSpec spec = MODELS.get(name);
        if (spec == null) {
            throw new IllegalArgumentException(
                    "Unknown model '" + name + "': expected one of " + MODELS.keySet());
        }
        return spec;
    }
}
