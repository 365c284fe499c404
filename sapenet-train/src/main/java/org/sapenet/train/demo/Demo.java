/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.demo;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sapenet.data.synth.OracleReport;
import org.sapenet.data.synth.SyntheticAliccp;
import org.sapenet.data.synth.SyntheticProfile;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.checkpoint.Checkpoint;
import org.sapenet.serve.translate.Scores;
import org.sapenet.serve.translate.ScoringRows;
import org.sapenet.train.console.MetricsTable;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.metrics.GroupMetrics;
import org.sapenet.train.options.TrainingOptions;
import org.sapenet.train.run.RunMetrics;
import org.sapenet.train.run.TrainingRun;

/**
 * The first five minutes: synthesise AliCCP-format data with known truth, prepare it, train SAPENet
 * and a few baselines, compare their test AUC per (scenario, task) with the oracle AUC (the AUC of
 * the true probabilities), save checkpoints, score a handful of raw rows with the SAPENet
 * checkpoint, and list every path written.
 */
public final class Demo {

    /** The baselines trained beside SAPENet when no list is given: the registered ones of these. */
    public static final List<String> PREFERRED_BASELINES =
            List.of("m3oe", "star", "single-task", "ple", "mmoe");

    /** The test rows scored at the end. */
    private static final int SCORED_ROWS = 5;

    private final Path out;
    private final long rows;
    private final SyntheticProfile profile;
    private final int epochs;
    private final int batchSize;
    private final float learningRate;
    private final List<String> models;
    private final long seed;
    private final PrintStream console;

    /**
     * Creates a demo.
     *
     * @param out the output folder (must not exist or be empty)
     * @param rows the synthetic rows (split 2:1:1)
     * @param profile the synthetic data's scenario mix and label rates
     * @param epochs epochs per model
     * @param batchSize the training batch size
     * @param learningRate Adam's learning rate
     * @param models the models to train, SAPENet first; empty for the default
     * @param seed the seed of the data and of training
     * @param console where the tables go
     */
    public Demo(
            Path out,
            long rows,
            SyntheticProfile profile,
            int epochs,
            int batchSize,
            float learningRate,
            List<String> models,
            long seed,
            PrintStream console) {
        this.out = out;
        this.rows = rows;
        this.profile = profile;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.models = models == null || models.isEmpty() ? defaultModels() : List.copyOf(models);
        this.seed = seed;
        this.console = console;
        for (String model : this.models) {
            ModelRegistry.get(model);
        }
    }

    /**
     * Returns SAPENet and up to two registered baselines from {@link #PREFERRED_BASELINES}.
     *
     * @return the model names
     */
    public static List<String> defaultModels() {
        List<String> names = new ArrayList<>();
        names.add("sapenet");
        for (String name : PREFERRED_BASELINES) {
            if (names.size() == 3) {
                break;
            }
            try {
                ModelRegistry.get(name);
                names.add(name);
            } catch (IllegalArgumentException e) {
                // not registered in this build
            }
        }
        return names;
    }

    /** What the demo produced. */
    public static final class Result {
        private final OracleReport oracle;
        private final Map<String, RunMetrics> runs;
        private final List<Path> written;

        Result(OracleReport oracle, Map<String, RunMetrics> runs, List<Path> written) {
            this.oracle = oracle;
            this.runs = runs;
            this.written = written;
        }

        /**
         * Returns the oracle AUCs.
         *
         * @return the report
         */
        public OracleReport oracle() {
            return oracle;
        }

        /**
         * Returns each model's run metrics.
         *
         * @return model name to metrics, in training order
         */
        public Map<String, RunMetrics> runs() {
            return runs;
        }

        /**
         * Returns the paths written.
         *
         * @return the paths
         */
        public List<Path> written() {
            return written;
        }
    }

