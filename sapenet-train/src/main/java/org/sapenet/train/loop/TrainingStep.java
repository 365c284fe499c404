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
import java.util.List;
import org.sapenet.model.layers.EmbeddingRows;
import org.sapenet.train.optim.ResumableAdam;

/**
 * One optimisation step on a batch: forward, loss, backward, and an Adam update of every trainable
 * parameter, without DJL's {@code Trainer} and its listeners (no per-batch re-evaluation).
 *
 * <p>The optimizer sees each parameter under its path in the block tree, which is stable across
 * processes, so its saved state maps back onto the same parameters after a restart (DJL's parameter
 * ids are random per process). Every array a step creates lives in the batch's manager and is freed
 * when the caller closes the batch.
 *
 * <p>With row-sparse embedding updates, the forward pass carries an {@link EmbeddingRows}: each
 * embedding table is looked up in a copy of the rows its batch uses, and gets {@link
 * ResumableAdam#updateRows} on those rows (the distinct ids, whatever their gradient) with their
 * gradient; the other parameters get dense updates.
 */
public final class TrainingStep {

    private final Block block;
    private final Loss loss;
    private final ResumableAdam optimizer;
    private final Device device;
    private final Engine engine;
    private final ParameterStore parameterStore;
    private final List<Pair<String, Parameter>> trainable = new ArrayList<>();
    private final boolean rowSparseTables;

    /**
     * Creates the step for an initialised block.
     *
     * @param block the model
     * @param loss the loss over [y, mask, scenario] and [logits]
     * @param optimizer the optimizer
     * @param manager the model's manager
     * @param device the device the parameters live on
     * @param rowSparseTables whether embedding tables get row-sparse updates (else dense Adam)
     */
    public TrainingStep(
            Block block,
            Loss loss,
            ResumableAdam optimizer,
            NDManager manager,
            Device device,
            boolean rowSparseTables) {
        this.block = block;
        this.loss = loss;
        this.optimizer = optimizer;
        this.device = device;
        this.engine = manager.getEngine();
        this.parameterStore = new ParameterStore(manager, false);
        for (Pair<String, Parameter> pair : block.getParameters()) {
            if (pair.getValue().requiresGradient()) {
                trainable.add(pair);
            }
        }
        this.rowSparseTables = rowSparseTables;
    }

    /**
     * Trains on one batch.
     *
     * @param batch the batch (not closed here)
     * @param waitNanos how long the caller waited for the batch (counted as data time)
     * @param times where to add the step's timings, or null
     * @return the batch's loss
     */
    public float run(Batch batch, long waitNanos, StepTimes times) {
        long t0 = System.nanoTime();
        NDList data = onDevice(batch.getData(), device);
        NDList labels = onDevice(batch.getLabels(), device);
        long t1 = System.nanoTime();
        EmbeddingRows rows = rowSparseTables ? new EmbeddingRows() : null;
        float value;
        long t2;
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDList predictions =
                    block.forward(
                            parameterStore, data, true, rows == null ? null : rows.asParams());
            NDArray lossValue = loss.evaluate(labels, predictions);
            t2 = System.nanoTime();
            collector.backward(lossValue);
            value = lossValue.getFloat();
        }
        long t3 = System.nanoTime();
        for (Pair<String, Parameter> pair : trainable) {
            NDArray weight = pair.getValue().getArray();
            EmbeddingRows.Lookup lookup = rows == null ? null : rows.get(pair.getValue());
            NDArray gradient = (lookup == null ? weight : lookup.values()).getGradient();
            if (lookup == null) {
                optimizer.update(pair.getKey(), weight, gradient);
            } else {
                optimizer.updateRows(pair.getKey(), weight, lookup.rows(), gradient);
            }
            gradient.close();
        }
        long t4 = System.nanoTime();
        if (times != null) {
            times.add(waitNanos + t1 - t0, t2 - t1, t3 - t2, t4 - t3, batch.getSize());
        }
        if (!Float.isFinite(value)) {
            throw new IllegalStateException(
                    "The training loss became "
                            + value
                            + ": the model diverged (try a lower --lr)");
        }
        return value;
    }

    /**
     * Returns the logits of a batch in inference mode.
     *
     * @param data the batch's data
     * @return logits (B, T)
     */
    public NDArray predict(NDList data) {
        return block.forward(parameterStore, onDevice(data, device), false).get(0);
    }

    /** The arrays on a device: the list itself when they are there already, else a copy. */
    static NDList onDevice(NDList list, Device device) {
        if (list.head().getDevice().equals(device)) {
            return list;
        }
        return list.toDevice(device, false);
    }
}
