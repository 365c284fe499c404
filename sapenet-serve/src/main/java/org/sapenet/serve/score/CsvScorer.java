/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.score;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.SkipReport;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.serve.checkpoint.Checkpoint;
import org.sapenet.serve.input.CsvBatchReader;
import org.sapenet.serve.input.InputChunk;
import org.sapenet.serve.input.ScoringBatch;
import org.sapenet.serve.translate.Scores;

/**
 * Scores a CSV of any size with a checkpoint and writes one line per valid input row, in input
 * order: {@code row,scenario,p_<task>...}, where {@code row} is the input's line number minus one
 * (the header) and {@code scenario} the name of the scenario the row was scored in.
 *
 * <p>A bounded pipeline: one reader thread parses and encodes batches ({@link CsvBatchReader}), N
 * scorer threads each own a {@link Predictor} and score a batch in one forward pass and format its
 * output lines, and the calling thread writes the batches back in input order. At most 2N + 2
 * batches are in flight, so memory does not grow with the input. The output goes to a temporary
 * file beside the target and is renamed into place at the end; on any error the temporary file is
 * removed and nothing is written.
 */
public final class CsvScorer {

    private static final CompletableFuture<Formatted> END = new CompletableFuture<>();
    private static final Task POISON = new Task(null, null);

    private CsvScorer() {}

