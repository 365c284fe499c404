/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkFiles;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.data.synth.SyntheticAliccp;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.checkpoint.Checkpoint;
import org.sapenet.serve.checkpoint.CheckpointException;
import org.sapenet.serve.checkpoint.CheckpointWriter;
import org.sapenet.serve.input.InputSchema;
import org.sapenet.serve.score.CsvScorer;
import org.sapenet.serve.score.ScoreOptions;
import org.sapenet.train.cli.CliRun;
import org.sapenet.train.cli.SapenetCli;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.metrics.GroupMetrics;
import org.sapenet.train.run.CheckpointEvaluation;
import org.sapenet.train.store.StoreModels;

/**
 * Spark scoring and evaluation in local mode on a few hundred synthetic AliCCP rows, against the
 * single-machine {@code score} and {@code evaluate}. One session for the class.
 */
class SparkScoringTest {

    @TempDir static Path temp;

    private static SparkSession spark;
    private static Path store;
    private static Path checkpoint;
    private static Path rewritten;
    private static Path csv;
    private static Map<String, float[]> expected;

    @BeforeAll
    static void setUp() throws IOException {
        Path data = temp.resolve("synth");
        SyntheticAliccp.write(data, 1200, 5);
        csv = data.resolve("ali_ccp_test.csv");
        store = temp.resolve("store");
        assertEquals(
                0,
                SapenetCli.execute(
                        "prepare",
                        "--format",
                        "aliccp",
                        "--input",
                        data.toString(),
                        "--out",
                        store.toString()));
        ModelConfig config =
                StoreModels.configOf(PreparedStore.open(store))
                        .optEmbeddingDim(4)
                        .optStarWidths(16, 8)
                        .optPleWidths(8, 8)
                        .optExpertWidth(8)
                        .optTowerWidth(8)
                        .build();
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Block block = ModelRegistry.get("sapenet").newBlock(config);
            block.initialize(
                    manager,
                    DataType.FLOAT32,
                    new Shape(1, config.numSparseFields()),
                    new Shape(1, config.numDenseFields()),
                    new Shape(1));
            InputSchema schema =
                    InputSchema.fromStore(config, PreparedStore.open(store).getManifest(), store);
            checkpoint =
                    CheckpointWriter.write(
                            temp.resolve("ckpt"), "sapenet", config, block, schema, false);
            // The same weights written again: another manifest (its creation time), so another
            // fingerprint, which no test has loaded from a local path.
            rewritten =
                    CheckpointWriter.write(
                            temp.resolve("rewritten"), "sapenet", config, block, schema, false);
        }
        expected = scoreOnOneMachine(csv);
        spark =
                SparkSession.builder()
                        .master("local[2]")
                        .appName("SparkScoringTest")
                        .config("spark.ui.enabled", "false")
                        .config("spark.sql.shuffle.partitions", "2")
                        .getOrCreate();
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** {@code score}'s probabilities keyed by the input line's text. */
    private static Map<String, float[]> scoreOnOneMachine(Path input) throws IOException {
        Path out = temp.resolve("score-" + input.getFileName());
        try (Checkpoint loaded = Checkpoint.load(checkpoint)) {
            CsvScorer.score(loaded, input, out, ScoreOptions.builder().optBatchSize(50).build());
        }
        List<String> lines = Files.readAllLines(input);
        Map<String, float[]> byLine = new HashMap<>();
        List<String> scored = Files.readAllLines(out);
        for (String line : scored.subList(1, scored.size())) {
            String[] f = line.split(",");
            byLine.put(
                    lines.get(Integer.parseInt(f[0])),
                    new float[] {Float.parseFloat(f[2]), Float.parseFloat(f[3])});
        }
        return byLine;
    }

