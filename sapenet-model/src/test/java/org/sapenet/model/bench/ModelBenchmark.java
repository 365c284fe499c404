/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Block;
import ai.djl.nn.core.Embedding;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.loss.MultiTaskLoss;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.runtime.Engines;

/**
 * Prints forward and forward+backward time per batch for the models of this module on the
 * AliCCP-shaped configuration, and the embedding-layout comparison behind {@code FieldEmbedding}.
 *
 * <p>Run (from the repository root; arguments: batch, vocabulary per id field, timed iterations,
 * then model names or nothing for all of this module's models):
 *
 * <pre>
 * mvn -o -q -pl sapenet-model test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.sapenet.model.bench.ModelBenchmark -Dexec.args="4096 100000 5" \
 *   -Dai.djl.offline=true -Dsapenet.device=cpu -Dai.djl.pytorch.num_threads=1
 * </pre>
 *
 * Forward is an inference pass; forward+backward is a training-mode pass, the loss (14) and the
 * backward pass (no optimiser step). Times are the median over the timed iterations after two
 * warm-up iterations.
 */
public final class ModelBenchmark {

    private static final List<String> MODELS =
            List.of("sapenet", "sapenet-no-attention", "sapenet-no-ple", "mmoe", "ple", "m3oe");

    private ModelBenchmark() {}

    /**
     * Returns a config of AliCCP's shape (the model module does not know the data's field names,
     * which live in sapenet-data's {@code AliccpSchema}; parameter counts and costs depend on the
     * shape only): 22 id fields of {@code vocab} ids, a scenario field of 4 ids (unknown and the
     * three scenarios), 8 dense fields, S = 3, T = 2, the paper's defaults.
     *
     * @param vocab the vocabulary size of each id field
     * @return the config
     */
    static ModelConfig aliccpShaped(int vocab) {
        ModelConfig.Builder builder = ModelConfig.builder();
        List<String> dense = new ArrayList<>();
        for (int f = 1; f <= 22; f++) {
            builder.addSparseField("id" + f, vocab);
        }
        builder.addSparseField("scenario", 4);
        for (int d = 1; d <= 8; d++) {
            dense.add("dense" + d);
        }
        return builder.setDenseFields(dense)
                .setScenarios(List.of("1", "2", "3"))
                .setTasks(List.of("click", "purchase"))
                .build();
    }

