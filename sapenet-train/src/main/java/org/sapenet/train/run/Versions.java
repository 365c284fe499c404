/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.run;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.sapenet.model.runtime.Engines;

/** The versions a result depends on, for {@code metrics.json} and reports. */
public final class Versions {

    private Versions() {}

    /**
     * Returns the project, build line, DJL, PyTorch and Java versions.
     *
     * @return name to version, in a fixed order
     */
    public static Map<String, String> all() {
        Properties build = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/sapenet-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Engine engine = Engines.pytorch();
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("sapenet", build.getProperty("project.version", "unknown"));
        versions.put("buildLine", build.getProperty("djl.line", "unknown"));
        versions.put("djl", Engine.getDjlVersion());
        versions.put("pytorch", engine.getVersion());
        versions.put("java", System.getProperty("java.version"));
        return versions;
    }
}
