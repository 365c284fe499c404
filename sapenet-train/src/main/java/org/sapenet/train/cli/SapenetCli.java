/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.util.ServiceLoader;
import org.sapenet.model.runtime.Engines;
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
 * <p>The global options ({@code --threads}, {@code --device}) are inherited by every subcommand and
 * take effect before the engine loads, through the system properties DJL reads.
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

    /** The system property PyTorch's engine reads its intra-op thread count from. */
    public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

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
        CommandLine cli = new CommandLine(new SapenetCli());
        for (ExtensionCommand extension : ServiceLoader.load(ExtensionCommand.class)) {
            cli.addSubcommand(extension);
        }
        cli.setExecutionExceptionHandler(new ErrorHandler());
        return cli.execute(args);
    }
}
