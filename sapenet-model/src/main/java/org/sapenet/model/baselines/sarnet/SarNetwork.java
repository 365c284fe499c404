/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.sarnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.baselines.singletask.PerTaskNetworks;
import org.sapenet.model.compose.FieldEmbeddingModel;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.Mlp;

/**
 * SAR-Net (Shen et al. 2021, "SAR-Net: A Scenario-Aware Ranking Network for Personalized Fair
 * Recommendation in Hundreds of Travel Scenarios") for one task, without its cross-scenario
 * behaviour-sequence module.
 *
 * <pre>
 *   e  = flatten(embedding(x))               (B, m)
 *   x~ = e ⊙ w_s + b_s                        scenario-specific transformation
 *   r  = Σ_i g_s,i(x~) expert_i(x~)           8 shared + 2 own-scenario debias experts, BN → Linear(m → 16)
 *   y  = tower(r)                             MLP 16 → 32 → 32 → 1, a logit (B, 1)
 * </pre>
 *
 * <p>Left out, because our datasets lack what they need: the two cross-scenario attention modules
 * over the user's behaviour sequences (AliCCP and KuaiSAR rows carry no sequences here), and the
 * fairness coefficient that re-weights experts by a promotion-intervention signal.
 *
 * <p>{@link #forTasks} builds the paper's multi-scenario single-task setting: one SAR-Net per task.
 *
 * <p>Options read from {@link ModelConfig}: {@code sarnet.sharedExperts} (8), {@code
 * sarnet.scenarioExperts} (2), {@code sarnet.expertWidth} (16), {@code sarnet.towerWidth} (32).
 *
 * <p>Children, in order: embedding, transform ({@link ScenarioTransform}), experts ({@link
 * ScenarioExpertMixture}), tower ({@link Mlp}: two MLP layers then a Linear).
 *
 * <p>Input: [sparse ids (B, F_s), dense (B, F_d), scenario ids (B)]. Output: [logit (B, 1)].
 */
public final class SarNetwork extends FieldEmbeddingModel {

    /** The option naming the number of shared experts. */
    public static final String SHARED_EXPERTS = "sarnet.sharedExperts";

    /** The option naming the number of experts each scenario owns. */
    public static final String SCENARIO_EXPERTS = "sarnet.scenarioExperts";

    /** The option naming the experts' output width. */
    public static final String EXPERT_WIDTH = "sarnet.expertWidth";

    /** The option naming the tower's hidden width. */
    public static final String TOWER_WIDTH = "sarnet.towerWidth";

    private static final byte VERSION = 1;

    private final ScenarioTransform transform;
    private final ScenarioExpertMixture experts;
    private final Mlp tower;

    private SarNetwork(ModelConfig config) {
        super(VERSION, config, 1);
        int scenarios = config.numScenarios();
        int flatWidth = config.flatEmbeddingWidth();
        int expertWidth = config.intOption(EXPERT_WIDTH, 16);
        int towerWidth = config.intOption(TOWER_WIDTH, 32);
        transform =
                addChildBlock(
                        "transform",
                        ScenarioTransform.builder()
                                .setScenarioCount(scenarios)
                                .setWidth(flatWidth)
                                .build());
        experts =
                addChildBlock(
                        "experts",
                        ScenarioExpertMixture.builder()
                                .setScenarioCount(scenarios)
                                .setInputWidth(flatWidth)
                                .optSharedExperts(config.intOption(SHARED_EXPERTS, 8))
                                .optScenarioExperts(config.intOption(SCENARIO_EXPERTS, 2))
                                .optExpertWidth(expertWidth)
                                .build());
        tower =
                addChildBlock(
                        "tower",
                        Mlp.builder()
                                .setInputWidth(expertWidth)
                                .setWidths(towerWidth, towerWidth)
                                .optOutputWidth(1)
                                .optDropout(config.getDropout())
                                .build());
    }

    /**
     * Builds one task's SAR-Net.
     *
     * @param config the input's fields, the scenarios, the options
     * @return the network
     */
    public static SarNetwork of(ModelConfig config) {
        return new SarNetwork(config);
    }

    /**
     * Builds the multi-scenario single-task model: one SAR-Net per task, logits (B, T).
     *
     * @param config the input's fields, the scenarios and tasks
     * @return the model
     */
    public static Block forTasks(ModelConfig config) {
        return PerTaskNetworks.of(config, SarNetwork::of);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardModel(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray scenario = ModelInputs.scenario(inputs);
        NDArray e = flatten(embed(ps, inputs, training, params));
        NDList transformed = transform.forward(ps, new NDList(e, scenario), training);
        NDList mixed =
                experts.forward(ps, new NDList(transformed.singletonOrThrow(), scenario), training);
        return tower.forward(ps, mixed, training);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeModel(
            NDManager manager, DataType dataType, long b, Shape... inputShapes) {
        Shape flat = flatShape(b);
        transform.initialize(manager, dataType, flat, inputShapes[ModelInputs.SCENARIO]);
        experts.initialize(manager, dataType, flat, inputShapes[ModelInputs.SCENARIO]);
        tower.initialize(manager, dataType, new Shape(b, experts.getExpertWidth()));
    }
}
