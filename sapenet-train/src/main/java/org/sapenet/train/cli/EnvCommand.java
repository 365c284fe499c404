/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.sapenet.model.runtime.Engines;
import picocli.CommandLine.Command;

/** Prints what a bug report needs: Java, DJL, PyTorch, the native flavour, devices and threads. */
@Command(
        name = "env",
        mixinStandardHelpOptions = true,
        description =
                "Print Java, DJL and PyTorch versions, the native flavour, devices and threads.")
final class EnvCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException {
        Properties build = buildProperties();
        PrintStream out = System.out;
        out.printf("sapenet          %s%n", build.getProperty("project.version"));
        out.printf(
                "build line       %s (DJL %s, PyTorch %s, JNI %s)%n",
                build.getProperty("djl.line"),
                build.getProperty("djl.version"),
                build.getProperty("pytorch.version"),
                build.getProperty("pytorch.jni.version"));
        out.printf(
                "java             %s (%s) on %s %s%n",
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("os.name"),
                System.getProperty("os.arch"));
        Runtime runtime = Runtime.getRuntime();
        out.printf(
                "cores            %d, max heap %d MiB%n",
                runtime.availableProcessors(), runtime.maxMemory() >> 20);
        out.printf("offline          %s%n", System.getProperty("ai.djl.offline", "false"));
        out.printf("native cache     %s%n", Engines.cacheDir());
        Engine engine = Engines.pytorch();
        out.printf("djl              %s%n", Engine.getDjlVersion());
        out.printf("engine           %s %s%n", engine.getEngineName(), engine.getVersion());
        out.printf("native flavour   %s%n", nativeFlavour());
        int gpus = engine.getGpuCount();
        out.printf("gpus             %d%n", gpus);
        Device device = Engines.device();
        out.printf(
                "device           %s (--device %s)%n",
                device, System.getProperty(Engines.DEVICE_PROPERTY, "auto"));
        out.printf(
                "threads          intra-op %s, inter-op %s%n",
                System.getProperty(SapenetCli.THREADS_PROPERTY, "(PyTorch default)"),
                System.getProperty("ai.djl.pytorch.num_interop_threads", "(PyTorch default)"));
        return 0;
    }

    private static Properties buildProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = EnvCommand.class.getResourceAsStream("/sapenet-build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return properties;
    }

    /** The native jars on the class path, e.g. "cpu" or "cu118 + cpu fallback". */
    private static String nativeFlavour() {
        String classPath = System.getProperty("java.class.path", "");
        StringBuilder flavours = new StringBuilder();
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            String file = entry.substring(entry.lastIndexOf('/') + 1);
            if (file.startsWith("pytorch-native-")) {
                if (flavours.length() > 0) {
                    flavours.append(", ");
                }
                flavours.append(file);
            }
        }
        return flavours.length() == 0
                ? "(no pytorch-native jar on the class path)"
                : flavours.toString();
    }
}
