/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.cli;

import org.sapenet.spark.job.ScoreJob;
import org.sapenet.spark.job.ScoreJobOptions;
import org.sapenet.spark.job.SparkJobs;
import org.sapenet.train.cli.ExtensionCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sapenet spark-score}: the Spark scoring job in a Spark session of this process. */
@Command(
        name = "spark-score",
        mixinStandardHelpOptions = true,
        description = {
            "Score CSV or Parquet rows on Apache Spark (local mode by default): writes Spark's"
                    + " folder of part files with the input's columns, scenario and p_<task>.",
            "Same row encoding and errors as score; a bad row fails naming file and line, or is"
                    + " skipped and counted with --on-error skip."
        })
public final class SparkScoreCommand implements ExtensionCommand {

    @Mixin ScoreJobOptions options;

    @Option(
            names = "--master",
            defaultValue = "local[*]",
            paramLabel = "URL",
            description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Override
    public Integer call() throws Exception {
        LocalSpark.requireSpark("spark-score");
        try {
            LocalSpark.run(
                    master,
                    "sapenet spark-score",
                    spark -> ScoreJob.run(spark, options, System.out));
        } catch (RuntimeException e) {
            Throwable error = SparkJobs.rootError(e);
            throw error instanceof RuntimeException ? (RuntimeException) error : e;
        }
        return 0;
    }
}
