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
        assertEquals(0, CliRun.sapenet("--quiet", "models", "--vocab", "1000").code());
        String[] level = new String[1];
        CliRun run =
                CliRun.capture(
                        () -> {
                            int code =
                                    SapenetCli.execute(
                                            "models", "--log-level=debug", "--vocab", "1000");
                            level[0] = System.getProperty("org.slf4j.simpleLogger.defaultLogLevel");
                            return code;
                        });
        assertEquals(0, run.code());
        assertEquals("debug", level[0]);
    }
}
