/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.serve.checkpoint.Checkpoint;
import org.sapenet.serve.score.CsvScorer;
import org.sapenet.serve.score.ScoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scores a CSV with a checkpoint: one output line per valid input row, in input order, with the row
 * number, the scenario and one probability per task.
 */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Score a CSV with a checkpoint: writes row,scenario,p_<task>... per input row, in input"
                    + " order.",
            "The input has the training source's columns (matched by name; labels optional and"
                    + " ignored). 'row' is the input's data-line number (file line minus the"
                    + " header); rows skipped with --on-error skip are left out and counted.",
            "--workers sets the scorer threads (each owns a predictor; default one per core, at"
                    + " most 4); the global --threads sets PyTorch's intra-op threads per forward"
                    + " pass (default: the cores shared out among the workers)."
        })
final class ScoreCommand implements Callable<Integer> {

    private static final int DEFAULT_MAX_WORKERS = 4;

    /** The {@code --out} value that means standard output (a file named "-" is {@code ./-}). */
    static final String STDOUT = "-";

    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "Checkpoint folder (written by train).")
    Path model;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE.csv",
            description = "CSV to score.")
    Path input;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "PRED.csv",
            description =
                    "Output CSV (written atomically; see --force), or - for standard output"
                            + " (streamed as scored; the summary goes to stderr).")
    String out;

    @Mixin ScoringOptions scoring;

    @Option(
            names = "--workers",
            paramLabel = "N",
            description =
                    "Scorer threads, each with its own predictor (default: one per core, at most 4;"
                            + " about 400 MB each at batch 4096).")
    Integer workers;

    @Option(
            names = "--on-error",
            paramLabel = "fail|skip",
            defaultValue = "fail",
            description =
                    "Bad rows: stop with file:line:column (fail, default) or skip and count them.")
    String onError;

    @Option(names = "--force", description = "Replace an existing output file.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        // Each worker holds a batch's activations (about 400 MB at batch 4096): at most 4 by
        // default.
        int scorers = workers == null ? Math.min(cores, DEFAULT_MAX_WORKERS) : workers;
        if (System.getProperty(SapenetCli.THREADS_PROPERTY) == null) {
            // Workers already use the cores: more intra-op threads would only compete for them.
            // (ScoreOptions rejects fewer than 1 worker.)
            SapenetCli.usePytorchThreads(Math.max(1, cores / Math.max(1, scorers)));
        }
        ScoreOptions options =
                ScoreOptions.builder()
                        .optBatchSize(scoring.getBatchSize())
                        .optWorkers(scorers)
                        .optScenario(scoring.getScenario())
                        .optErrorPolicy(ErrorPolicy.parse(onError))
                        .optForce(force)
                        .build();
        try (Checkpoint checkpoint = Checkpoint.load(model)) {
            if (STDOUT.equals(out)) {
                // Standard output carries the lines; the summary goes beside the log on stderr.
                Writer stdout =
                        new BufferedWriter(
                                new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
                                1 << 16);
                System.err.println(CsvScorer.score(checkpoint, input, stdout, options));
            } else {
                System.out.println(CsvScorer.score(checkpoint, input, Path.of(out), options));
            }
        }
        return 0;
    }
}
