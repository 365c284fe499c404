/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Batch;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.loss.MultiTaskLoss;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.train.loop.StepTimes;
import org.sapenet.train.loop.TrainingLoop;
import org.sapenet.train.loop.TrainingStep;
import org.sapenet.train.optim.ResumableAdam;
import org.sapenet.train.state.ParameterSnapshot;
import org.sapenet.train.store.BatchSource;
import org.sapenet.train.store.StoreBatchSource;
import org.sapenet.train.store.StoreModels;

/**
 * Training throughput per model and batch size on a prepared (synthetic AliCCP-shaped) store, with
 * each step's time split into data (waiting for the prefetched batch), forward (model and loss),
 * backward and optimizer. The data pipeline is the training run's: memory-mapped columns, a
 * prefetching producer thread and the shuffle.
 *
 * <p>Each measurement runs {@code warmup} unmeasured steps, then {@code steps} measured ones,
 * cycling over the training split as often as needed.
 *
 * <p>Run it as {@code ./sapenet --threads 2 bench --models sapenet --batch-sizes 512,4096,32768}
 * ({@link BenchRun}).
 */
public final class ThroughputBench {

    private final PreparedStore store;
    private final Device device;
    private final int warmup;
    private final int steps;
    private final boolean sparseEmbeddingUpdates;

    /**
     * Creates a bench over a store.
     *
     * @param store the prepared store
     * @param device the device
     * @param warmup unmeasured steps first
     * @param steps measured steps
     * @param sparseEmbeddingUpdates whether embedding tables get row-sparse (lazy) Adam updates
     */
    public ThroughputBench(
            PreparedStore store,
            Device device,
            int warmup,
            int steps,
            boolean sparseEmbeddingUpdates) {
        if (steps < 1 || warmup < 0) {
            throw new IllegalArgumentException(
                    "--steps must be at least 1 and warm-up 0 or more, got "
                            + steps
                            + " and "
                            + warmup);
        }
        this.store = store;
        this.device = device;
        this.warmup = warmup;
        this.steps = steps;
        this.sparseEmbeddingUpdates = sparseEmbeddingUpdates;
    }

    /**
     * Measures one registered model at one batch size.
     *
     * @param modelName the registry name
     * @param batchSize B
     * @return the measurement
     * @throws IOException when the store cannot be read
     */
    public BenchResult measure(String modelName, int batchSize) throws IOException {
        return measure(modelName, ModelRegistry.get(modelName)::newBlock, batchSize);
    }

    /**
     * Measures a model built by a factory at one batch size.
     *
     * @param name the name reported
     * @param factory builds the block from the store's config
     * @param batchSize B
     * @return the measurement
     * @throws IOException when the store cannot be read
     */
    public BenchResult measure(String name, Function<ModelConfig, Block> factory, int batchSize)
            throws IOException {
        ModelConfig config = StoreModels.configOf(store).build();
        BatchSource source = new StoreBatchSource(store, Split.TRAIN);
        try (Model model =
                TrainingLoop.initialise(name, factory.apply(config), config, 1, device)) {
            ResumableAdam adam = ResumableAdam.builder().optLearningRate(1e-3f).build();
            TrainingStep step =
                    new TrainingStep(
                            model.getBlock(),
                            MultiTaskLoss.of(config),
                            adam,
                            model.getNDManager(),
                            device,
                            sparseEmbeddingUpdates);
            StepTimes times = new StepTimes();
            double cpuStart = warmup == 0 ? ProcessCpu.seconds() : Double.NaN;
            long pass = 0;
            int done = 0;
            while (done < warmup + steps) {
                Iterator<Batch> it = source.batches(model.getNDManager(), batchSize, ++pass);
                try {
                    while (done < warmup + steps) {
                        long wait = System.nanoTime();
                        if (!it.hasNext()) {
                            break;
                        }
                        try (Batch batch = it.next()) {
                            wait = System.nanoTime() - wait;
                            if (batch.getSize() < batchSize) {
                                continue; // a short last batch would skew the per-step times
                            }
                            step.run(batch, wait, times);
                            done++;
                            if (done == warmup) {
                                times.reset();
                                cpuStart = ProcessCpu.seconds();
                            }
                        }
                    }
                } finally {
                    BatchSource.close(it);
                }
                if (pass > 2L * (warmup + steps) + 2) {
                    throw new IllegalArgumentException(
                            "The store has fewer than "
                                    + batchSize
                                    + " training rows: use a smaller batch size or more rows");
                }
            }
            double cpu = ProcessCpu.seconds() - cpuStart;
            return new BenchResult(
                    name,
                    batchSize,
                    times.steps(),
                    ParameterSnapshot.of(model.getBlock()).parameterCount(),
                    times.rowsPerSecond(),
                    times.dataMillis(),
                    times.forwardMillis(),
                    times.backwardMillis(),
                    times.optimizerMillis(),
                    times.rows() / cpu);
        }
    }

    /**
     * Formats results as a table.
     *
     * @param results the measurements
     * @return the table
     */
    public static String table(List<BenchResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        Locale.ROOT,
                        "%-22s %7s %12s %12s %10s %10s %10s %10s %11s%n",
                        "model",
                        "batch",
                        "rows/s",
                        "rows/cpu-s",
                        "data ms",
                        "fwd ms",
                        "bwd ms",
                        "optim ms",
                        "parameters"));
        for (BenchResult r : results) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-22s %7d %,12.0f %,12.0f %10.1f %10.1f %10.1f %10.1f %,11d%n",
                            r.getModel(),
                            r.getBatchSize(),
                            r.getRowsPerSecond(),
                            r.getRowsPerCpuSecond(),
                            r.getDataMs(),
                            r.getForwardMs(),
                            r.getBackwardMs(),
                            r.getOptimizerMs(),
                            r.getParameters()));
        }
        return out.toString();
    }
}
