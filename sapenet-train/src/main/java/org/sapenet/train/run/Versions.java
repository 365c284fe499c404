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
        Properties build = build();
        Engine engine = Engines.pytorch();
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("sapenet", build.getProperty("project.version", "unknown"));
        versions.put("buildLine", build.getProperty("djl.line", "unknown"));
        versions.put("djl", Engine.getDjlVersion());
        versions.put("pytorch", engine.getVersion());
        versions.put("java", System.getProperty("java.version"));
        return versions;
    }

    /**
     * Returns what Maven wrote into {@code sapenet-build.properties} when it built this jar: {@code
     * project.version}, {@code djl.line}, {@code djl.version}, {@code pytorch.version}, {@code
     * pytorch.jni.version}. Loads no engine.
     *
     * @return the build properties (empty when the resource is missing)
     */
    public static Properties build() {
        Properties build = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/sapenet-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build;
    }
}
