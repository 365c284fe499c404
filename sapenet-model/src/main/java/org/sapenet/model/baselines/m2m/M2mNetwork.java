/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.m2m;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
import org.sapenet.model.ModelInputs;
import org.sapenet.model.compose.FieldEmbeddingModel;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.MlpLayer;
import org.sapenet.model.layers.ModelParameters;
import org.sapenet.model.layers.ScenarioGroups;

/**
 * M2M (Zhang et al. 2022, "Leaving No One Behind: A Multi-Scenario Multi-Task Meta Learning
 * Approach for Advertiser Modeling"), one network for all scenarios and tasks.
 *
 * <pre>
 *   X   = embedding(x)                                   (B, F, d), the fields are the sequence
 *   H   = Encoder(X), flattened                          (B, m)   backbone (sec. 4.1)
 *   E_i = Expert_i(H)                                     (B, k)   expert views, i = 1..E
 *   c   = ScenarioMLP(emb(s))                             (B, k)   scenario knowledge representation
 *   T_t = TaskMLP([emb(s) ‖ τ_t])                         (B, k)   task view of task t
 *   R_t = MetaAttention_t(E, T_t; weights from c)         (B, k)   sec. 4.2.2
 *   y_t = MetaTower_t(R_t; weights from c)                (B, 1)   sec. 4.2.3
 * </pre>
 *
 * <p>Reading of the paper: the meta unit generates each layer's weight and bias by a linear map of
 * the scenario representation ({@link MetaLinear}); the meta attention scores expert i for task t
 * as vᵀ ReLU(Meta([E_i ‖ T_t])) and mixes the experts by the softmax of the scores ({@link
 * MetaAttention}); the meta tower is a stack of residual meta layers ReLU(Meta(L) + L) ending in a
 * linear output ({@link MetaTower}). The paper's scenario knowledge comes from scenario features;
 * ours is the scenario id's embedding. Its task view is a task embedding through an MLP; here the
 * task MLP reads the task's embedding τ_t together with the scenario embedding. Its Poisson
 * regression head is replaced by a logit for the binary tasks of our datasets, and its behaviour
 * sequences (absent here) are not modelled: the encoder attends over the row's field embeddings.
 *
 * <p>Every expert, the scenario MLP and the task MLP are one MLP layer (Linear, LayerNorm, ReLU).
 * The encoder uses the config's attention heads and layers.
 *
 * <p>Options read from {@link ModelConfig}: {@code m2m.experts} (4), {@code m2m.expertWidth} (16),
 * {@code m2m.metaTowerLayers} (2), {@code m2m.feedForwardWidth} (64, the encoder's hidden width).
 *
 * <p>Parameters: scenario embedding (S, d) and task embedding (T, d), drawn as every embedding
 * table. Children, in order: embedding, encoder0.., expert0.., scenarioMlp, taskMlp, then for each
 * task t: attention{t}, tower{t}.
 *
 * <p>Input: [sparse ids (B, F_s), dense (B, F_d), scenario ids (B)]. Output: [logits (B, T)].
 */
public final class M2mNetwork extends FieldEmbeddingModel {

    /** The option naming E, the number of experts. */
    public static final String EXPERTS = "m2m.experts";

    /** The option naming k, the width of the expert, scenario and task views. */
    public static final String EXPERT_WIDTH = "m2m.expertWidth";

    /** The option naming L, the number of meta layers of each tower. */
    public static final String META_TOWER_LAYERS = "m2m.metaTowerLayers";

    /** The option naming the encoder's feed-forward width. */
    public static final String FEED_FORWARD_WIDTH = "m2m.feedForwardWidth";

    private static final byte VERSION = 1;

    private final int scenarioCount;
    private final int taskCount;
    private final int embeddingDim;
    private final int expertWidth;
    private final List<FieldTransformerEncoder> encoders;
    private final List<MlpLayer> experts;
    private final MlpLayer scenarioMlp;
    private final MlpLayer taskMlp;
    private final List<MetaAttention> attentions;
    private final List<MetaTower> towers;
    private final Parameter scenarioEmbedding;
    private final Parameter taskEmbedding;

