/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.model.registry.PaperSetting;

class GridSummaryTest {

    @TempDir Path dir;

    /** Adds a model's rows: per seed, groups d0,t0 and d0,t1, then the overall row. */
    private static void add(
            List<ResultRow> rows,
            String model,
            PaperSetting setting,
            double[] t0,
            double[] t1,
            double[] logLoss) {
        for (int i = 0; i < 3; i++) {
            long seed = i + 1;
            rows.add(
                    new ResultRow(
                            model, setting, seed, 0, 0, "main, big", "click", 100, 10, t0[i], 0.3));
            rows.add(
                    new ResultRow(
                            model, setting, seed, 0, 1, "main, big", "buy", 100, 3, t1[i], 0.1));
            rows.add(
                    new ResultRow(
                            model,
                            setting,
                            seed,
                            ResultRow.ALL,
                            ResultRow.ALL,
                            "all",
                            "all",
                            200,
                            13,
                            (t0[i] + t1[i]) / 2,
                            logLoss[i]));
        }
    }

    /** A hand-made grid whose marks are known. */
    private List<ResultRow> handMadeRows() {
        List<ResultRow> rows = new ArrayList<>();
        // Listed out of table order on purpose.
        add(
                rows,
                "sapenet",
                PaperSetting.MULTI_SCENARIO_MULTI_TASK,
                new double[] {0.70, 0.71, 0.72},
                new double[] {0.79, 0.82, 0.78},
                new double[] {0.30, 0.31, 0.29});
        add(
                rows,
                "star",
                PaperSetting.MULTI_SCENARIO_SINGLE_TASK,
                new double[] {0.60, 0.61, 0.62},
                new double[] {0.50, 0.50, 0.50},
                new double[] {0.25, 0.25, 0.25});
        add(
                rows,
                "mmoe",
                PaperSetting.SINGLE_SCENARIO_MULTI_TASK,
                new double[] {0.65, 0.655, 0.66},
                new double[] {0.80, 0.81, 0.79},
                new double[] {0.35, 0.36, 0.34});
        add(
                rows,
                "sapenet-no-ple",
                PaperSetting.MULTI_SCENARIO_MULTI_TASK,
                new double[] {0.62, 0.63, 0.64},
                new double[] {0.70, 0.70, 0.70},
                new double[] {0.40, 0.40, 0.40});
        // A group with one class: no AUC.
        rows.add(
                new ResultRow(
                        "mmoe",
                        PaperSetting.SINGLE_SCENARIO_MULTI_TASK,
                        1,
                        1,
                        0,
                        "tiny",
                        "click",
                        5,
                        0,
                        null,
                        0.2));
        return rows;
    }

    @Test
    void resultsCsvRoundTripsIncludingQuotesAndMissingAuc() throws IOException {
        List<ResultRow> rows = handMadeRows();
        Path file = dir.resolve("results.csv");
        ResultsCsv.write(file, rows);
        assertEquals(rows, ResultsCsv.read(file));
        List<String> lines = Files.readAllLines(file);
        assertEquals(ResultsCsv.HEADER, lines.get(0));
        assertTrue(lines.get(1).contains("\"main, big\""), lines.get(1));
        assertTrue(lines.get(lines.size() - 1).endsWith(",1,0,tiny,click,5,0,,0.2"));
    }

    @Test
    void tableOrderMeansMarksAndSignificance() {
        GridSummary summary = GridSummary.of(handMadeRows());
        assertEquals(List.of("mmoe", "star", "sapenet", "sapenet-no-ple"), summary.getModels());
        assertEquals(
                List.of("d0,t0", "d0,t1", "d1,t0", "All AUC", "LogLoss"), summary.getColumns());
        assertEquals("main, big / click", summary.label("d0,t0"));
        assertEquals("tiny / click", summary.label("d1,t0"));
        assertEquals("All AUC", summary.label("All AUC"));
        assertEquals(0.71, summary.mean("sapenet", "d0,t0"), 1e-12);
        assertEquals(0.01, summary.std("sapenet", "d0,t0"), 1e-12);

        // d0,t0: differences to mmoe 0.05, 0.055, 0.06: t = 19.05 with 2 df, p = 0.0027.
        assertEquals("mmoe", summary.bestBaseline("d0,t0"));
        assertEquals(0.00274, summary.pValueAgainstBestBaseline("sapenet", "d0,t0"), 1e-4);
        assertTrue(summary.isSignificantlyBetter("sapenet", "d0,t0"));
        // Significantly WORSE than the best baseline: no mark.
        assertTrue(summary.pValueAgainstBestBaseline("sapenet-no-ple", "d0,t0") < 0.05);
        assertFalse(summary.isSignificantlyBetter("sapenet-no-ple", "d0,t0"));
        // d0,t1: mmoe best, sapenet second and not significant.
        assertFalse(summary.isSignificantlyBetter("sapenet", "d0,t1"));
        // LogLoss: lower is better, star best.
        assertEquals("star", summary.bestBaseline("LogLoss"));

        String md = summary.toMarkdown("Test");
        assertTrue(
                md.contains(
                        "Groups: d0,t0 = main, big / click; d0,t1 = main, big / buy;"
                                + " d1,t0 = tiny / click.\n"),
                md);
        assertTrue(
                md.contains(
                        "| multi-scenario multi-task | sapenet | **0.7100**\\* | <u>0.7967</u> | n/a |"),
                md);
        assertTrue(
                md.contains(
                        "| single-scenario multi-task | mmoe | <u>0.6550</u> | **0.8000** | n/a |"),
                md);
        // LogLoss column: star 0.25 bold, sapenet 0.30 underlined.
        assertTrue(md.contains("| star | 0.6100 | 0.5000 | n/a | 0.5550 | **0.2500** |"), md);
        assertTrue(md.contains("| <u>0.3000</u> |"), md);
        // Standard deviations.
        assertTrue(md.contains("| sapenet | 0.0100 | 0.0208 | n/a |"), md);
        // The ablation table ranks within the variants.
        String ablation = md.substring(md.indexOf("## Ablation"));
        assertTrue(ablation.contains("| sapenet | **0.7100**\\* |"), ablation);
        assertTrue(ablation.contains("| sapenet-no-ple | <u>0.6300</u> |"), ablation);
        assertFalse(ablation.contains("| mmoe |"), ablation);
    }

    @Test
    void chartsArePngFiles() throws IOException {
        GridSummary summary = GridSummary.of(handMadeRows());
        Path bars = dir.resolve("auc.png");
        Charts.aucByGroup(summary, bars);
        Path curves = dir.resolve("curves.png");
        Charts.trainingCurves(
                "sapenet",
                Map.of(
                        1L,
                        List.of(new EpochPoint(1, 0.5, 0.6), new EpochPoint(2, 0.4, 0.65)),
                        2L,
                        List.of(new EpochPoint(1, 0.52, null), new EpochPoint(2, 0.41, 0.64))),
                curves);
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G'};
        for (Path png : List.of(bars, curves)) {
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 10_000, png + " is only " + bytes.length + " bytes");
            assertArrayEquals(magic, Arrays.copyOf(bytes, 4));
        }
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")), "no temp files left");
        }
    }
}
