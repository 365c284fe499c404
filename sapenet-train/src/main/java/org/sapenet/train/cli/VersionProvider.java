/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.util.Properties;
import org.sapenet.train.run.Versions;
import picocli.CommandLine.IVersionProvider;

/**
 * Reports the project version and build line Maven wrote into the jar ({@code
 * sapenet-build.properties}), without loading the engine.
 */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties build = Versions.build();
        String version = build.getProperty("project.version");
        if (version == null) {
            return new String[] {"sapenet (development build: no sapenet-build.properties)"};
        }
        return new String[] {
            "sapenet " + version,
            String.format(
                    "%s line: DJL %s, PyTorch %s",
                    build.getProperty("djl.line"),
                    build.getProperty("djl.version"),
                    build.getProperty("pytorch.version"))
        };
    }
}