    private M2mNetwork(ModelConfig config) {
        super(VERSION, config, config.numTasks());
        scenarioCount = config.numScenarios();
        taskCount = config.numTasks();
        embeddingDim = config.getEmbeddingDim();
        expertWidth = config.intOption(EXPERT_WIDTH, 16);
        int expertCount = config.intOption(EXPERTS, 4);
        if (expertCount <= 0) {
            throw new IllegalArgumentException("M2M needs " + EXPERTS + " > 0, got " + expertCount);
        }
        float dropout = config.getDropout();
        scenarioEmbedding =
                addParameter(
                        ModelParameters.embedding(
                                "scenarioEmbedding", new Shape(scenarioCount, embeddingDim)));
        taskEmbedding =
                addParameter(
                        ModelParameters.embedding(
                                "taskEmbedding", new Shape(taskCount, embeddingDim)));
        List<FieldTransformerEncoder> encoderList = new ArrayList<>();
        for (int l = 0; l < config.getAttentionLayers(); l++) {
            encoderList.add(
                    addChildBlock(
                            "encoder" + l,
                            FieldTransformerEncoder.builder()
                                    .setEmbeddingDim(embeddingDim)
                                    .optHeads(config.getAttentionHeads())
                                    .optHiddenWidth(config.intOption(FEED_FORWARD_WIDTH, 64))
                                    .optDropout(dropout)
                                    .build()));
        }
        encoders = Collections.unmodifiableList(encoderList);
        List<MlpLayer> expertList = new ArrayList<>();
        for (int i = 0; i < expertCount; i++) {
            expertList.add(
                    addChildBlock("expert" + i, mlpLayer(config.flatEmbeddingWidth(), dropout)));
        }
        experts = Collections.unmodifiableList(expertList);
        scenarioMlp = addChildBlock("scenarioMlp", mlpLayer(embeddingDim, dropout));
        taskMlp = addChildBlock("taskMlp", mlpLayer(2 * embeddingDim, dropout));
        List<MetaAttention> attentionList = new ArrayList<>();
        List<MetaTower> towerList = new ArrayList<>();
        for (int t = 0; t < taskCount; t++) {
            attentionList.add(
                    addChildBlock(
                            "attention" + t,
                            MetaAttention.builder()
                                    .setExpertWidth(expertWidth)
                                    .setConditionWidth(expertWidth)
                                    .build()));
            towerList.add(
                    addChildBlock(
                            "tower" + t,
                            MetaTower.builder()
                                    .setWidth(expertWidth)
                                    .setConditionWidth(expertWidth)
                                    .optLayers(config.intOption(META_TOWER_LAYERS, 2))
                                    .build()));
        }
        attentions = Collections.unmodifiableList(attentionList);
        towers = Collections.unmodifiableList(towerList);
    }

    private MlpLayer mlpLayer(int inputWidth, float dropout) {
        return MlpLayer.builder()
                .setInputWidth(inputWidth)
                .setOutputWidth(expertWidth)
                .optDropout(dropout)
                .build();
    }

    /**
     * Builds M2M.
     *
     * @param config the input's fields, the scenarios, tasks, attention settings and options
     * @return the model
     */
    public static M2mNetwork of(ModelConfig config) {
        return new M2mNetwork(config);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardModel(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray scenario = ModelInputs.scenario(inputs);
        // validates the ids (a one-hot lookup would give an out-of-range id a zero row)
        ScenarioGroups.of(scenario, scenarioCount);
        NDArray x = embed(ps, inputs, training, params);
        for (FieldTransformerEncoder encoder : encoders) {
            x = encoder.forward(ps, new NDList(x), training).singletonOrThrow();
        }
        NDList h = new NDList(flatten(x));
        NDList views = new NDList(experts.size());
        for (MlpLayer expert : experts) {
            views.add(expert.forward(ps, h, training).singletonOrThrow());
        }
        NDArray expertViews = NDArrays.stack(views, 1); // (B, E, k)
        Device device = x.getDevice();
        NDArray scenarioVector =
                scenario.oneHot(scenarioCount, DataType.FLOAT32)
                        .matMul(ps.getValue(scenarioEmbedding, device, training)); // (B, d)
        NDArray condition =
                scenarioMlp.forward(ps, new NDList(scenarioVector), training).singletonOrThrow();
        NDArray tasks = ps.getValue(taskEmbedding, device, training);
        NDList logits = new NDList(taskCount);
        for (int t = 0; t < taskCount; t++) {
            float[] pick = new float[taskCount];
            pick[t] = 1f;
            // τ_t for every row (B, d), computed from batch-owned arrays first
            NDArray taskVector =
                    scenarioVector
                            .zerosLike()
                            .add(
                                    scenario.getManager()
                                            .create(pick, new Shape(1, taskCount))
                                            .toDevice(device, false)
                                            .matMul(tasks));
            NDArray taskView =
                    taskMlp.forward(ps, new NDList(scenarioVector.concat(taskVector, 1)), training)
                            .singletonOrThrow();
            NDArray mixed =
                    attentions
                            .get(t)
                            .forward(ps, new NDList(expertViews, taskView, condition), training)
                            .get(0);
            logits.add(
                    towers.get(t)
                            .forward(ps, new NDList(mixed, condition), training)
                            .singletonOrThrow());
        }
        return new NDList(NDArrays.concat(logits, 1));
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeModel(
            NDManager manager, DataType dataType, long b, Shape... inputShapes) {
        for (FieldTransformerEncoder encoder : encoders) {
            encoder.initialize(manager, dataType, fieldShape(b));
        }
        for (MlpLayer expert : experts) {
            expert.initialize(manager, dataType, flatShape(b));
        }
        scenarioMlp.initialize(manager, dataType, new Shape(b, embeddingDim));
        taskMlp.initialize(manager, dataType, new Shape(b, 2 * embeddingDim));
        Shape views = new Shape(b, experts.size(), expertWidth);
        Shape view = new Shape(b, expertWidth);
        for (int t = 0; t < taskCount; t++) {
            attentions.get(t).initialize(manager, dataType, views, view, view);
            towers.get(t).initialize(manager, dataType, view, view);
        }
    }
}
