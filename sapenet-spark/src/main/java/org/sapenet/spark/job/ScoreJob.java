/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.job;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.spark.SapenetSpark;
import org.sapenet.spark.ScoredRows;
import org.sapenet.spark.SparkScoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The scoring job for {@code spark-submit}: reads CSV or Parquet, scores every row with {@link
 * SapenetSpark}, writes a folder of part files (CSV with a header, or Parquet) aside and renames it
 * into place, and prints what it did.
 *
 * <pre>
 * spark-submit --class org.sapenet.spark.job.ScoreJob sapenet-spark-job.jar \
 *     --model /models/sapenet --input hdfs:///logs/day --out hdfs:///scores/day --format parquet
 * </pre>
 */
@Command(
        name = "ScoreJob",
        mixinStandardHelpOptions = true,
        description = "Score CSV or Parquet rows with a SAPENet checkpoint on Spark.")
public final class ScoreJob implements Callable<Integer> {

    @Mixin ScoreJobOptions options;

    /**
     * Runs the job in the session {@code spark-submit} configures.
     *
     * @param args the job's arguments
     */
    public static void main(String[] args) {
        System.exit(SparkJobs.execute(new ScoreJob(), args));
    }

    @Override
    public Integer call() throws IOException {
        SparkSession spark = SparkSession.builder().appName("sapenet score").getOrCreate();
        run(spark, options, System.out);
        return 0;
    }

    /**
     * Scores the input into the output folder.
     *
     * @param spark the session
     * @param options the job's options
     * @param out where the summary line goes
     * @return the scored rows and their counts
     * @throws IOException when the input cannot be listed or the output cannot be renamed
     */
    public static ScoredRows run(SparkSession spark, ScoreJobOptions options, PrintStream out)
            throws IOException {
        long start = System.nanoTime();
        SparkScoreOptions scoreOptions =
                SparkScoreOptions.builder()
                        .optBatchSize(options.scoring.getBatchSize())
                        .optThreadsPerPredictor(options.threadsPerPredictor)
                        .optScenario(options.scoring.getScenario())
                        .optErrorPolicy(ErrorPolicy.parse(options.onError))
                        .build();
        if (!options.format.matches("csv|parquet")) {
            throw new IllegalArgumentException(
                    "--format must be csv or parquet, got '" + options.format + "'");
        }
        Dataset<Row> input = InputFormat.read(spark, options.input, options.inputFormat);
        ScoredRows scored = SapenetSpark.score(input, options.model, scoreOptions);
        int partitions = input.rdd().getNumPartitions();
        SparkJobs.writeAtomically(spark, scored.rows(), options.out, options.format, options.force);
        double seconds = (System.nanoTime() - start) / 1e9;
        String summary =
                String.format(
                        Locale.ROOT,
                        "scored %d rows in %.2f s (%.0f rows/s, %d partitions) into %s",
                        scored.scoredRows(),
                        seconds,
                        scored.scoredRows() / Math.max(seconds, 1e-9),
                        partitions,
                        options.out);
        if (scored.skippedRows() > 0) {
            summary +=
                    String.format(
                            Locale.ROOT,
                            "; skipped %d bad rows %s (not in the output); first of each: %s",
                            scored.skippedRows(),
                            scored.skipCounts(),
                            scored.skipExamples());
        }
        out.println(summary);
        return scored;
    }
}
