/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.sapenet.train.run.Versions;

/** The root command's own options: version, log level, quiet. */
class GlobalOptionsTest {

    private static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = SapenetCli.execute(args);
            return new String[] {
                Integer.toString(code),
                outBytes.toString(StandardCharsets.UTF_8),
                errBytes.toString(StandardCharsets.UTF_8)
            };
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void versionIsTheBuiltProjectVersionAndLine() {
        String version = Versions.build().getProperty("project.version");
        assertTrue(version != null && !version.contains("${"), "Maven filtered the build file");
        String[] result = run("-V");
        assertEquals("0", result[0], result[2]);
        assertTrue(result[1].startsWith("sapenet " + version + "\n"), result[1]);
        assertTrue(result[1].contains(" line: DJL "), result[1]);
    }

    @Test
    void logLevelMustBeALevel() {
        String[] result = run("--log-level", "loud", "models");
        assertEquals("2", result[0]);
        assertTrue(result[2].contains("--log-level must be one of"), result[2]);
    }

    @Test
    void quietAndLogLevelAreAcceptedBeforeAndAfterTheSubcommand() {
        String level = System.getProperty("org.slf4j.simpleLogger.defaultLogLevel");
        try {
            assertEquals("0", run("--quiet", "models", "--vocab", "1000")[0]);
            assertEquals("0", run("models", "--log-level=debug", "--vocab", "1000")[0]);
            assertEquals("debug", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
        } finally {
            System.clearProperty("sapenet.quiet");
            if (level == null) {
                System.clearProperty("org.slf4j.simpleLogger.defaultLogLevel");
            } else {
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
            }
        }
    }
}