    private static void assertScoredLikeScore(Dataset<Row> scored, int inputColumns) {
        List<Row> rows = scored.collectAsList();
        assertEquals(expected.size(), rows.size());
        for (Row row : rows) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < inputColumns; i++) {
                values.add(row.getString(i));
            }
            float[] want = expected.get(String.join(",", values));
            assertNotNull(want, "a row score did not see: " + values);
            assertEquals(want[0], row.getFloat(inputColumns + 1), 1e-6);
            assertEquals(want[1], row.getFloat(inputColumns + 2), 1e-6);
        }
    }

    @Test
    void csvAndParquetScoreAsScoreDoesInOneOrSeveralPartitions() {
        int loadsBefore = ExecutorModels.loads();
        int columns = Files.exists(csv) ? header().length : 0;
        Dataset<Row> one = SapenetSpark.readCsv(spark, csv.toString()).coalesce(1);
        assertEquals(1, one.rdd().getNumPartitions());
        assertScoredLikeScore(SapenetSpark.score(one, checkpoint.toString()), columns);

        spark.conf().set("spark.sql.files.maxPartitionBytes", "8192");
        try {
            Dataset<Row> several = SapenetSpark.readCsv(spark, csv.toString());
            assertTrue(
                    several.rdd().getNumPartitions() >= 3,
                    "partitions: " + several.rdd().getNumPartitions());
            assertScoredLikeScore(SapenetSpark.score(several, checkpoint.toString()), columns);
        } finally {
            spark.conf().unset("spark.sql.files.maxPartitionBytes");
        }

        String parquet = temp.resolve("parquet").toString();
        SapenetSpark.readCsv(spark, csv.toString())
                .drop(SapenetSpark.FILE_COLUMN, SapenetSpark.BLOCK_START_COLUMN)
                .repartition(3)
                .write()
                .parquet(parquet);
        Dataset<Row> fromParquet = SapenetSpark.readParquet(spark, parquet);
        assertTrue(fromParquet.rdd().getNumPartitions() >= 2);
        assertScoredLikeScore(SapenetSpark.score(fromParquet, checkpoint.toString()), columns);
        assertScoredLikeScore(
                SapenetSpark.score(fromParquet.coalesce(1), checkpoint.toString()), columns);
        // Every partition above borrowed a predictor of the checkpoint this JVM loaded once, in
        // this test or an earlier one.
        assertTrue(ExecutorModels.loads() - loadsBefore <= 1, "loads: " + ExecutorModels.loads());
    }

    private static String[] header() {
        try {
            return Files.readAllLines(csv).get(0).split(",");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBadRowFailsWithItsFileAndLineOrIsSkippedAndCounted() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv));
        int badLine = 250;
        String[] values = lines.get(badLine - 1).split(",", -1);
        int column = List.of(header()).indexOf("D508");
        values[column] = "x";
        lines.set(badLine - 1, String.join(",", values));
        Path bad = temp.resolve("bad.csv");
        Files.write(bad, lines);
        spark.conf().set("spark.sql.files.maxPartitionBytes", "8192");
        try {
            Dataset<Row> rows = SapenetSpark.readCsv(spark, bad.toString());
            assertTrue(rows.rdd().getNumPartitions() >= 3);
            Exception e =
                    assertThrows(
                            Exception.class,
                            () -> SapenetSpark.score(rows, checkpoint.toString()).count());
            Throwable error = org.sapenet.spark.job.SparkJobs.rootError(e);
            assertTrue(error instanceof DataException, e.toString());
            assertEquals(
                    bad
                            + ":"
                            + badLine
                            + ":"
                            + (column + 1)
                            + ": column 'D508': expected a decimal number, got 'x' [bad-number]",
                    error.getMessage());

            ScoredRows skipped =
                    SapenetSpark.score(
                            rows,
                            checkpoint.toString(),
                            SparkScoreOptions.builder().optErrorPolicy(ErrorPolicy.SKIP).build());
            assertEquals(lines.size() - 2, skipped.rows().count());
            assertEquals(1, skipped.skippedRows());
            assertEquals(Map.of("bad-number", 1L), skipped.skipCounts());
            assertEquals(List.of(error.getMessage()), skipped.skipExamples());
        } finally {
            spark.conf().unset("spark.sql.files.maxPartitionBytes");
        }
    }

    @Test
    void aDamagedCheckpointIsRefusedBeforeAnyTaskRuns() throws Exception {
        Path damaged = temp.resolve("damaged");
        copyFolder(checkpoint, damaged);
        flipAByteOfTheParameters(damaged);
        AtomicInteger jobs = new AtomicInteger();
        SparkListener listener =
                new SparkListener() {
                    @Override
                    public void onJobStart(SparkListenerJobStart jobStart) {
                        jobs.incrementAndGet();
                    }
                };
        Dataset<Row> rows = SapenetSpark.readCsv(spark, csv.toString()); // reads the header
        spark.sparkContext().listenerBus().waitUntilEmpty();
        spark.sparkContext().addSparkListener(listener);
        try {
            CheckpointException e =
                    assertThrows(
                            CheckpointException.class,
                            () -> SapenetSpark.score(rows, damaged.toString()));
            assertTrue(e.getMessage().contains("has SHA-256"), e.getMessage());
            spark.sparkContext().listenerBus().waitUntilEmpty();
            assertEquals(0, jobs.get());
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
    }

    /** Copies a folder and everything under it. */
    private static void copyFolder(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Flips one bit in the middle of a checkpoint's parameter file. */
    private static void flipAByteOfTheParameters(Path dir) throws IOException {
        Path params;
        try (var files = Files.list(dir)) {
            params = files.filter(f -> f.toString().endsWith(".params")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(params);
        bytes[bytes.length / 2] ^= 1;
        Files.write(params, bytes);
    }

    @Test
    void aCheckpointDistributedWithAddFileIsFoundThroughSparkFilesAndVerifiedOnce()
            throws IOException {
        String name = "shipped-model";
        Path copy = temp.resolve("to-ship").resolve(name);
        copyFolder(rewritten, copy);
        assertNotEquals(
                CheckpointLocation.fingerprint(checkpoint),
                CheckpointLocation.fingerprint(copy),
                "the executors must load the distributed copy, not reuse the original");
        spark.sparkContext().addFile(copy.toString(), true);
        Path distributed = Path.of(SparkFiles.get(name));
        assertTrue(Files.isDirectory(distributed), "addFile(dir, true) copied nothing");
        Path notHere = temp.resolve("not-here").resolve(name);
        assertFalse(Files.exists(notHere));

        int loadsBefore = ExecutorModels.loads();
        spark.conf().set("spark.sql.files.maxPartitionBytes", "8192");
        try {
            Dataset<Row> rows = SapenetSpark.readCsv(spark, csv.toString());
            assertTrue(rows.rdd().getNumPartitions() >= 3);
            assertScoredLikeScore(SapenetSpark.score(rows, notHere.toString()), header().length);
        } finally {
            spark.conf().unset("spark.sql.files.maxPartitionBytes");
        }
        // The tasks found the copy by its name, and it was loaded and verified once for them all.
        assertEquals(loadsBefore + 1, ExecutorModels.loads());
    }

    @Test
    void aDamagedDistributedCheckpointIsRefusedNamingTheDistributedCopy() throws IOException {
        String name = "shipped-damaged";
        Path copy = temp.resolve("to-ship-damaged").resolve(name);
        copyFolder(checkpoint, copy);
        flipAByteOfTheParameters(copy);
        spark.sparkContext().addFile(copy.toString(), true);
        Dataset<Row> rows = SapenetSpark.readCsv(spark, csv.toString());
        CheckpointException e =
                assertThrows(
                        CheckpointException.class,
                        () ->
                                SapenetSpark.score(
                                        rows, temp.resolve("not-here").resolve(name).toString()));
        assertTrue(
                e.getMessage().startsWith("Checkpoint " + Path.of(SparkFiles.get(name)) + ": "),
                e.getMessage());
        assertTrue(e.getMessage().contains("has SHA-256"), e.getMessage());
    }

    @Test
    void aCheckpointNeitherHereNorDistributedIsRefusedNamingArchives() {
        Dataset<Row> rows = SapenetSpark.readCsv(spark, csv.toString());
        String missing = temp.resolve("not-here").resolve("never-shipped").toString();
        CheckpointException e =
                assertThrows(CheckpointException.class, () -> SapenetSpark.score(rows, missing));
        assertTrue(
                e.getMessage().startsWith("Checkpoint " + missing + " is neither a folder"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--archives model.zip#never-shipped"), e.getMessage());
    }

    @Test
    void sparkEvaluateOfScoredRowsEqualsEvaluate() throws IOException {
        EvaluationResult single =
                CheckpointEvaluation.evaluate(checkpoint, store, Split.TEST, 64, Device.cpu());
        Path scored = temp.resolve("scored");
        CliRun out =
                CliRun.sapenet(
                        "spark-score",
                        "--master",
                        "local[2]",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        csv.toString(),
                        "--out",
                        scored.toString(),
                        "--format",
                        "parquet");
        assertEquals(0, out.code(), out.err());
        assertTrue(out.out().contains("scored " + expected.size() + " rows"), out.out());
        EvaluationResult spread =
                SparkEvaluation.evaluate(
                        SapenetSpark.readParquet(spark, scored.toString()), Map.of());
        assertEquals(single.getGroups().size(), spread.getGroups().size());
        for (int g = 0; g < single.getGroups().size(); g++) {
            GroupMetrics a = single.getGroups().get(g);
            GroupMetrics b = spread.getGroups().get(g);
            assertEquals(a.label(), b.label());
            assertEquals(a.getN(), b.getN(), a.label());
            assertEquals(a.getPositives(), b.getPositives(), a.label());
            assertEquals(a.getAuc() == null, b.getAuc() == null, a.label());
            if (a.getAuc() != null) {
                assertEquals(a.getAuc(), b.getAuc(), 1e-6, a.label());
            }
            assertEquals(a.getLogLoss(), b.getLogLoss(), 1e-6, a.label());
        }
        assertEquals(single.getAllAuc(), spread.getAllAuc(), 1e-6);
        assertEquals(single.getLogLoss(), spread.getLogLoss(), 1e-6);

        CliRun again =
                CliRun.sapenet(
                        "spark-score",
                        "--master",
                        "local[2]",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        csv.toString(),
                        "--out",
                        scored.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists: pass --force"), again.err());
    }
}