    /**
     * Runs the demo.
     *
     * @return what it produced
     * @throws IOException when writing fails
     * @throws TranslateException when scoring fails
     */
    public Result run() throws IOException, TranslateException {
        if (Files.exists(out)) {
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(
                            "The demo folder "
                                    + out
                                    + " already exists and is not empty: choose another --out"
                                    + " or remove it");
                }
            }
        }
        long start = System.nanoTime();
        List<Path> written = new ArrayList<>();
        console.printf(
                Locale.ROOT,
                "1/4 synthesising %,d AliCCP-format rows with known truth (profile %s) and"
                        + " preparing a store%n",
                rows,
                profile.cliName());
        SyntheticStore data = SyntheticStore.create(out, rows, seed, profile);
        written.add(data.csvDir());
        written.add(data.storeDir());
        Map<String, RunMetrics> runs = new LinkedHashMap<>();
        for (String model : models) {
            console.printf(Locale.ROOT, "2/4 training %s (%d epochs)%n", model, epochs);
            Path run = out.resolve("runs").resolve(model);
            RunMetrics metrics =
                    TrainingRun.builder()
                            .setStore(data.storeDir())
                            .setModel(model)
                            .setOut(run)
                            .optOptions(
                                    TrainingOptions.builder()
                                            .optEpochs(epochs)
                                            .optBatchSize(batchSize)
                                            .optLearningRate(learningRate)
                                            .optSeed(seed))
                            .build()
                            .run();
            runs.put(model, metrics);
            written.add(run.resolve("model"));
            written.add(run.resolve("metrics.json"));
            written.add(run.resolve("resume"));
        }
        console.println();
        console.println(
                "3/4 test AUC per (scenario, task); oracle = AUC of the true probabilities");
        String table = table(data.oracle(), runs);
        console.print(table);
        Path tableFile = out.resolve("results.txt");
        Files.writeString(tableFile, table, StandardCharsets.UTF_8);
        written.add(tableFile);
        console.println();
        String first = models.get(0);
        Path checkpoint = out.resolve("runs").resolve(first).resolve("model");
        console.printf(
                Locale.ROOT,
                "4/4 scoring %d raw test rows with the %s checkpoint %s%n",
                SCORED_ROWS,
                first,
                checkpoint);
        console.print(score(checkpoint, data.csvDir()));
        console.println();
        console.println("wrote:");
        for (Path p : written) {
            console.println("  " + p);
        }
        console.printf(Locale.ROOT, "demo finished in %.0f s%n", (System.nanoTime() - start) / 1e9);
        return new Result(data.oracle(), runs, written);
    }

    /**
     * Formats the comparison table: one row per (scenario, task), then the mean of those rows, each
     * model's share of the oracle's lift over 0.5, and the pooled All AUC; one column per model and
     * the oracle.
     *
     * <p>The share of the oracle lift is (mean group AUC - 0.5) / (oracle's mean group AUC - 0.5),
     * both means over the (scenario, task) rows where the oracle and the model have an AUC: 100% is
     * the true probabilities' ranking, 0% a coin.
     *
     * @param oracle the oracle AUCs
     * @param runs the runs
     * @return the table
     */
    static String table(OracleReport oracle, Map<String, RunMetrics> runs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-10s %-12s %9s", "scenario", "task", "rows"));
        for (String model : runs.keySet()) {
            out.append(String.format(Locale.ROOT, " %12s", shorten(model)));
        }
        out.append(String.format(Locale.ROOT, " %8s%n", "oracle"));
        EvaluationResult any = runs.values().iterator().next().getTest();
        double[] modelSums = new double[runs.size()];
        double oracleSum = 0;
        int rows = 0;
        for (GroupMetrics g : any.getGroups()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "%-10s %-12s %9d",
                            g.getScenarioName(),
                            g.getTaskName(),
                            g.getN()));
            double best = oracle.auc(2, g.getScenario(), g.getTask());
            boolean counted = !Double.isNaN(best);
            Double[] aucs = new Double[runs.size()];
            int m = 0;
            for (RunMetrics run : runs.values()) {
                Double auc = run.getTest().group(g.getScenario(), g.getTask()).getAuc();
                out.append(String.format(Locale.ROOT, " %12s", MetricsTable.number(auc, 4)));
                counted &= auc != null;
                aucs[m++] = auc;
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            " %8s%n",
                            MetricsTable.number(Double.isNaN(best) ? null : best, 4)));
            if (counted) {
                for (int i = 0; i < aucs.length; i++) {
                    modelSums[i] += aucs[i];
                }
                oracleSum += best;
                rows++;
            }
        }
        if (rows > 0) {
            double oracleMean = oracleSum / rows;
            out.append(String.format(Locale.ROOT, "%-23s %9s", "mean of the rows above", ""));
            for (double sum : modelSums) {
                out.append(String.format(Locale.ROOT, " %12.4f", sum / rows));
            }
            out.append(String.format(Locale.ROOT, " %8.4f%n", oracleMean));
            out.append(String.format(Locale.ROOT, "%-23s %9s", "share of oracle lift", ""));
            for (double sum : modelSums) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                " %11.0f%%",
                                100 * (sum / rows - 0.5) / (oracleMean - 0.5)));
            }
            out.append(String.format(Locale.ROOT, " %7.0f%%%n", 100.0));
        }
        out.append(String.format(Locale.ROOT, "%-23s %9s", "All AUC (pooled)", ""));
        for (RunMetrics run : runs.values()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            " %12s",
                            MetricsTable.number(run.getTest().getAllAuc(), 4)));
        }
        double sum = 0;
        int count = 0;
        for (int t = 0; t < any.getTaskAuc().size(); t++) {
            double auc = oracle.overallAuc(2, t);
            if (!Double.isNaN(auc)) {
                sum += auc;
                count++;
            }
        }
        out.append(
                String.format(
                        Locale.ROOT,
                        " %8s%n",
                        MetricsTable.number(count == 0 ? null : sum / count, 4)));
        return out.toString();
    }

    private static String shorten(String model) {
        return model.length() <= 12 ? model : model.substring(0, 12);
    }

    private static String score(Path checkpoint, Path csvDir)
            throws IOException, TranslateException {
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> truth = new ArrayList<>();
        try (BufferedReader data =
                        Files.newBufferedReader(
                                csvDir.resolve(SyntheticAliccp.dataFile("test")),
                                StandardCharsets.UTF_8);
                BufferedReader probabilities =
                        Files.newBufferedReader(
                                csvDir.resolve(SyntheticAliccp.truthFile("test")),
                                StandardCharsets.UTF_8)) {
            String[] header = data.readLine().split(",", -1);
            probabilities.readLine();
            for (int i = 0; i < SCORED_ROWS; i++) {
                String line = data.readLine();
                if (line == null) {
                    break;
                }
                String[] values = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < header.length && c < values.length; c++) {
                    row.put(header[c], values[c]);
                }
                rows.add(row);
                truth.add(probabilities.readLine());
            }
        }
        StringBuilder out = new StringBuilder();
        try (Checkpoint loaded = Checkpoint.load(checkpoint, Engines.device());
                Predictor<ScoringRows, Scores> predictor = loaded.newRowsPredictor()) {
            Scores scores = predictor.predict(ScoringRows.of(rows));
            List<String> tasks = scores.getTasks();
            out.append(String.format(Locale.ROOT, "  %-4s %-9s", "row", "scenario"));
            for (String task : tasks) {
                out.append(String.format(Locale.ROOT, " %12s %12s", "p_" + task, "true"));
            }
            out.append('\n');
            for (int r = 0; r < scores.size(); r++) {
                out.append(String.format(Locale.ROOT, "  %-4d %-9s", r, scores.scenarioName(r)));
                String[] real = truth.get(r).split(",");
                for (int t = 0; t < tasks.size(); t++) {
                    out.append(
                            String.format(
                                    Locale.ROOT,
                                    " %12.5f %12s",
                                    scores.probability(r, t),
                                    t < real.length ? real[t] : "?"));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
