/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.run;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.serve.checkpoint.Checkpoint;
import org.sapenet.serve.input.InputSchema;
import org.sapenet.train.eval.SplitEvaluator;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.store.StoreBatchSource;

/**
 * {@code sapenet evaluate}: the metrics of a saved checkpoint on a split of a prepared store, the
 * same computation as the end of a training run.
 */
public final class CheckpointEvaluation {

    private CheckpointEvaluation() {}

    /** The evaluation batch size of a checkpoint that is not a run's model. */
    public static final int DEFAULT_BATCH_SIZE = 4096;

    /**
     * Returns the batch size the run a checkpoint belongs to evaluated with ({@code evalBatchSize}
     * in {@code RUN/metrics.json} beside {@code RUN/model}), else {@value #DEFAULT_BATCH_SIZE}.
     * PyTorch's CPU kernels round differently for batches of other shapes, so a row's logits can
     * differ in the last bits with the batch size, and an AUC in its fifth digit where scores are
     * close: evaluating with the run's batches gives the run's metrics exactly.
     *
     * @param checkpoint the checkpoint folder
     * @return the batch size
     */
    public static int runBatchSize(Path checkpoint) {
        Path metrics = checkpoint.toAbsolutePath().normalize().resolveSibling("metrics.json");
        if (Files.isRegularFile(metrics)) {
            try {
                RunMetrics run = TrainingRun.readMetrics(metrics);
                if (run != null && run.getOptions() != null) {
                    return run.getOptions().getEvalBatchSize();
                }
            } catch (IOException | RuntimeException e) {
                // not a run's metrics: the default
            }
        }
        return DEFAULT_BATCH_SIZE;
    }

    /**
     * Evaluates a checkpoint of a registered model.
     *
     * @param checkpoint the checkpoint folder ({@code RUN/model})
     * @param storePath the prepared store
     * @param split the split
     * @param batchSize the evaluation batch size
     * @param device the device
     * @return the metrics
     * @throws IOException when the store cannot be read
     */
    public static EvaluationResult evaluate(
            Path checkpoint, Path storePath, Split split, int batchSize, Device device)
            throws IOException {
        return evaluate(checkpoint, storePath, split, batchSize, device, null);
    }

    /**
     * Evaluates a checkpoint whose block the given factory builds (null: the registry's).
     *
     * @param checkpoint the checkpoint folder
     * @param storePath the prepared store
     * @param split the split
     * @param batchSize the evaluation batch size
     * @param device the device
     * @param factory builds the block from its config, or null for the registered model
     * @return the metrics
     * @throws IOException when the store cannot be read
     */
    public static EvaluationResult evaluate(
            Path checkpoint,
            Path storePath,
            Split split,
            int batchSize,
            Device device,
            Function<ModelConfig, Block> factory)
            throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
        }
        PreparedStore store = PreparedStore.open(storePath);
        try (Checkpoint loaded =
                factory == null
                        ? Checkpoint.load(checkpoint, device)
                        : Checkpoint.load(checkpoint, device, factory)) {
            ModelConfig config = loaded.getConfig();
            try {
                InputSchema.checkFits(config, store.getManifest().getSchema());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "The checkpoint "
                                + checkpoint
                                + " does not fit the store "
                                + storePath
                                + ": "
                                + e.getMessage(),
                        e);
            }
            Model model = loaded.getModel();
            return SplitEvaluator.evaluate(
                    model.getBlock(),
                    model.getNDManager(),
                    device,
                    new StoreBatchSource(store, split),
                    batchSize,
                    config.getScenarios(),
                    config.getTasks());
        }
    }
}
