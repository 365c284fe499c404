/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.model.registry.PaperSetting;

/**
 * The grid's charts as PNG files: test AUC per group by model, the seesaw report's AUC changes, and
 * training curves.
 */
public final class Charts {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 650;

    /** Tableau's ten colours: distinct, and none too pale on white. */
    private static final Color[] PALETTE = {
        new Color(0x4E79A7),
        new Color(0xF28E2B),
        new Color(0xE15759),
        new Color(0x76B7B2),
        new Color(0x59A14F),
        new Color(0xEDC948),
        new Color(0xB07AA1),
        new Color(0xFF9DA7),
        new Color(0x9C755F),
        new Color(0xBAB0AC)
    };

    private Charts() {}

    /**
     * Draws the mean test AUC of every group and All AUC, one dot per model with an error bar of
     * one standard deviation over seeds, on an axis zoomed to the values (bars from 0 would hide
     * differences of 0.01); groups are named by their scenario and task.
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
                    dataset.add(
                            mean.doubleValue(),
                            std == null ? 0 : std,
                            model,
                            summary.label(column));
                }
            }
        }
        CategoryPlot plot =
                dotPlot(dataset, "test AUC (mean ± sd over seeds)", summary.getModels());
        JFreeChart chart =
                new JFreeChart("Test AUC by group", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        save(chart, file);
    }

    /**
     * Draws the seesaw report: per group, each MSMT model's AUC change against the reference as a
     * dot with an error bar of one standard deviation over seeds, around a zero line; one panel per
     * reference (best single-scenario single-task, best multi-scenario single-task model).
     *
     * @param report the seesaw report (available)
     * @param file the PNG to write (atomically)
     * @throws IOException when writing fails
     */
    public static void seesaw(SeesawReport report, Path file) throws IOException {
        CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(groupAxis());
        LegendItemCollection legend = null;
        for (PaperSetting reference : report.getReferences()) {
            DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
            for (SeesawReport.Change c : report.getChanges()) {
                if (c.reference() == reference) {
                    dataset.add(
                            c.change(), c.sd() == null ? 0 : c.sd(), c.model(), c.group().label());
                }
            }
            CategoryPlot panel =
                    dotPlot(dataset, "AUC change vs " + reference.label(), report.getModels());
            ValueMarker zero = new ValueMarker(0, Color.DARK_GRAY, new BasicStroke(1.5f));
            panel.addRangeMarker(zero);
            ((NumberAxis) panel.getRangeAxis()).setAutoRangeIncludesZero(true);
            plot.add(panel, 1);
            if (legend == null || panel.getLegendItems().getItemCount() > legend.getItemCount()) {
                legend = panel.getLegendItems();
            }
        }
        // A model has the same colour in every panel: one legend, of the fullest panel.
        plot.setFixedLegendItems(legend);
        JFreeChart chart =
                new JFreeChart(
                        "Seesaw: AUC change of the multi-scenario multi-task models per group",
                        JFreeChart.DEFAULT_TITLE_FONT,
                        plot,
                        true);
        chart.setBackgroundPaint(Color.WHITE);
        save(chart, file);
    }

    private static CategoryAxis groupAxis() {
        CategoryAxis groups = new CategoryAxis("(scenario, task) group");
        groups.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        groups.setMaximumCategoryLabelLines(2);
        // Wide gaps between groups keep a group's dots together.
        groups.setCategoryMargin(0.4);
        return groups;
    }

    /**
     * A plot of dots with error bars, side by side within a category, each model in the colour of
     * its place in {@code models} whatever series the dataset holds (the same model has the same
     * colour in every panel and chart).
     */
    private static CategoryPlot dotPlot(
            DefaultStatisticalCategoryDataset dataset, String label, List<String> models) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        StatisticalLineAndShapeRenderer renderer = new StatisticalLineAndShapeRenderer(false, true);
        renderer.setUseSeriesOffset(true);
        renderer.setItemMargin(0.05);
        renderer.setErrorIndicatorPaint(Color.BLACK);
        for (int series = 0; series < dataset.getRowCount(); series++) {
            int index = models.indexOf((String) dataset.getRowKey(series));
            renderer.setSeriesPaint(series, PALETTE[index % PALETTE.length]);
            renderer.setSeriesShape(series, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        CategoryPlot plot = new CategoryPlot(dataset, groupAxis(), axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
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
