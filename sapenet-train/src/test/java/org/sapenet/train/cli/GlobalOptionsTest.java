/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sapenet.train.run.Versions;

/** The root command's own options: version, log level, quiet. */
class GlobalOptionsTest {

    @Test
    void versionIsTheBuiltProjectVersionAndLine() {
        String version = Versions.build().getProperty("project.version");
        assertTrue(version != null && !version.contains("${"), "Maven filtered the build file");
        CliRun result = CliRun.sapenet("-V");
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().startsWith("sapenet " + version + "\n"), result.out());
        assertTrue(result.out().contains(" line: DJL "), result.out());
    }

    @Test
    void logLevelMustBeALevel() {
        CliRun result = CliRun.sapenet("--log-level", "loud", "models");
        assertEquals(2, result.code());
        assertTrue(result.err().contains("--log-level must be one of"), result.err());
    }

    @Test
    void quietAndLogLevelAreAcceptedBeforeAndAfterTheSubcommand() {
        String level = System.getProperty("org.slf4j.simpleLogger.defaultLogLevel");
        try {
            assertEquals(0, CliRun.sapenet("--quiet", "models", "--vocab", "1000").code());
            assertEquals(
                    0, CliRun.sapenet("models", "--log-level=debug", "--vocab", "1000").code());
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
