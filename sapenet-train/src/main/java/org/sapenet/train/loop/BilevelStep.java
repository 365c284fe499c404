/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.sapenet.model.MixingParameters;
import org.sapenet.model.layers.EmbeddingRows;
import org.sapenet.train.optim.ResumableAdam;

/**
 * M3oE's bi-level update (its official trainer, MDMTRec): once per epoch, one batch updates only
 * the mixing weights α (fusion) and λ (balanced mixing) with a second Adam at learning rate 1e-3
 * and no weight decay. The other parameters keep their values, and their gradients are zeroed
 * afterwards so the main optimizer's next step is unaffected. Embedding tables are looked up
 * through an {@link EmbeddingRows}, so no gradient of a whole table is built for this step.
 *
 * <p>Like {@link TrainingStep}, the optimizer sees each mixing parameter under its path in the
 * block tree, so its state saved with the resume state maps back after a restart.
 */
public final class BilevelStep {

    /** The learning rate of M3oE's second Adam. */
    public static final float LEARNING_RATE = 1e-3f;

    private final Block block;
    private final Loss loss;
    private final ResumableAdam optimizer;
    private final Device device;
    private final Engine engine;
    private final ParameterStore parameterStore;
    private final List<Pair<String, Parameter>> mixing = new ArrayList<>();
    private final List<Parameter> others = new ArrayList<>();

    /**
     * Creates the step for an initialised block.
     *
     * @param block the model; it must implement {@link MixingParameters}
     * @param loss the loss over [y, mask, scenario] and [logits]
     * @param optimizer the second optimizer (see {@link #newOptimizer()})
     * @param manager the model's manager
     * @param device the device the parameters live on
     * @throws IllegalArgumentException when the model has no mixing parameters
     */
    public BilevelStep(
            Block block, Loss loss, ResumableAdam optimizer, NDManager manager, Device device) {
        if (!(block instanceof MixingParameters)) {
            throw new IllegalArgumentException(
                    "--bilevel: the model ("
                            + block.getClass().getSimpleName()
                            + ") has no mixing weights α/λ; only M3oE and SAPENet support the"
                            + " bi-level update");
        }
        this.block = block;
        this.loss = loss;
        this.optimizer = optimizer;
        this.device = device;
        this.engine = manager.getEngine();
        this.parameterStore = new ParameterStore(manager, false);
        Set<Parameter> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        wanted.addAll(((MixingParameters) block).getMixingParameters());
        for (Pair<String, Parameter> pair : block.getParameters()) {
            if (wanted.contains(pair.getValue())) {
                mixing.add(pair);
            } else if (pair.getValue().requiresGradient()) {
                others.add(pair.getValue());
            }
        }
        if (mixing.isEmpty()) {
            throw new IllegalArgumentException(
                    "--bilevel: the model lists no mixing parameters among its own parameters");
        }
    }

    /**
     * Returns the second optimizer: Adam at {@link #LEARNING_RATE}, no weight decay.
     *
     * @return a new optimizer
     */
    public static ResumableAdam newOptimizer() {
        return ResumableAdam.builder().optLearningRate(LEARNING_RATE).optWeightDecays(0f).build();
    }

    /**
     * Updates the mixing parameters on one batch.
     *
     * @param batch the batch (not closed here)
     * @return the batch's loss before the update
     */
    public float run(Batch batch) {
        NDList data = TrainingStep.onDevice(batch.getData(), device);
        NDList labels = TrainingStep.onDevice(batch.getLabels(), device);
        EmbeddingRows rows = new EmbeddingRows();
        float value;
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDList predictions = block.forward(parameterStore, data, true, rows.asParams());
            NDArray lossValue = loss.evaluate(labels, predictions);
            collector.backward(lossValue);
            value = lossValue.getFloat();
        }
        if (!Float.isFinite(value)) {
            throw new IllegalStateException(
                    "The bi-level loss became "
                            + value
                            + ": the model diverged (try a lower --lr)");
        }
        for (Pair<String, Parameter> pair : mixing) {
            NDArray weight = pair.getValue().getArray();
            NDArray gradient = weight.getGradient();
            optimizer.update(pair.getKey(), weight, gradient);
            gradient.close();
        }
        for (Parameter parameter : others) {
            if (rows.get(parameter) != null) {
                continue; // a table: its rows' gradient went to the lookup's copy
            }
            NDArray gradient = parameter.getArray().getGradient();
            gradient.subi(gradient);
            gradient.close();
        }
        return value;
    }
}
