/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.star;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.baselines.singletask.PerTaskNetworks;
import org.sapenet.model.compose.FieldEmbeddingModel;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.ScenarioGroups;

/**
 * STAR (Sheng et al. 2021, "One Model to Serve All: Star Topology Adaptive Recommender for
 * Multi-Domain CTR Prediction") for one task.
 *
 * <pre>
 *   e  = flatten(embedding(x))                           (B, m)
 *   z  = PN_s(e)                                         partitioned normalization
 *   h₁ = ReLU(star₁,s(z)), h₂ = ReLU(star₂,s(h₁)), h₃ = ReLU(star₃,s(h₂))
 *   y  = star₄,s(h₃) + aux([e ‖ emb(s)])                 (B, 1) logit
 * </pre>
 *
 * with star FCN widths m → 256 → 128 → 64 → 1, each layer's weight W ⊙ W_s and bias b + b_s of the
 * row's own scenario ({@link StarFcnLayer}), and the auxiliary network of {@link
 * StarAuxiliaryNetwork}. The batch is grouped by scenario once ({@link ScenarioGroups}); each
 * scenario's rows run through its normalization and its four layers, and the results are put back
 * in batch order once.
 *
 * <p>{@link #forTasks} builds the paper's multi-scenario single-task setting: one STAR per task.
 *
 * <p>Options read from {@link ModelConfig}: {@code star.auxiliaryWidth} (default 64), the hidden
 * width of the auxiliary network.
 *
 * <p>Children, in order: embedding, normalization, layer0..layer3, auxiliary.
 *
 * <p>Input: [sparse ids (B, F_s), dense (B, F_d), scenario ids (B)]. Output: [logit (B, 1)].
 */
public final class StarNetwork extends FieldEmbeddingModel {

    /** The widths of the star FCN m → 256 → 128 → 64 → 1 after m; the last, 1, is the logit. */
    public static final int[] FCN_WIDTHS = {256, 128, 64, 1};

    /** The option naming the auxiliary network's hidden width. */
    public static final String AUXILIARY_WIDTH = "star.auxiliaryWidth";

    private static final byte VERSION = 1;

    private final int scenarioCount;
    private final PartitionedNormalization normalization;
    private final List<StarFcnLayer> layers;
    private final StarAuxiliaryNetwork auxiliary;

    private StarNetwork(ModelConfig config) {
        super(VERSION, config, 1);
        scenarioCount = config.numScenarios();
        int flatWidth = config.flatEmbeddingWidth();
        normalization =
                addChildBlock(
                        "normalization",
                        PartitionedNormalization.builder()
                                .setScenarioCount(scenarioCount)
                                .setWidth(flatWidth)
                                .build());
        List<StarFcnLayer> list = new ArrayList<>();
        int in = flatWidth;
        for (int i = 0; i < FCN_WIDTHS.length; i++) {
            list.add(
                    addChildBlock(
                            "layer" + i,
                            StarFcnLayer.builder()
                                    .setScenarioCount(scenarioCount)
                                    .setInputWidth(in)
                                    .setOutputWidth(FCN_WIDTHS[i])
                                    .build()));
            in = FCN_WIDTHS[i];
        }
        layers = Collections.unmodifiableList(list);
        auxiliary =
                addChildBlock(
                        "auxiliary",
                        StarAuxiliaryNetwork.builder()
                                .setScenarioCount(scenarioCount)
                                .setInputWidth(flatWidth)
                                .optEmbeddingDim(config.getEmbeddingDim())
                                .optHiddenWidth(config.intOption(AUXILIARY_WIDTH, 64))
                                .optDropout(config.getDropout())
                                .build());
    }

    /**
     * Builds one task's STAR.
     *
     * @param config the input's fields, the scenarios, the dropout rate
     * @return the network
     */
    public static StarNetwork of(ModelConfig config) {
        return new StarNetwork(config);
    }

    /**
     * Builds the multi-scenario single-task model: one STAR per task, logits (B, T).
     *
     * @param config the input's fields, the scenarios and tasks
     * @return the model
     */
    public static Block forTasks(ModelConfig config) {
        return PerTaskNetworks.of(config, StarNetwork::of);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardModel(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray scenario = ModelInputs.scenario(inputs);
        NDArray e = flatten(embed(ps, inputs, training, params));
        ScenarioGroups groups = ScenarioGroups.of(scenario, scenarioCount);
        NDList parts = new NDList(scenarioCount);
        for (int s = 0; s < scenarioCount; s++) {
            if (!groups.hasRows(s)) {
                continue;
            }
            NDArray h = normalization.forwardScenario(ps, groups.gather(e, s), s, training);
            for (int i = 0; i < layers.size(); i++) {
                h = layers.get(i).forwardScenario(ps, h, s, training);
                if (i < layers.size() - 1) {
                    h = Activation.relu(h);
                }
            }
            parts.add(h);
        }
        NDArray star = groups.merge(parts);
        NDArray aux = auxiliary.forward(ps, new NDList(e, scenario), training).singletonOrThrow();
        return new NDList(star.add(aux));
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeModel(
            NDManager manager, DataType dataType, long b, Shape... inputShapes) {
        Shape flat = flatShape(b);
        normalization.initialize(manager, dataType, flat, inputShapes[ModelInputs.SCENARIO]);
        Shape in = flat;
        for (StarFcnLayer layer : layers) {
            layer.initialize(manager, dataType, in, inputShapes[ModelInputs.SCENARIO]);
            in = new Shape(b, layer.getOutputWidth());
        }
        auxiliary.initialize(manager, dataType, flat, inputShapes[ModelInputs.SCENARIO]);
    }
}
