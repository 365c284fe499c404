/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sapenet.train.cli.CliRun;

/**
 * The {@code --help} of {@code spark-score} and {@code spark-evaluate}: each lists its job's
 * options and the session options ({@link SparkSessionOptions}) they share. No Spark session.
 */
class SparkCommandsHelpTest {

    /** The session options' lines, runs of spaces and line breaks as one space. */
    private static final String MASTER = "--master=URL Spark master (default: local[*]).";

    private static final String CONF =
            "--conf=KEY=VALUE A Spark setting, as spark-submit --conf takes it";

    @Test
    void sparkScoreListsItsOptionsAndTheSessionOptions() {
        String help = help("spark-score");
        assertTrue(help.startsWith("Usage: sapenet spark-score "), help);
        for (String option :
                new String[] {
                    "--model=DIR", "--input=PATH", "--out=DIR", "--format=csv|parquet", "--force"
                }) {
            assertTrue(help.contains(option), option + " missing from:\n" + help);
        }
        assertTrue(help.contains("[--master=URL]"), help);
        assertTrue(help.contains("[--conf=KEY=VALUE]..."), help);
        assertTrue(help.contains(MASTER), help);
        assertTrue(help.contains(CONF), help);
    }

    @Test
    void sparkEvaluateListsItsOptionsAndTheSessionOptions() {
        String help = help("spark-evaluate");
        assertTrue(help.startsWith("Usage: sapenet spark-evaluate "), help);
        assertTrue(help.contains("--scored=PATH"), help);
        assertTrue(help.contains("[--master=URL]"), help);
        assertTrue(help.contains("[--conf=KEY=VALUE]..."), help);
        assertTrue(help.contains(MASTER), help);
        assertTrue(help.contains(CONF), help);
    }

    /** Runs {@code sapenet COMMAND --help} and returns what it printed, spaces collapsed. */
    private static String help(String command) {
        CliRun run = CliRun.sapenet(command, "--help");
        assertEquals(0, run.code(), run.err());
        return run.out().replaceAll("\\s+", " ");
    }
}
