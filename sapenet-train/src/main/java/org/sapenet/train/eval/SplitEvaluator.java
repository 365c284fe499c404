/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.metrics.MetricsAccumulator;
import org.sapenet.train.store.BatchSource;

/**
 * Runs a model over a split in inference mode and computes every metric of {@link
 * EvaluationResult}: per-(scenario, task) AUC and LogLoss, per-task pooled AUC, All AUC, mean group
 * AUC and overall LogLoss.
 */
public final class SplitEvaluator {

    private SplitEvaluator() {}

    /**
     * Evaluates a model on a split, in store order.
     *
     * @param block the initialised model
     * @param manager the model's manager (batches hang from it)
     * @param device the model's device
     * @param source the split
     * @param batchSize the evaluation batch size
     * @param scenarios the S scenario names
     * @param tasks the T task names
     * @return the metrics
     * @throws IOException when the split cannot be read
     */
    public static EvaluationResult evaluate(
            Block block,
            NDManager manager,
            Device device,
            BatchSource source,
            int batchSize,
            List<String> scenarios,
            List<String> tasks)
            throws IOException {
        MetricsAccumulator accumulator = new MetricsAccumulator(scenarios, tasks);
        ParameterStore parameterStore = new ParameterStore(manager, false);
        Iterator<Batch> batches = source.batches(manager, batchSize, null);
        try {
            while (batches.hasNext()) {
                try (Batch batch = batches.next()) {
                    NDList data = batch.getData();
                    if (!data.head().getDevice().equals(device)) {
                        data = data.toDevice(device, false);
                    }
                    NDArray logits = block.forward(parameterStore, data, false).get(0);
                    NDList labels = batch.getLabels();
                    accumulator.add(
                            logits.toType(DataType.FLOAT32, false).toFloatArray(),
                            labels.get(0).toType(DataType.FLOAT32, false).toFloatArray(),
                            labels.get(1).toType(DataType.FLOAT32, false).toFloatArray(),
                            labels.get(2).toType(DataType.INT32, false).toIntArray());
                }
            }
        } finally {
            BatchSource.close(batches);
        }
        return accumulator.result();
    }
}
