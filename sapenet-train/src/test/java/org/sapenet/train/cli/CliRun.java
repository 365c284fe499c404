/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.function.IntSupplier;

/**
 * One in-process run of the {@code sapenet} command line, with what it wrote to {@code System.out}
 * and {@code System.err} captured (UTF-8). The tests of the command line (and sapenet-spark's,
 * through sapenet-train's test jar) use it instead of each swapping the streams themselves.
 *
 * @param code the exit code
 * @param out what the run printed on standard output
 * @param err what the run printed on standard error
 */
public record CliRun(int code, String out, String err) {

    /** Runs {@code sapenet ARGS} ({@link SapenetCli#execute}) and captures its output. */
    public static CliRun sapenet(String... args) {
        return capture(() -> SapenetCli.execute(args));
    }

    /**
     * Runs {@code command} (which returns an exit code) with {@code System.out} and {@code
     * System.err} captured; both streams are restored afterwards, also when it throws, and so are
     * the system properties, which the command line sets for its own run ({@code --threads}, {@code
     * --device}, {@code --log-level}) and which would otherwise leak into later tests of the same
     * JVM (a later test that starts a child JVM with the parent's thread count read the leaked
     * {@code --threads 1}).
     */
    public static CliRun capture(IntSupplier command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Properties properties = new Properties();
        properties.putAll(System.getProperties());
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = command.getAsInt();
            return new CliRun(
                    code,
                    outBytes.toString(StandardCharsets.UTF_8),
                    errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            restore(properties);
        }
    }

    /**
     * The system properties the command line sets for its own run: PyTorch's threads, the device,
     * quiet and log levels. Others (Spark's, for instance) are left as the run left them.
     */
    private static boolean ours(String key) {
        return key.startsWith("ai.djl.")
                || key.startsWith("sapenet.")
                || key.startsWith("org.slf4j.simpleLogger.");
    }

    private static void restore(Properties saved) {
        for (String key : System.getProperties().stringPropertyNames()) {
            if (ours(key) && !saved.containsKey(key)) {
                System.clearProperty(key);
            }
        }
        for (String key : saved.stringPropertyNames()) {
            String value = saved.getProperty(key);
            if (ours(key) && !value.equals(System.getProperty(key))) {
                System.setProperty(key, value);
            }
        }
    }
}
