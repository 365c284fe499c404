/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.star;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.loss.MultiTaskLoss;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.runtime.Engines;

/**
 * Times one forward and backward pass per batch for each baseline on the AliCCP-shaped
 * configuration: 23 sparse fields (22 with a vocabulary of 2,000, field 301 with 4), 8 dense
 * fields, S = 3, T = 2, d = 16, so F = 31 and m = 496.
 *
 * <p>Run from the repository root:
 *
 * <pre>
 *   mvn -o -q -B -pl sapenet-model test-compile exec:java -Dexec.classpathScope=test \
 *       -Dexec.mainClass=org.sapenet.model.baselines.star.BaselineBenchmark \
 *       -Dexec.args="4096 3 10" -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 \
 *       -Dsapenet.device=cpu
 * </pre>
 *
 * <p>Arguments: batch size (4096), warm-up iterations (3), timed iterations (10), then optionally
 * the model names (default: single-task star sarnet m2m). Prints, per model, its parameter count
 * and the median and minimum milliseconds per batch (forward in training mode, the multi-task loss,
 * backward; no optimizer step), and rows per second at the median.
 */
public final class BaselineBenchmark {

    private static final int SPARSE = 23;
    private static final int DENSE = 8;

    private BaselineBenchmark() {}

    /**
     * Returns the AliCCP-shaped configuration.
     *
     * @return the config
     */
    public static ModelConfig aliccpShaped() {
        ModelConfig.Builder b = ModelConfig.builder();
        for (int f = 0; f < SPARSE - 1; f++) {
            b.addSparseField("f" + f, 2000);
        }
        b.addSparseField("301", 4);
        List<String> dense = new ArrayList<>();
        for (int j = 0; j < DENSE; j++) {
            dense.add("D" + j);
        }
        return b.setDenseFields(dense)
                .setScenarios(List.of("1", "2", "3"))
                .setTasks(List.of("click", "purchase"))
                .build();
    }

    /**
     * Runs the benchmark.
     *
     * @param args batch size, warm-up iterations, timed iterations, model names
     */
    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        List<String> names =
                args.length > 3
                        ? Arrays.asList(args).subList(3, args.length)
                        : List.of("single-task", "star", "sarnet", "m2m");
        Engine engine = Engines.pytorch();
        Device device = Engines.device();
        ModelConfig config = aliccpShaped();
        System.out.printf(
                Locale.ROOT,
                "PyTorch %s on %s, %s intra-op threads; B = %d, F = %d, m = %d, S = 3, T = 2%n",
                engine.getVersion(),
                device,
                System.getProperty("ai.djl.pytorch.num_threads", "default"),
                batch,
                config.numFields(),
                config.flatEmbeddingWidth());
        System.out.println("model        parameters   median ms   min ms   rows/s (median)");
        for (String name : names) {
            run(name, config, device, batch, warmup, iterations);
        }
    }

    private static void run(
            String name, ModelConfig config, Device device, int batch, int warmup, int iterations) {
        Block block = ModelRegistry.get(name).newBlock(config);
        MultiTaskLoss loss = MultiTaskLoss.of(config);
        try (NDManager manager = Engines.pytorch().newBaseManager(device)) {
            block.initialize(
                    manager,
                    DataType.FLOAT32,
                    new Shape(batch, SPARSE),
                    new Shape(batch, DENSE),
                    new Shape(batch));
            long parameters = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                parameters += p.getValue().getArray().size();
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
            }
            ParameterStore ps = new ParameterStore(manager, false);
            Random random = new Random(7);
            double[] millis = new double[iterations];
            for (int i = 0; i < warmup + iterations; i++) {
                try (NDManager step = manager.newSubManager()) {
                    NDList inputs = inputs(step, config, batch, random);
                    NDList labels =
                            labels(step, config, batch, random, ModelInputs.scenario(inputs));
                    long t0 = System.nanoTime();
                    try (GradientCollector gc =
                            Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDList logits = block.forward(ps, inputs, true);
                        NDArray value = loss.evaluate(labels, logits);
                        gc.backward(value);
                    }
                    // the gradients are ready once a host read of one of them returns
                    block.getParameters()
                            .get(0)
                            .getValue()
                            .getArray()
                            .getGradient()
                            .sum()
                            .getFloat();
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (i >= warmup) {
                        millis[i - warmup] = ms;
                    }
                }
            }
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %10d %11.1f %8.1f %10.0f%n",
                    name,
                    parameters,
                    median,
                    sorted[0],
                    batch / (median / 1000.0));
        }
    }

    private static NDList inputs(NDManager manager, ModelConfig config, int b, Random random) {
        int[] vocab = config.vocabularySizeArray();
        long[] ids = new long[b * SPARSE];
        long[] scenario = new long[b];
        for (int r = 0; r < b; r++) {
            scenario[r] = random.nextInt(3);
            for (int f = 0; f < SPARSE; f++) {
                ids[r * SPARSE + f] = random.nextInt(vocab[f]);
            }
            ids[r * SPARSE + SPARSE - 1] = scenario[r] + 1;
        }
        float[] dense = new float[b * DENSE];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = random.nextFloat();
        }
        return ModelInputs.of(
                manager.create(ids, new Shape(b, SPARSE)),
                manager.create(dense, new Shape(b, DENSE)),
                manager.create(scenario));
    }

    private static NDList labels(
            NDManager manager, ModelConfig config, int b, Random random, NDArray scenario) {
        int t = config.numTasks();
        float[] y = new float[b * t];
        float[] mask = new float[b * t];
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextFloat() < 0.1f ? 1f : 0f;
            mask[i] = 1f;
        }
        return new NDList(
                manager.create(y, new Shape(b, t)),
                manager.create(mask, new Shape(b, t)),
                scenario.toType(DataType.INT32, false));
    }
}
