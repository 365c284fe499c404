/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.job;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sapenet.spark.SapenetSpark;

/** Reads job input as CSV or Parquet, chosen by the user or by the files' names. */
final class InputFormat {

    private InputFormat() {}

    static Dataset<Row> read(SparkSession spark, List<String> paths, String format)
            throws IOException {
        String[] array = paths.toArray(new String[0]);
        boolean parquet;
        switch (format) {
            case "csv":
                parquet = false;
                break;
            case "parquet":
                parquet = true;
                break;
            case "auto":
                parquet = looksLikeParquet(spark, paths);
                break;
            default:
                throw new IllegalArgumentException(
                        "--input-format must be auto, csv or parquet, got '" + format + "'");
        }
        return parquet
                ? SapenetSpark.readParquet(spark, array)
                : SapenetSpark.readCsv(spark, array);
    }

    private static boolean looksLikeParquet(SparkSession spark, List<String> paths)
            throws IOException {
        for (String p : paths) {
            Path path = new Path(p);
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new IllegalArgumentException("Input " + p + " does not exist");
            }
            for (FileStatus match : matches) {
                FileStatus[] files =
                        match.isDirectory()
                                ? fs.listStatus(match.getPath())
                                : new FileStatus[] {match};
                for (FileStatus f : files) {
                    if (f.getPath().getName().endsWith(".parquet")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
