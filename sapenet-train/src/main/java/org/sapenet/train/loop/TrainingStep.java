/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sapenet.train.optim.EmbeddingTables;
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
 * <p>With row-sparse embedding updates, each field's embedding table (see {@link EmbeddingTables})
 * gets {@link ResumableAdam#updateRows} on the distinct ids of its column in the batch's sparse ids
 * (the model's first input, (B, F_s)): the rows the lookup read, whatever their gradient.
 */
public final class TrainingStep {

    private final Block block;
    private final Loss loss;
    private final ResumableAdam optimizer;
    private final Device device;
    private final Engine engine;
    private final ParameterStore parameterStore;
    private final List<Pair<String, Parameter>> trainable = new ArrayList<>();
    private final int[] tableFields;
    private final int fieldCount;

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
        tableFields = new int[trainable.size()];
        for (int i = 0; i < tableFields.length; i++) {
            tableFields[i] =
                    rowSparseTables ? EmbeddingTables.fieldOf(trainable.get(i).getKey()) : -1;
        }
        fieldCount = Arrays.stream(tableFields).max().orElse(-1) + 1;
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
        NDList data = onDevice(batch.getData());
        NDList labels = onDevice(batch.getLabels());
        long t1 = System.nanoTime();
        float value;
        long t2;
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDList predictions = block.forward(parameterStore, data, true);
            NDArray lossValue = loss.evaluate(labels, predictions);
            t2 = System.nanoTime();
            collector.backward(lossValue);
            value = lossValue.getFloat();
        }
        long t3 = System.nanoTime();
        NDArray[] batchRows = new NDArray[fieldCount];
        for (int i = 0; i < trainable.size(); i++) {
            String id = trainable.get(i).getKey();
            NDArray weight = trainable.get(i).getValue().getArray();
            NDArray gradient = weight.getGradient();
            int field = tableFields[i];
            if (field < 0) {
                optimizer.update(id, weight, gradient);
            } else {
                if (batchRows[field] == null) {
                    batchRows[field] = distinctIds(data.get(0), field);
                }
                optimizer.updateRows(id, weight, gradient, batchRows[field]);
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
        return block.forward(parameterStore, onDevice(data), false).get(0);
    }

    /**
     * The distinct ids of one column of the sparse ids (B, F_s), int64 (n), in the batch's scope.
     */
    private static NDArray distinctIds(NDArray ids, int field) {
        NDArray column = ids.get(new NDIndex(":, {}", field));
        return column.toType(DataType.INT64, false).unique().get(0);
    }

    private NDList onDevice(NDList list) {
        if (list.head().getDevice().equals(device)) {
            return list;
        }
        return list.toDevice(device, false);
    }
}
