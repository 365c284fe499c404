/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.cli;

import org.apache.spark.sql.SparkSession;

/** A Spark session inside the {@code sapenet} process, for the command line's Spark commands. */
final class LocalSpark {

    private LocalSpark() {}

    /** A job that runs in a session. */
    interface Job<T> {
        T run(SparkSession spark) throws Exception;
    }

    /**
     * Runs a job in a session of the given master, then stops the session if it started it.
     *
     * @param master {@code local[N]}, or a cluster's master URL
     * @param name the application name
     * @param job the job
     * @param <T> what the job returns
     * @return what the job returned
     * @throws Exception what the job threw
     */
    static <T> T run(String master, String name, Job<T> job) throws Exception {
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
        SparkSession spark =
                SparkSession.builder()
                        .master(master)
                        .appName(name)
                        .config("spark.ui.enabled", "false")
                        .getOrCreate();
        try {
            return job.run(spark);
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
