/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sapenet.spark.job.ScoreJobOptions;
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

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description =
                    "A Spark setting, as spark-submit --conf takes it (e.g."
                            + " spark.sql.files.maxPartitionBytes=32m).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        LocalSpark.requireSpark("spark-score");
        LocalSpark.score(master, conf, options);
        return 0;
    }
}
