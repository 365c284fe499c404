/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.sapenet.data.error.DataException;
import org.sapenet.serve.checkpoint.CheckpointException;
import org.sapenet.serve.checkpoint.CheckpointFormat;
import org.sapenet.serve.checkpoint.CheckpointManifest;
import org.sapenet.serve.input.InputSchema;
import org.sapenet.serve.input.RowEncoder;

/**
 * Scores a Spark {@link Dataset} with a SAPENet checkpoint: each row in its own scenario (or one
 * given scenario), with the row encoding, unknown-id rules and error messages of {@code sapenet
 * score}.
 *
 * <p>The driver verifies the checkpoint (format version, every file's size and SHA-256) before any
 * task runs. Each executor loads and verifies it once, keeps it for the JVM's life and reuses a
 * pool of predictors, one per task slot, across partitions; a partition is scored in batches of
 * {@link SparkScoreOptions#getBatchSize()} rows, each one forward pass.
 *
 * <pre>{@code
 * Dataset<Row> rows = SapenetSpark.readCsv(spark, "hdfs:///logs/2026-11-30/*.csv");
 * Dataset<Row> scored = SapenetSpark.score(rows, "/models/sapenet");  // + scenario, p_click, ...
 * scored.write().parquet("hdfs:///scores/2026-11-30");
 * }</pre>
 */
public final class SapenetSpark {

    /** The column of {@link #readCsv} and {@link #readParquet} holding each row's file. */
    public static final String FILE_COLUMN = "_sapenet_file";

    /** The column of {@link #readCsv} holding the first byte of each row's split. */
    public static final String BLOCK_START_COLUMN = "_sapenet_block_start";

    /** The column of {@link #readParquet} holding each row's index in its file. */
    public static final String ROW_INDEX_COLUMN = "_sapenet_row_index";

    /** The output column naming the scenario each row was scored in. */
    public static final String SCENARIO_COLUMN = "scenario";

    /** The prefix of the probability columns: {@code p_<task>}, as {@code score} names them. */
    public static final String PROBABILITY_PREFIX = "p_";

    private SapenetSpark() {}

    /**
     * Reads CSV files with a header, every column as text (as {@code score} reads them), and where
     * each row came from, so that a bad row is reported with its file and line.
     *
     * @param spark the session
     * @param paths files, folders or globs
     * @return the rows, with {@link #FILE_COLUMN} and {@link #BLOCK_START_COLUMN} last
     */
    public static Dataset<Row> readCsv(SparkSession spark, String... paths) {
        Dataset<Row> csv =
                spark.read().option("header", "true").option("inferSchema", "false").csv(paths);
        return csv.select(
                col("*"),
                col("_metadata.file_path").as(FILE_COLUMN),
                col("_metadata.file_block_start").as(BLOCK_START_COLUMN));
    }

    /**
     * Reads Parquet files and where each row came from (file and row index).
     *
     * @param spark the session
     * @param paths files, folders or globs
     * @return the rows, with {@link #FILE_COLUMN} and {@link #ROW_INDEX_COLUMN} last
     */
    public static Dataset<Row> readParquet(SparkSession spark, String... paths) {
        Dataset<Row> parquet = spark.read().parquet(paths);
        return parquet.select(
                col("*"),
                col("_metadata.file_path").as(FILE_COLUMN),
                col("_metadata.row_index").as(ROW_INDEX_COLUMN));
    }

    /**
     * Scores rows with the defaults of {@link SparkScoreOptions}: each row in its own scenario,
     * batches of 4096, a bad row fails the job.
     *
     * @param rows rows with the training source's columns (any order, any extra columns; values as
     *     text or numbers)
     * @param checkpoint the checkpoint folder: a path every node can read, or the name under which
     *     Spark distributed it ({@code --archives model.zip#model})
     * @return the rows with {@code scenario} and one {@code p_<task>} column per task
     * @throws CheckpointException when the checkpoint is missing, damaged or of another version
     * @throws DataException when a column the model needs is missing
     */
    public static Dataset<Row> score(Dataset<Row> rows, String checkpoint) {
        return score(rows, checkpoint, SparkScoreOptions.defaults()).rows();
    }

