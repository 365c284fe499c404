/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.job;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sapenet.spark.SparkEvaluation;
import org.sapenet.train.console.MetricsTable;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.state.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The evaluation job for {@code spark-submit}: exact per-(scenario, task) AUC and LogLoss of scored
 * rows with labels ({@link SparkEvaluation}), printed as {@code sapenet evaluate} prints them and
 * optionally written as its JSON.
 */
@Command(
        name = "EvaluateJob",
        mixinStandardHelpOptions = true,
        description = "Exact AUC and LogLoss per (scenario, task) of scored rows, on Spark.")
public final class EvaluateJob implements Callable<Integer> {

    @Mixin EvaluateJobOptions options;

    /**
     * Runs the job in the session {@code spark-submit} configures.
     *
     * @param args the job's arguments
     */
    public static void main(String[] args) {
        System.exit(SparkJobs.execute(new EvaluateJob(), args));
    }

    @Override
    public Integer call() throws IOException {
        SparkSession spark = SparkSession.builder().appName("sapenet evaluate").getOrCreate();
        run(spark, options, System.out);
        return 0;
    }

    /**
     * Evaluates the scored rows.
     *
     * @param spark the session
     * @param options the job's options
     * @param out where the table goes
     * @return the metrics
     * @throws IOException when the input cannot be listed or the JSON cannot be written
     */
    public static EvaluationResult run(
            SparkSession spark, EvaluateJobOptions options, PrintStream out) throws IOException {
        Dataset<Row> scored = InputFormat.read(spark, options.scored, options.inputFormat);
        EvaluationResult result = SparkEvaluation.evaluate(scored, options.labels);
        out.print(MetricsTable.format(String.join(",", options.scored), result));
        if (options.out != null) {
            RunFolder.writeJson(options.out, result);
            out.println("wrote " + options.out);
        }
        return result;
    }
}
