/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.job;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of an evaluation job over scored rows. */
public final class EvaluateJobOptions {

    @Option(
            names = "--scored",
            required = true,
            split = ",",
            paramLabel = "PATH",
            description = "Scored rows with labels (spark-score's output: CSV or Parquet).")
    List<String> scored;

    @Option(
            names = "--input-format",
            defaultValue = "auto",
            paramLabel = "auto|csv|parquet",
            description = "Input format (default: auto: Parquet when the files end in .parquet).")
    String inputFormat;

    @Option(
            names = "--label",
            paramLabel = "TASK=COLUMN",
            description = "The label column of a task (default: the column named as the task).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(
            names = "--out",
            paramLabel = "FILE.json",
            description = "Also write the metrics as JSON (the layout of evaluate --out).")
    Path out;
}
