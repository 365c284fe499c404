/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.bench;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.synth.SyntheticAliccp;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.checkpoint.Checkpoint;
import org.sapenet.serve.input.ScoringBatch;
import org.sapenet.serve.score.CsvScorer;
import org.sapenet.serve.score.ScoreOptions;
import org.sapenet.serve.score.ScoreSummary;
import org.sapenet.serve.testing.TestModels;
import org.sapenet.serve.translate.Scores;

/**
 * Scoring throughput, CSV in and CSV out, for the AliCCP-shaped configuration with the paper's
 * widths (23 sparse fields, 8 dense, S = 3, T = 2, d = 16): writes synthetic processed-AliCCP rows,
 * a checkpoint of the registered model the tests use (SAPENet when registered), then scores the
 * file with each (workers, batch size) setting and prints rows/s and the peak heap.
 *
 * <pre>
 * mvn -o -q -pl sapenet-serve -am test-compile -Dspotless.check.skip=true
 * export MALLOC_ARENA_MAX=1 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=68719476736  # as ./sapenet
 * java -Xmx1g -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
 *   -cp "sapenet-serve/target/test-classes:sapenet-serve/target/classes:sapenet-model/target/classes:sapenet-data/target/classes:$(cat cp.txt)" \
 *   org.sapenet.serve.bench.ScoreBenchmark [rows=400000] [workers=1,2] [batch=1024,4096]
 * </pre>
 *
 * (cp.txt: {@code mvn -o -q -pl sapenet-serve dependency:build-classpath -Dmdep.outputFile=cp.txt
 * -Dmdep.includeScope=test}.) Peak heap is the sum of the heap pools' peak usage: it stays flat
 * when the row count grows.
 */
public final class ScoreBenchmark {

    private ScoreBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args {@code rows=N}, {@code workers=a,b}, {@code batch=a,b}, {@code dir=PATH}
     * @throws Exception when a step fails
     */
    public static void main(String[] args) throws Exception {
        long rows = 400_000;
        int[] workers = {1, 2};
        int[] batches = {1024, 4096};
        Path dir = Files.createTempDirectory("sapenet-score-bench");
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            switch (kv[0]) {
                case "rows":
                    rows = Long.parseLong(kv[1]);
                    break;
                case "workers":
                    workers = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                    break;
                case "batch":
                    batches = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
                    break;
                case "dir":
                    dir = Path.of(kv[1]);
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        // SyntheticAliccp splits 2:1:1; the train file holds half the rows.
        Path data = dir.resolve("data");
        Path input = data.resolve(SyntheticAliccp.dataFile("train"));
        if (!Files.exists(input)) {
            SyntheticAliccp.write(data, rows * 2, 42);
        }
        ModelConfig config = config();
        Path checkpointDir = dir.resolve("ckpt");
        if (!Files.exists(checkpointDir)) {
            try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
                Block block = TestModels.randomBlock(manager, config, 1);
                TestModels.write(checkpointDir, config, block, false);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "model %s, input %s (%d MB), intra-op threads %s, cores %d%n",
                TestModels.modelName(),
                input,
                Files.size(input) >> 20,
                System.getProperty("ai.djl.pytorch.num_threads", "default"),
                Runtime.getRuntime().availableProcessors());
        try (Checkpoint checkpoint = Checkpoint.load(checkpointDir, Device.cpu())) {
            // Warm-up: JIT and PyTorch allocator.
            CsvScorer.score(
                    checkpoint,
                    input,
                    dir.resolve("warmup.csv"),
                    ScoreOptions.builder().optForce(true).build());
            forwardOnly(checkpoint, batches);
            System.out.println(
                    "pipeline: workers  batch   rows      seconds  rows/s    cpu-s   rows/cpu-s "
                            + " peak-heap-MB");
            for (int w : workers) {
                for (int b : batches) {
                    resetPeaks();
                    long cpu = processCpuNanos();
                    ScoreSummary s =
                            CsvScorer.score(
                                    checkpoint,
                                    input,
                                    dir.resolve("pred.csv"),
                                    ScoreOptions.builder()
                                            .optWorkers(w)
                                            .optBatchSize(b)
                                            .optForce(true)
                                            .build());
                    double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
                    System.out.printf(
                            Locale.ROOT,
                            "          %-8d %-7d %-9d %-8.2f %-9.0f %-7.1f %-11.0f %d%n",
                            w,
                            b,
                            s.getRows(),
                            s.getSeconds(),
                            s.rowsPerSecond(),
                            cpuSeconds,
                            s.getRows() / cpuSeconds,
                            peakHeap() >> 20);
                }
            }
        }
    }

    /**
     * Times the forward pass alone (one predictor, the calling thread) on a synthetic batch: wall
     * time and the thread's CPU time, which a shared machine does not inflate when PyTorch runs one
     * intra-op thread.
     */
    private static void forwardOnly(Checkpoint checkpoint, int[] batches) throws Exception {
        ModelConfig config = checkpoint.getConfig();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("forward only: batch  rows         rows/s(wall)  rows/cpu-s(thread)");
        try (Predictor<ScoringBatch, Scores> predictor = checkpoint.newPredictor()) {
            for (int b : batches) {
                Random random = new Random(b);
                int fs = config.numSparseFields();
                int fd = config.numDenseFields();
                int[] sparse = new int[b * fs];
                float[] dense = new float[b * fd];
                int[] scenario = new int[b];
                for (int i = 0; i < sparse.length; i++) {
                    sparse[i] = random.nextInt(config.getVocabularySizes().get(i % fs));
                }
                for (int i = 0; i < dense.length; i++) {
                    dense[i] = random.nextFloat();
                }
                for (int i = 0; i < b; i++) {
                    scenario[i] = random.nextInt(config.numScenarios());
                }
                ScoringBatch mixed = ScoringBatch.ofFlat(b, fs, sparse, fd, dense, scenario);
                int[] sortedScenario = scenario.clone();
                Arrays.sort(sortedScenario);
                ScoringBatch grouped =
                        ScoringBatch.ofFlat(b, fs, sparse, fd, dense, sortedScenario);
                for (int round = 0; round < 2; round++) {
                    for (ScoringBatch batch : new ScoringBatch[] {mixed, grouped}) {
                        predictor.predict(batch);
                        int reps = Math.max(3, 60_000 / b);
                        long cpu = threads.getCurrentThreadCpuTime();
                        long start = System.nanoTime();
                        for (int r = 0; r < reps; r++) {
                            predictor.predict(batch);
                        }
                        double wall = (System.nanoTime() - start) / 1e9;
                        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
                        System.out.printf(
                                Locale.ROOT,
                                "              %-6d %-12s %-13.0f %.0f%n",
                                b,
                                batch == mixed ? "mixed" : "by scenario",
                                reps * (double) b / wall,
                                reps * (double) b / cpuSeconds);
                    }
                }
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Returns the AliCCP-shaped configuration with the paper's default widths.
     *
     * @return the config
     */
    static ModelConfig config() {
        int[] sizes = new int[AliccpSchema.SPARSE_FIELDS.size()];
        for (int f = 0; f < sizes.length; f++) {
            sizes[f] = AliccpSchema.SPARSE_FIELDS.get(f).equals("301") ? 4 : 10_000;
        }
        return ModelConfig.builder()
                .setSparseFields(AliccpSchema.SPARSE_FIELDS, sizes)
                .setDenseFields(AliccpSchema.DENSE_FIELDS)
                .setScenarios(AliccpSchema.SCENARIOS)
                .setTasks(AliccpSchema.TASKS)
                .build();
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