    /**
     * Scores a file.
     *
     * @param checkpoint the loaded checkpoint
     * @param input the CSV to score
     * @param output the CSV to write
     * @param options batch size, workers, scenario, error policy, overwrite
     * @return what was done
     * @throws IOException when reading or writing fails
     * @throws IllegalStateException when the output exists and {@code force} is off
     * @throws IllegalArgumentException when the input is missing or a folder, or the output is the
     *     input file (by path or link), whatever {@code force}
     * @throws org.sapenet.data.error.DataException at a bad row under {@code fail}, a header that
     *     lacks a column the model needs, or when every row was skipped under {@code skip}
     */
    public static ScoreSummary score(
            Checkpoint checkpoint, Path input, Path output, ScoreOptions options)
            throws IOException {
        long start = System.nanoTime();
        Path target = output.toAbsolutePath().normalize();
        checkInput(input, target);
        checkTarget(target, options.isForce());
        SkipReport skips = new SkipReport();
        Path tmp = AtomicFiles.createTempFile(target);
        boolean done = false;
        try (CsvBatchReader reader =
                new CsvBatchReader(
                        input,
                        checkpoint.getEncoder(),
                        options.getScenario(),
                        options.getErrorPolicy(),
                        skips)) {
            long rows;
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                rows = run(checkpoint, reader, out, options);
            }
            checkSomethingScored(input, rows, skips);
            checkTarget(target, options.isForce());
            AtomicFiles.moveAtomically(tmp, target);
            done = true;
            return new ScoreSummary(target, rows, skips, (System.nanoTime() - start) / 1e9);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Scores a file and streams the lines to {@code out} as they are scored, in input order (for
     * {@code --out -}: standard output). Not atomic: when a bad row stops the run under {@code
     * fail}, the lines before it have been written. {@code force} is ignored; {@code out} is
     * flushed, not closed.
     *
     * @param checkpoint the loaded checkpoint
     * @param input the CSV to score
     * @param out where the lines go
     * @param options batch size, workers, scenario, error policy
     * @return what was done ({@link ScoreSummary#getOutput()} is {@code null})
     * @throws IOException when reading or writing fails
     * @throws IllegalArgumentException when the input is missing or a folder
     * @throws org.sapenet.data.error.DataException at a bad row under {@code fail}, a header that
     *     lacks a column the model needs, or when every row was skipped under {@code skip}
     */
    public static ScoreSummary score(
            Checkpoint checkpoint, Path input, Writer out, ScoreOptions options)
            throws IOException {
        long start = System.nanoTime();
        checkInput(input, null);
        SkipReport skips = new SkipReport();
        try (CsvBatchReader reader =
                new CsvBatchReader(
                        input,
                        checkpoint.getEncoder(),
                        options.getScenario(),
                        options.getErrorPolicy(),
                        skips)) {
            long rows = run(checkpoint, reader, out, options);
            out.flush();
            checkSomethingScored(input, rows, skips);
            return new ScoreSummary(null, rows, skips, (System.nanoTime() - start) / 1e9);
        }
    }

    private static void checkInput(Path input, Path target) throws IOException {
        if (Files.isDirectory(input)) {
            throw new IllegalArgumentException(
                    "Input " + input + " is a folder: give the CSV file to score");
        }
        if (!Files.exists(input)) {
            throw new IllegalArgumentException("Input file " + input + " does not exist");
        }
        // Same file by path, symbolic or hard link: --force would replace the input by its scores.
        if (target != null && Files.exists(target) && Files.isSameFile(input, target)) {
            throw new IllegalArgumentException(
                    "Output "
                            + target
                            + " is the input file "
                            + input
                            + ": scoring would replace it; choose another --out");
        }
    }

    private static void checkSomethingScored(Path input, long rows, SkipReport skips) {
        if (rows == 0 && skips.total() > 0) {
            throw new DataException(
                    input
                            + ": all "
                            + skips.total()
                            + " data rows were bad and skipped "
                            + skips.counts()
                            + "; first of each: "
                            + skips.examples().values()
                            + ". Nothing scored, no output written");
        }
    }

    private static void checkTarget(Path target, boolean force) {
        if (Files.isDirectory(target)) {
            throw new IllegalStateException("Output " + target + " is a folder: give a file name");
        }
        if (Files.exists(target) && !force) {
            throw new IllegalStateException(
                    "Output " + target + " already exists: pass --force to replace it");
        }
    }

    private static long run(
            Checkpoint checkpoint, CsvBatchReader reader, Writer out, ScoreOptions options)
            throws IOException {
        int workers = options.getWorkers();
        BlockingQueue<Task> work = new ArrayBlockingQueue<>(2 * workers);
        BlockingQueue<CompletableFuture<Formatted>> ordered =
                new ArrayBlockingQueue<>(2 * workers + 2);
        List<Thread> threads = new ArrayList<>();
        Thread readerThread =
                new Thread(
                        () -> read(reader, options.getBatchSize(), workers, work, ordered),
                        "sapenet-score-reader");
        threads.add(readerThread);
        for (int w = 0; w < workers; w++) {
            threads.add(new Thread(() -> score(checkpoint, work), "sapenet-score-" + w));
        }
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
        long rows = 0;
        boolean ok = false;
        try {
            out.write(header(checkpoint.getSchema().getTasks()));
            while (true) {
                CompletableFuture<Formatted> next = ordered.take();
                if (next == END) {
                    break;
                }
                Formatted f = next.get();
                out.write(f.text);
                rows += f.rows;
            }
            ok = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while scoring", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TranslateException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            throw new IllegalStateException("Scoring failed: " + cause, cause);
        } finally {
            if (!ok) {
                for (Thread t : threads) {
                    t.interrupt();
                }
            }
            for (Thread t : threads) {
                try {
                    t.join(ok ? 0 : 10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return rows;
    }

    private static String header(List<String> tasks) {
        StringBuilder sb = new StringBuilder("row,scenario");
        for (String task : tasks) {
            sb.append(",p_").append(task);
        }
        return sb.append('\n').toString();
    }

    private static void read(
            CsvBatchReader reader,
            int batchSize,
            int workers,
            BlockingQueue<Task> work,
            BlockingQueue<CompletableFuture<Formatted>> ordered) {
        try {
            try {
                InputChunk chunk;
                while ((chunk = reader.next(batchSize)) != null) {
                    CompletableFuture<Formatted> future = new CompletableFuture<>();
                    ordered.put(future);
                    work.put(new Task(chunk, future));
                }
            } catch (IOException | RuntimeException e) {
                CompletableFuture<Formatted> failed = new CompletableFuture<>();
                failed.completeExceptionally(e);
                ordered.put(failed);
            }
            ordered.put(END);
            for (int w = 0; w < workers; w++) {
                work.put(POISON);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void score(Checkpoint checkpoint, BlockingQueue<Task> work) {
        try (Predictor<ScoringBatch, Scores> predictor = checkpoint.newPredictor()) {
            while (true) {
                Task task = work.take();
                if (task == POISON) {
                    return;
                }
                try {
                    Scores scores = predictor.predict(task.chunk.batch());
                    task.future.complete(format(task.chunk, scores));
                } catch (TranslateException | RuntimeException e) {
                    task.future.completeExceptionally(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Formatted format(InputChunk chunk, Scores scores) {
        int b = scores.size();
        int t = scores.getTasks().size();
        StringBuilder sb = new StringBuilder(b * (16 + 12 * t));
        for (int r = 0; r < b; r++) {
            sb.append(chunk.row(r)).append(',').append(scores.scenarioName(r));
            for (int k = 0; k < t; k++) {
                sb.append(',').append(scores.probability(r, k));
            }
            sb.append('\n');
        }
        return new Formatted(sb.toString(), b);
    }

    /** One batch and the future its formatted lines complete. */
    private static final class Task {
        final InputChunk chunk;
        final CompletableFuture<Formatted> future;

        Task(InputChunk chunk, CompletableFuture<Formatted> future) {
            this.chunk = chunk;
            this.future = future;
        }
    }

    /** The output lines of one batch. */
    private static final class Formatted {
        final String text;
        final int rows;

        Formatted(String text, int rows) {
            this.text = text;
            this.rows = rows;
        }
    }
}
