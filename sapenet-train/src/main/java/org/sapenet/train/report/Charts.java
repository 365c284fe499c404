/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sapenet.train.io.AtomicFiles;

/** The grid's charts as PNG files: test AUC per group by model, and training curves. */
public final class Charts {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 650;

    private Charts() {}

    /**
     * Draws the mean test AUC of every group and All AUC, one bar per model, with error bars of one
     * standard deviation over seeds.
     *
     * @param summary the grid summary
     * @param file the PNG to write (atomically)
     * @throws IOException when writing fails
     */
    public static void aucByGroup(GridSummary summary, Path file) throws IOException {
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        for (String model : summary.getModels()) {
            for (String column : summary.getColumns()) {
                if (GridSummary.LOG_LOSS.equals(column)) {
                    continue;
                }
                Double mean = summary.mean(model, column);
                if (mean != null) {
                    Double std = summary.std(model, column);
                    dataset.add(mean.doubleValue(), std == null ? 0 : std, model, column);
                }
            }
        }
        CategoryAxis groups = new CategoryAxis("(scenario, task) group");
        groups.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        NumberAxis auc = new NumberAxis("test AUC (mean ± sd over seeds)");
        auc.setAutoRangeIncludesZero(false);
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setErrorIndicatorPaint(Color.BLACK);
        CategoryPlot plot = new CategoryPlot(dataset, groups, auc, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart =
                new JFreeChart("Test AUC by group", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        save(chart, file);
    }

    /**
     * Draws one model's training curves: the training loss and the validation mean group AUC per
     * epoch, one line per seed.
     *
     * @param model the model name
     * @param curves seed -> epochs
     * @param file the PNG to write (atomically)
     * @throws IOException when writing fails
     */
    public static void trainingCurves(String model, Map<Long, List<EpochPoint>> curves, Path file)
            throws IOException {
        XYSeriesCollection losses = new XYSeriesCollection();
        XYSeriesCollection aucs = new XYSeriesCollection();
        for (Map.Entry<Long, List<EpochPoint>> run : curves.entrySet()) {
            XYSeries loss = new XYSeries("seed " + run.getKey() + " loss");
            XYSeries auc = new XYSeries("seed " + run.getKey() + " val AUC");
            for (EpochPoint point : run.getValue()) {
                loss.add(point.epoch(), point.trainLoss());
                if (point.validationAuc() != null) {
                    auc.add(point.epoch(), point.validationAuc().doubleValue());
                }
            }
            losses.addSeries(loss);
            aucs.addSeries(auc);
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.add(xyPlot(losses, "training loss"), 1);
        plot.add(xyPlot(aucs, "validation mean group AUC"), 1);
        JFreeChart chart =
                new JFreeChart(
                        "Training curves: " + model, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        save(chart, file);
    }

    private static XYPlot xyPlot(XYSeriesCollection data, String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, null, axis, new XYLineAndShapeRenderer(true, true));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static void save(JFreeChart chart, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        AtomicFiles.replace(
                file, temp -> ChartUtils.saveChartAsPNG(temp.toFile(), chart, WIDTH, HEIGHT));
    }
}
