/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.job;

import java.util.List;
import org.sapenet.train.cli.ScoringOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of a scoring job, shared by {@code spark-submit} and {@code sapenet spark-score}. */
public final class ScoreJobOptions {

    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description =
                    "Checkpoint folder: a path every node can read, or the name Spark distributed"
                            + " it under (spark-submit --archives model.zip#model).")
    String model;

    @Option(
            names = "--input",
            required = true,
            split = ",",
            paramLabel = "PATH",
            description = "Files, folders or globs to score (CSV with a header, or Parquet).")
    List<String> input;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Output folder of part files (written aside and renamed; see --force).")
    String out;

    @Option(
            names = "--format",
            defaultValue = "csv",
            paramLabel = "csv|parquet",
            description = "Output format (default: ${DEFAULT-VALUE}; CSV with a header).")
    String format;

    @Option(
            names = "--input-format",
            defaultValue = "auto",
            paramLabel = "auto|csv|parquet",
            description = "Input format (default: auto: Parquet when the files end in .parquet).")
    String inputFormat;

    @Mixin ScoringOptions scoring;

    @Option(
            names = "--threads-per-predictor",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "PyTorch intra-op threads of each predictor (default 0: spark.task.cpus).")
    int threadsPerPredictor;

    @Option(
            names = "--on-error",
            paramLabel = "fail|skip",
            defaultValue = "fail",
            description =
                    "Bad rows: fail the job naming file and line (default), or skip and count"
                            + " them.")
    String onError;

    @Option(names = "--force", description = "Replace an existing output folder.")
    boolean force;
}
