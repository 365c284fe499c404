/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.job;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.sapenet.data.error.DataException;
import org.sapenet.serve.checkpoint.CheckpointException;
import picocli.CommandLine;

/** What the jobs share: running a command, writing output atomically, reporting task errors. */
public final class SparkJobs {

    private SparkJobs() {}

    /**
     * Runs a job's command line: a failure prints its message (the bad row's, for a data error) and
     * exits 1.
     *
     * @param job the job
     * @param args its arguments
     * @return the exit code
     */
    static int execute(Callable<Integer> job, String[] args) {
        CommandLine cli = new CommandLine(job);
        cli.setExecutionExceptionHandler(
                (ex, line, parsed) -> {
                    Throwable error = rootError(ex);
                    line.getErr().println("error: " + error.getMessage());
                    return 1;
                });
        return cli.execute(args);
    }

    /**
     * Returns the error a user should read: the bad row's or the checkpoint's when a Spark task
     * failed with one, else the exception itself.
     *
     * @param e what the job threw
     * @return the error to report
     */
    public static Throwable rootError(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof DataException || c instanceof CheckpointException) {
                return c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return e;
    }

    /**
     * Writes rows into a folder of part files: into a hidden sibling folder first, renamed into
     * place when every task succeeded; an existing folder is replaced only with {@code force}.
     *
     * @param spark the session
     * @param rows the rows
     * @param out the output folder
     * @param format csv (with a header) or parquet
     * @param force replace an existing folder
     * @throws IOException when the rename fails
     * @throws IllegalStateException when the folder exists and {@code force} is off
     */
    static void writeAtomically(
            SparkSession spark, Dataset<Row> rows, String out, String format, boolean force)
            throws IOException {
        Path target = new Path(out);
        FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
        target = fs.makeQualified(target);
        checkTarget(fs, target, force);
        Path tmp =
                new Path(target.getParent(), "." + target.getName() + ".tmp-" + UUID.randomUUID());
        try {
            try {
                rows.write()
                        .mode(SaveMode.ErrorIfExists)
                        .format(format)
                        .option("header", "true")
                        .save(tmp.toString());
            } catch (RuntimeException e) {
                Throwable error = rootError(e);
                throw error instanceof RuntimeException ? (RuntimeException) error : e;
            }
            checkTarget(fs, target, force);
            if (fs.exists(target)) {
                fs.delete(target, true);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("Cannot rename " + tmp + " to " + target);
            }
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, true);
            }
        }
    }

    private static void checkTarget(FileSystem fs, Path target, boolean force) throws IOException {
        if (fs.exists(target) && !force) {
            throw new IllegalStateException(
                    "Output " + target + " already exists: pass --force to replace it");
        }
    }
}
