/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.PaperSetting;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.metrics.GroupMetrics;
import org.sapenet.train.report.Charts;
import org.sapenet.train.report.EpochPoint;
import org.sapenet.train.report.GridSummary;
import org.sapenet.train.report.ResultRow;
import org.sapenet.train.report.ResultsCsv;
import org.sapenet.train.report.SeesawReport;
import org.sapenet.train.run.RunMetrics;
import org.sapenet.train.state.EpochRecord;

/**
 * Writes a grid's outputs from the finished runs on disk, so that they are always consistent with
 * the runs, however often the grid was interrupted: {@code results.csv}, {@code summary.md}, {@code
 * auc-by-group.png}, one {@code curves-MODEL.png} per model and, when the grid holds a
 * multi-scenario multi-task model and a single-task baseline, the seesaw report ({@code
 * seesaw.csv}, {@code seesaw.png} and the Seesaw section of the summary; see {@link SeesawReport}).
 */
public final class GridReport {

    /** The results file. */
    public static final String RESULTS = "results.csv";

    /** The summary file. */
    public static final String SUMMARY = "summary.md";

    /** The AUC chart. */
    public static final String AUC_CHART = "auc-by-group.png";

    /** The seesaw report's chart. */
    public static final String SEESAW_CHART = "seesaw.png";

    private GridReport() {}

    /**
     * Returns the test rows of one finished run: one per (scenario, task) group and the overall
     * row.
     *
     * @param model the model name
     * @param seed the seed
     * @param metrics the run's metrics
     * @return the rows
     */
    static List<ResultRow> rows(String model, long seed, RunMetrics metrics) {
        PaperSetting setting = ModelRegistry.get(model).getSetting();
        EvaluationResult test = metrics.getTest();
        List<ResultRow> rows = new ArrayList<>();
        long positives = 0;
        for (GroupMetrics g : test.getGroups()) {
            positives += g.getPositives();
            rows.add(
                    new ResultRow(
                            model,
                            setting,
                            seed,
                            g.getScenario(),
                            g.getTask(),
                            g.getScenarioName(),
                            g.getTaskName(),
                            g.getN(),
                            g.getPositives(),
                            g.getAuc(),
                            g.getLogLoss()));
        }
        rows.add(
                new ResultRow(
                        model,
                        setting,
                        seed,
                        ResultRow.ALL,
                        ResultRow.ALL,
                        "all",
                        "all",
                        test.getLabelledPairs(),
                        positives,
                        test.getAllAuc(),
                        test.getLogLoss()));
        return rows;
    }

    /**
     * Rewrites the grid's results, summary and charts from the given finished runs.
     *
     * @param out the grid folder
     * @param title the summary's heading
     * @param runs model -> seed -> metrics of the finished runs, in grid order
     * @return the files written
     * @throws IOException when writing fails
     */
    public static List<Path> write(
            Path out, String title, Map<String, TreeMap<Long, RunMetrics>> runs)
            throws IOException {
        List<ResultRow> rows = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Long, RunMetrics>> model : runs.entrySet()) {
            for (Map.Entry<Long, RunMetrics> run : model.getValue().entrySet()) {
                rows.addAll(rows(model.getKey(), run.getKey(), run.getValue()));
            }
        }
        List<Path> written = new ArrayList<>();
        Path results = out.resolve(RESULTS);
        ResultsCsv.write(results, rows);
        written.add(results);
        if (rows.isEmpty()) {
            return written;
        }
        GridSummary summary = GridSummary.of(rows);
        SeesawReport seesaw = SeesawReport.of(summary);
        Path markdown = out.resolve(SUMMARY);
        AtomicFiles.writeString(markdown, summary.toMarkdown(title) + seesaw.toMarkdown());
        written.add(markdown);
        Path auc = out.resolve(AUC_CHART);
        Charts.aucByGroup(summary, auc);
        written.add(auc);
        Path seesawCsv = out.resolve(SeesawReport.CSV);
        Path seesawChart = out.resolve(SEESAW_CHART);
        if (seesaw.isAvailable()) {
            seesaw.writeCsv(seesawCsv);
            Charts.seesaw(seesaw, seesawChart);
            written.add(seesawCsv);
            written.add(seesawChart);
        } else {
            // A report of an earlier run of this grid folder would contradict results.csv.
            Files.deleteIfExists(seesawCsv);
            Files.deleteIfExists(seesawChart);
        }
        for (Map.Entry<String, TreeMap<Long, RunMetrics>> model : runs.entrySet()) {
            Map<Long, List<EpochPoint>> curves = new LinkedHashMap<>();
            for (Map.Entry<Long, RunMetrics> run : model.getValue().entrySet()) {
                List<EpochPoint> points = new ArrayList<>();
                for (EpochRecord epoch : run.getValue().getHistory()) {
                    points.add(
                            new EpochPoint(
                                    epoch.getEpoch(),
                                    epoch.getTrainLoss(),
                                    epoch.getValMeanGroupAuc()));
                }
                curves.put(run.getKey(), points);
            }
            if (!curves.isEmpty()) {
                Path chart = out.resolve("curves-" + model.getKey() + ".png");
                Charts.trainingCurves(model.getKey(), curves, chart);
                written.add(chart);
            }
        }
        return written;
    }
}
