/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.util.List;
import java.util.ServiceLoader;
import org.sapenet.model.runtime.Engines;
import org.sapenet.train.console.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code sapenet} command line: one entry point whose subcommands prepare data, train,
 * evaluate, run the grid and score.
 *
 * <p>Subcommands of other modules on the class path join as {@link ExtensionCommand}s.
 *
 * <p>The global options ({@code --threads}, {@code --device}, {@code --quiet}, {@code --log-level})
 * are inherited by every subcommand and take effect before the engine loads, through the system
 * properties DJL and slf4j-simple read.
 */
@Command(
        name = "sapenet",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Multi-scenario, multi-task recommendation with SAPENet on DJL/PyTorch.",
        subcommands = {
            CommandLine.HelpCommand.class,
            EnvCommand.class,
            ModelsCommand.class,
            SynthCommand.class,
            PrepareCommand.class,
            InspectCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            GridCommand.class,
            ScoreCommand.class,
            DemoCommand.class,
            BenchCommand.class,
        })
public final class SapenetCli implements Runnable {

    /** The levels {@code --log-level} accepts (slf4j-simple's). */
    static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");

    private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    /** The system property PyTorch's engine reads its intra-op thread count from. */
    public static final String THREADS_PROPERTY = Engines.THREADS_PROPERTY;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * Sets the number of intra-op threads PyTorch uses.
     *
     * @param threads the thread count, at least 1
     */
    @Option(
            names = "--threads",
            scope = ScopeType.INHERIT,
            paramLabel = "N",
            description = "Intra-op threads for PyTorch (default: all cores).")
    void setThreads(int threads) {
        if (threads < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        usePytorchThreads(threads);
    }

    /**
     * Sets PyTorch's intra-op threads (and one inter-op thread) for the engine, which reads them
     * when it starts.
     *
     * @param threads the thread count, at least 1
     */
    public static void usePytorchThreads(int threads) {
        System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /**
     * Sets the compute device.
     *
     * @param device {@code cpu}, {@code gpu} or {@code auto}
     */
    @Option(
            names = "--device",
            scope = ScopeType.INHERIT,
            paramLabel = "cpu|gpu|auto",
            description = "Compute device (default: auto, the GPU if DJL finds one).")
    void setDevice(String device) {
        if (!device.matches("cpu|gpu|auto")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--device must be cpu, gpu or auto, got '" + device + "'");
        }
        System.setProperty(Engines.DEVICE_PROPERTY, device);
    }

    /**
     * Logs only warnings and errors and drops the progress bar (applied by {@link #execute} before
     * any logger exists; declared here for parsing and help).
     *
     * @param quiet whether to be quiet
     */
    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Log warnings and errors only; no progress bar.")
    void setQuiet(boolean quiet) {
        // Applied in execute(): the log level must be set before the first logger is made.
    }

    /**
     * Sets the log level (applied by {@link #execute} before any logger exists).
     *
     * @param level the slf4j-simple level
     */
    @Option(
            names = "--log-level",
            scope = ScopeType.INHERIT,
            paramLabel = "LEVEL",
            description =
                    "Log level: error, warn, info (default), debug or trace; DJL's own lines stay"
                            + " at warn.")
    void setLogLevel(String level) {
        if (!LOG_LEVELS.contains(level)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--log-level must be one of " + LOG_LEVELS + ", got '" + level + "'");
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line and returns its exit code instead of exiting (for tests).
     *
     * @param args the arguments
     * @return 0 on success, 1 on a failed run, 2 on a usage error
     */
    public static int execute(String... args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        applyLogOptions(args);
        if (System.getProperty(Engines.SCORING_THREADS_PROPERTY) == null) {
            // The command line chooses threads itself (--threads, score's workers); loading a
            // checkpoint must not switch a training JVM to the library's one scoring thread.
            System.setProperty(Engines.SCORING_THREADS_PROPERTY, "0");
        }
        CommandLine cli = new CommandLine(new SapenetCli());
        for (ExtensionCommand extension : ServiceLoader.load(ExtensionCommand.class)) {
            cli.addSubcommand(extension);
        }
        cli.setExecutionExceptionHandler(new ErrorHandler());
        return cli.execute(args);
    }

    /**
     * Sets the log level {@code --quiet} or {@code --log-level} asks for. slf4j-simple reads its
     * level once, when the first logger is made, which can be before picocli calls the options'
     * setters (a subcommand's static logger): so the arguments are scanned here first. A malformed
     * value is left to picocli to reject.
     */
    private static void applyLogOptions(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--".equals(arg)) {
                return;
            }
            if ("-q".equals(arg) || "--quiet".equals(arg)) {
                System.setProperty(LOG_LEVEL_PROPERTY, "warn");
                System.setProperty(ProgressBar.QUIET_PROPERTY, "true");
            }
            String level = null;
            if ("--log-level".equals(arg) && i + 1 < args.length) {
                level = args[i + 1];
            } else if (arg.startsWith("--log-level=")) {
                level = arg.substring("--log-level=".length());
            }
            if (level != null && LOG_LEVELS.contains(level)) {
                System.setProperty(LOG_LEVEL_PROPERTY, level);
            }
        }
    }
}
