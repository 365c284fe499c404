/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.cli;

import org.sapenet.spark.job.ScoreJobOptions;
import org.sapenet.train.cli.ExtensionCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    @Mixin SparkSessionOptions session;

    @Override
    public Integer call() throws Exception {
        LocalSpark.requireSpark("spark-score");
        LocalSpark.score(session, options);
        return 0;
    }
}
