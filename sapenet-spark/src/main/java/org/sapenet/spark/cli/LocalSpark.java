/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.cli;

import org.apache.spark.sql.SparkSession;
import org.sapenet.spark.job.EvaluateJob;
import org.sapenet.spark.job.EvaluateJobOptions;
import org.sapenet.spark.job.ScoreJob;
import org.sapenet.spark.job.ScoreJobOptions;
import org.sapenet.spark.job.SparkJobs;

/**
 * A Spark session inside the {@code sapenet} process, for the command line's Spark commands. Only
 * this class names Spark's types: the command classes must load (for {@code sapenet --help})
 * without Spark on the class path.
 */
final class LocalSpark {

    private LocalSpark() {}

    /** A job that runs in a session. */
    interface Job<T> {
        T run(SparkSession spark) throws Exception;
    }

    /**
     * Runs {@link ScoreJob}.
     *
     * @param session the master and Spark settings
     * @param options the job's options
     * @throws Exception what the job threw (a failed task's data or checkpoint error unwrapped)
     */
    static void score(SparkSessionOptions session, ScoreJobOptions options) throws Exception {
        run(session, "sapenet spark-score", spark -> ScoreJob.run(spark, options, System.out));
    }

    /**
     * Runs {@link EvaluateJob}.
     *
     * @param session the master and Spark settings
     * @param options the job's options
     * @throws Exception what the job threw (a failed task's data error unwrapped)
     */
    static void evaluate(SparkSessionOptions session, EvaluateJobOptions options) throws Exception {
        run(
                session,
                "sapenet spark-evaluate",
                spark -> EvaluateJob.run(spark, options, System.out));
    }

    /**
     * Runs a job in a session of the given master and settings, then stops the session if it
     * started it.
     *
     * @param session the master ({@code local[N]}, or a cluster's master URL) and Spark settings
     * @param name the application name
     * @param job the job
     * @param <T> what the job returns
     * @return what the job returned
     * @throws Exception what the job threw
     */
    static <T> T run(SparkSessionOptions session, String name, Job<T> job) throws Exception {
        // Spark logs through SLF4J: keep its INFO lines out of the command's output.
        for (String logger :
                new String[] {
                    "org.apache.spark",
                    "org.apache.hadoop",
                    "org.sparkproject",
                    "io.netty",
                    "org.apache.parquet",
                    "org.apache.orc"
                }) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
        // A session this process already runs (an application embedding the CLI) is used and left
        // running.
        boolean ours = SparkSession.getDefaultSession().isEmpty();
        SparkSession.Builder builder =
                SparkSession.builder()
                        .master(session.master())
                        .appName(name)
                        .config("spark.ui.enabled", "false");
        session.conf().forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        try {
            return job.run(spark);
        } catch (RuntimeException e) {
            Throwable error = SparkJobs.rootError(e);
            throw error instanceof RuntimeException ? (RuntimeException) error : e;
        } finally {
            if (ours) {
                spark.stop();
            }
        }
    }

    /**
     * Says, before anything else runs, when Spark's jars are not on the class path.
     *
     * @param command the command's name
     * @throws IllegalStateException naming how to add them
     */
    static void requireSpark(String command) {
        try {
            Class.forName("org.apache.spark.sql.SparkSession");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    command
                            + " needs Apache Spark's jars on the class path: ./sapenet adds them"
                            + " (from sapenet-spark/target/spark-classpath.txt); elsewhere add"
                            + " spark-sql_2.13 4.2 and its dependencies, or run the job class with"
                            + " spark-submit (see the README, \"Score on a Spark cluster\")");
        }
    }
}