    /**
     * Runs the benchmark.
     *
     * @param args batch, vocabulary, iterations, model names...
     */
    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int vocab = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<String> names = args.length > 3 ? List.of(args).subList(3, args.length) : MODELS;
        ModelConfig config = aliccpShaped(vocab);
        Device device = Engines.device();
        System.out.printf(
                "device %s, threads %s, batch %d, vocab %d per id field, %d iterations%n",
                device,
                System.getProperty("ai.djl.pytorch.num_threads", "default"),
                batch,
                vocab,
                iterations);
        try (NDManager manager = Engines.pytorch().newBaseManager(device)) {
            embeddingLayouts(manager, config, batch, iterations);
            System.out.printf(
                    "%-22s %12s %12s %14s%n", "model", "fwd ms", "fwd+bwd ms", "train rows/s");
            for (String name : names) {
                Engines.pytorch().setRandomSeed(1);
                Block block = ModelRegistry.get(name).newBlock(config);
                try (NDManager m = manager.newSubManager()) {
                    block.initialize(
                            m,
                            DataType.FLOAT32,
                            new Shape(batch, config.numSparseFields()),
                            new Shape(batch, config.numDenseFields()),
                            new Shape(batch));
                    for (var p : block.getParameters()) {
                        p.getValue().getArray().setRequiresGradient(true);
                    }
                    double fwd = time(iterations, () -> forward(m, block, config, batch, false));
                    double both = time(iterations, () -> forward(m, block, config, batch, true));
                    System.out.printf(
                            "%-22s %12.1f %12.1f %14.0f%n", name, fwd, both, batch / both * 1000);
                }
            }
        }
    }

    private static void forward(
            NDManager parent, Block block, ModelConfig config, int batch, boolean train) {
        try (NDManager m = parent.newSubManager()) {
            NDList inputs = inputs(m, config, batch, new Random(7));
            ParameterStore ps = new ParameterStore(m, false);
            if (!train) {
                block.forward(ps, inputs, false).singletonOrThrow().toFloatArray();
                return;
            }
            try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                NDArray logits = block.forward(ps, inputs, true).singletonOrThrow();
                Shape s = logits.getShape();
                NDList labels = new NDList(m.zeros(s), m.ones(s), ModelInputs.scenario(inputs));
                NDArray loss = MultiTaskLoss.of(config).evaluate(labels, new NDList(logits));
                gc.backward(loss);
                loss.getFloat();
            }
        }
    }

    /** One gather from one table with offsets vs one gather per field and a concatenation. */
    private static void embeddingLayouts(
            NDManager parent, ModelConfig config, int batch, int iterations) {
        int fields = config.numSparseFields();
        int[] vocab = config.vocabularySizeArray();
        int d = config.getEmbeddingDim();
        long rows = 0;
        long[] offsets = new long[fields];
        for (int f = 0; f < fields; f++) {
            offsets[f] = rows;
            rows += vocab[f];
        }
        try (NDManager m = parent.newSubManager()) {
            NDArray one = m.randomNormal(new Shape(rows, d));
            one.setRequiresGradient(true);
            NDArray[] per = new NDArray[fields];
            for (int f = 0; f < fields; f++) {
                per[f] = m.randomNormal(new Shape(vocab[f], d));
                per[f].setRequiresGradient(true);
            }
            double single =
                    time(
                            iterations,
                            () -> {
                                try (NDManager s = m.newSubManager();
                                        GradientCollector gc =
                                                Engines.pytorch().newGradientCollector()) {
                                    NDArray ids =
                                            ModelInputs.sparse(
                                                    inputs(s, config, batch, new Random(3)));
                                    NDArray e =
                                            Embedding.embedding(
                                                            ids.add(s.create(offsets)),
                                                            one,
                                                            SparseFormat.DENSE)
                                                    .singletonOrThrow();
                                    gc.backward(e.sum());
                                }
                            });
            double separate =
                    time(
                            iterations,
                            () -> {
                                try (NDManager s = m.newSubManager();
                                        GradientCollector gc =
                                                Engines.pytorch().newGradientCollector()) {
                                    NDArray ids =
                                            ModelInputs.sparse(
                                                    inputs(s, config, batch, new Random(3)));
                                    NDList parts = new NDList(fields);
                                    for (int f = 0; f < fields; f++) {
                                        parts.add(
                                                Embedding.embedding(
                                                                ids.get(":, " + f + ":" + (f + 1)),
                                                                per[f],
                                                                SparseFormat.DENSE)
                                                        .singletonOrThrow());
                                    }
                                    gc.backward(NDArrays.concat(parts, 1).sum());
                                }
                            });
            System.out.printf(
                    "embedding fwd+bwd: one table with offsets %.1f ms, one table per field %.1f ms%n",
                    single, separate);
        }
    }

    private static NDList inputs(NDManager m, ModelConfig config, int batch, Random random) {
        int fs = config.numSparseFields();
        int fd = config.numDenseFields();
        int[] vocab = config.vocabularySizeArray();
        long[] ids = new long[batch * fs];
        float[] dense = new float[batch * fd];
        int[] scenario = new int[batch];
        for (int r = 0; r < batch; r++) {
            for (int f = 0; f < fs; f++) {
                ids[r * fs + f] = random.nextInt(vocab[f]);
            }
            for (int j = 0; j < fd; j++) {
                dense[r * fd + j] = random.nextFloat();
            }
            scenario[r] = random.nextInt(config.numScenarios());
        }
        return ModelInputs.of(
                m.create(ids, new Shape(batch, fs)),
                m.create(dense, new Shape(batch, fd)),
                m.create(scenario));
    }

    private static double time(int iterations, Runnable run) {
        run.run();
        run.run();
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            run.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(ms);
        return ms[iterations / 2];
    }
}