    /**
     * Scores rows.
     *
     * @param rows rows with the training source's columns
     * @param checkpoint the checkpoint folder or its distributed name
     * @param options batch size, threads, scenario, error policy
     * @return the scored rows and the counts of scored and skipped rows
     * @throws CheckpointException when the checkpoint is missing, damaged or of another version
     * @throws DataException when a column the model needs is missing
     * @throws IllegalArgumentException when the scenario is unknown or an output column exists
     */
    public static ScoredRows score(
            Dataset<Row> rows, String checkpoint, SparkScoreOptions options) {
        Path dir = CheckpointLocation.resolve(checkpoint);
        CheckpointManifest.verify(dir);
        String fingerprint = CheckpointLocation.fingerprint(dir);
        RowEncoder encoder;
        try {
            InputSchema schema =
                    InputSchema.fromJson(
                            Files.readString(dir.resolve(CheckpointFormat.SCHEMA_FILE)));
            encoder = RowEncoder.of(schema, dir);
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointException("Checkpoint " + dir + ": " + e.getMessage(), e);
        }
        PartitionScorer.Columns columns = columns(rows.schema(), encoder, options);
        StructType output = outputSchema(rows.schema(), columns, encoder.getSchema().getTasks());
        SparkSession spark = rows.sparkSession();
        LongAccumulator scored = spark.sparkContext().longAccumulator("sapenet rows scored");
        SkipAccumulator skips = new SkipAccumulator();
        spark.sparkContext().register(skips, "sapenet rows skipped");
        Dataset<Row> out =
                rows.mapPartitions(
                        new PartitionScorer(
                                checkpoint, fingerprint, options, columns, scored, skips),
                        Encoders.row(output));
        return new ScoredRows(out, scored, skips);
    }

    private static PartitionScorer.Columns columns(
            StructType input, RowEncoder encoder, SparkScoreOptions options) {
        InputSchema schema = encoder.getSchema();
        String[] names = input.fieldNames();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
        PartitionScorer.Columns c = new PartitionScorer.Columns();
        c.names = names;
        c.file = index.getOrDefault(FILE_COLUMN, -1);
        c.blockStart = index.getOrDefault(BLOCK_START_COLUMN, -1);
        c.rowIndex = index.getOrDefault(ROW_INDEX_COLUMN, -1);
        List<String> needed = new ArrayList<>(schema.sparseFieldNames());
        needed.addAll(schema.getDenseFields());
        if (schema.getScenarioColumn() != null && !needed.contains(schema.getScenarioColumn())) {
            needed.add(schema.getScenarioColumn());
        }
        boolean fixed = encoder.fixedScenario(options.getScenario()) >= 0;
        List<String> sparse = schema.sparseFieldNames();
        c.sparse = new int[sparse.size()];
        for (int f = 0; f < c.sparse.length; f++) {
            boolean optional = fixed && f == encoder.scenarioSparseField();
            c.sparse[f] = column(index, sparse.get(f), optional, needed, names);
        }
        List<String> dense = schema.getDenseFields();
        c.dense = new int[dense.size()];
        for (int j = 0; j < c.dense.length; j++) {
            c.dense[j] = column(index, dense.get(j), false, needed, names);
        }
        if (!fixed) {
            c.scenario = column(index, schema.getScenarioColumn(), false, needed, names);
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if (i != c.file && i != c.blockStart && i != c.rowIndex) {
                kept.add(i);
            }
        }
        c.kept = kept.stream().mapToInt(Integer::intValue).toArray();
        return c;
    }

    private static int column(
            Map<String, Integer> index,
            String name,
            boolean optional,
            List<String> needed,
            String[] names) {
        Integer i = index.get(name);
        if (i == null && !optional) {
            throw new DataException(
                    "The input lacks column '"
                            + name
                            + "': the model's input schema needs the columns "
                            + String.join(",", needed)
                            + " (in any order; labels are optional), found: "
                            + String.join(",", Arrays.asList(names)));
        }
        return i == null ? -1 : i;
    }

    private static StructType outputSchema(
            StructType input, PartitionScorer.Columns columns, List<String> tasks) {
        List<StructField> fields = new ArrayList<>();
        for (int i : columns.kept) {
            fields.add(input.fields()[i]);
        }
        List<String> added = new ArrayList<>();
        added.add(SCENARIO_COLUMN);
        for (String task : tasks) {
            added.add(PROBABILITY_PREFIX + task);
        }
        for (String name : added) {
            for (StructField f : fields) {
                if (f.name().equals(name)) {
                    throw new IllegalArgumentException(
                            "The input already has a column '"
                                    + name
                                    + "', which scoring adds: rename it first"
                                    + " (Dataset.withColumnRenamed)");
                }
            }
        }
        fields.add(DataTypes.createStructField(SCENARIO_COLUMN, DataTypes.StringType, false));
        for (String task : tasks) {
            fields.add(
                    DataTypes.createStructField(
                            PROBABILITY_PREFIX + task, DataTypes.FloatType, false));
        }
        return DataTypes.createStructType(fields);
    }
}
