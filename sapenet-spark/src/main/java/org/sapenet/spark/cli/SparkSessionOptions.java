/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The session options that {@code spark-score} and {@code spark-evaluate} share, a picocli mixin:
 * the Spark master and Spark settings. {@link LocalSpark} builds the session from them; this class
 * names no Spark type, so that the commands load (for {@code sapenet --help}) without Spark on the
 * class path.
 */
final class SparkSessionOptions {

    @Option(
            names = "--master",
            defaultValue = "local[*]",
            paramLabel = "URL",
            description = "Spark master (default: ${DEFAULT-VALUE}).")
    private String master;

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description =
                    "A Spark setting, as spark-submit --conf takes it (e.g."
                            + " spark.sql.files.maxPartitionBytes=32m).")
    private Map<String, String> conf = new LinkedHashMap<>();

    /**
     * Returns the Spark master.
     *
     * @return {@code local[N]}, {@code local[*]} (the default) or a cluster's master URL
     */
    String master() {
        return master;
    }

    /**
     * Returns the Spark settings, in the order given.
     *
     * @return the settings, empty when none was given
     */
    Map<String, String> conf() {
        return conf;
    }
}
