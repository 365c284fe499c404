/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.model.registry.PaperSetting;

class SeesawReportTest {

    private static final PaperSetting SS_ST = PaperSetting.SINGLE_SCENARIO_SINGLE_TASK;
    private static final PaperSetting MS_ST = PaperSetting.MULTI_SCENARIO_SINGLE_TASK;
    private static final PaperSetting MSMT = PaperSetting.MULTI_SCENARIO_MULTI_TASK;

    private static final GroupColumn SEARCH_CLICK = new GroupColumn(0, 0, "search", "click");
    private static final GroupColumn SEARCH_LIKE = new GroupColumn(0, 1, "search", "like");
    private static final GroupColumn REC_CLICK = new GroupColumn(1, 0, "rec", "click");

    @TempDir Path dir;

    /**
     * Adds a model's rows over seeds 1, 2, 3: its AUC in search/click, search/like and rec/click
     * (null: the group has no AUC), and the overall row.
     */
    private static void add(
            List<ResultRow> rows,
            String model,
            PaperSetting setting,
            double[] searchClick,
            double[] searchLike,
            double[] recClick) {
        for (int i = 0; i < 3; i++) {
            long seed = i + 1;
            Double[] aucs = {searchClick[i], searchLike[i], recClick == null ? null : recClick[i]};
            GroupColumn[] groups = {SEARCH_CLICK, SEARCH_LIKE, REC_CLICK};
            for (int g = 0; g < 3; g++) {
                rows.add(
                        new ResultRow(
                                model,
                                setting,
                                seed,
                                groups[g].scenario(),
                                groups[g].task(),
                                groups[g].scenarioName(),
                                groups[g].taskName(),
                                100,
                                10,
                                aucs[g],
                                0.3));
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
                            300,
                            30,
                            0.7,
                            0.3));
        }
    }

    /**
     * A grid whose changes are known by hand. Against single-task: sapenet +0.03 (differences 0.03,
     * 0.04, 0.02), -0.01 (-0.01, -0.02, 0), +0.03 (0.03 each seed); m3oe -0.01 (each seed), +0.02
     * (0.01, 0.02, 0.03), n/a. Best multi-scenario single-task: star in search/click and rec/click,
     * sarnet in search/like.
     */
    private static List<ResultRow> handMadeRows() {
        List<ResultRow> rows = new ArrayList<>();
        add(
                rows,
                "sapenet",
                MSMT,
                new double[] {0.73, 0.75, 0.74},
                new double[] {0.79, 0.78, 0.80},
                new double[] {0.63, 0.64, 0.65});
        add(
                rows,
                "single-task",
                SS_ST,
                new double[] {0.70, 0.71, 0.72},
                new double[] {0.80, 0.80, 0.80},
                new double[] {0.60, 0.61, 0.62});
        add(
                rows,
                "star",
                MS_ST,
                new double[] {0.72, 0.72, 0.72},
                new double[] {0.78, 0.78, 0.78},
                new double[] {0.65, 0.65, 0.65});
        add(
                rows,
                "sarnet",
                MS_ST,
                new double[] {0.71, 0.71, 0.71},
                new double[] {0.785, 0.785, 0.785},
                new double[] {0.64, 0.64, 0.64});
        add(
                rows,
                "m3oe",
                MSMT,
                new double[] {0.69, 0.70, 0.71},
                new double[] {0.81, 0.82, 0.83},
                null);
        return rows;
    }

    /** The closed-form two-sided p of Student's t with 2 degrees of freedom. */
    private static double pOfT2(double t) {
        return 1 - Math.abs(t) / Math.sqrt(t * t + 2);
    }

    @Test
    void changesAgainstBothReferencesMatchHandComputedValues() {
        SeesawReport report = SeesawReport.of(GridSummary.of(handMadeRows()));
        assertTrue(report.isAvailable());
        assertNull(report.unavailableReason());
        assertEquals(List.of("m3oe", "sapenet"), report.getModels());
        assertEquals(List.of(SS_ST, MS_ST), report.getReferences());
        // 3 groups x sapenet + 2 groups x m3oe (no AUC in rec/click), against both references.
        assertEquals(10, report.getChanges().size());

        SeesawReport.Change c = report.change("sapenet", SS_ST, SEARCH_CLICK);
        assertEquals("single-task", c.baseline());
        assertEquals(3, c.seeds());
        assertEquals(0.74, c.modelAuc(), 1e-12);
        assertEquals(0.71, c.baselineAuc(), 1e-12);
        assertEquals(0.03, c.change(), 1e-12);
        assertEquals(0.01, c.sd(), 1e-12);
        // t = 0.03 / (0.01 / sqrt 3) = 3 sqrt 3.
        assertEquals(pOfT2(3 * Math.sqrt(3)), c.pValue(), 1e-9);
        assertTrue(c.isSignificant());

        c = report.change("sapenet", MS_ST, SEARCH_CLICK);
        assertEquals("star", c.baseline());
        assertEquals(0.02, c.change(), 1e-12);
        assertEquals(pOfT2(2 * Math.sqrt(3)), c.pValue(), 1e-9);
        assertFalse(c.isSignificant());

        c = report.change("sapenet", MS_ST, SEARCH_LIKE);
        assertEquals("sarnet", c.baseline());
        assertEquals(0.005, c.change(), 1e-12);

        c = report.change("m3oe", SS_ST, SEARCH_CLICK);
        assertEquals(-0.01, c.change(), 1e-12);
        assertEquals(0, c.sd(), 1e-12);
        assertTrue(c.isSignificant(), "the same loss on every seed");
        assertNull(report.change("m3oe", SS_ST, REC_CLICK), "m3oe has no AUC there");
    }

    @Test
    void perModelCountsWorstLossAndIndex() {
        SeesawReport report = SeesawReport.of(GridSummary.of(handMadeRows()));
        SeesawReport.ModelSeesaw s = report.seesaw("sapenet", SS_ST);
        assertEquals(3, s.groups());
        assertEquals(2, s.gaining());
        assertEquals(2, s.gainingSignificant());
        assertEquals(1, s.losing());
        assertEquals(0, s.losingSignificant());
        assertEquals((0.03 - 0.01 + 0.03) / 3, s.meanChange(), 1e-12);
        assertEquals(SEARCH_LIKE, s.worst().group());
        assertEquals(-0.01, s.worst().change(), 1e-12);
        assertEquals(0.01 / 3, s.index(), 1e-12);

        s = report.seesaw("sapenet", MS_ST);
        assertEquals(2, s.gaining());
        assertEquals(1, s.losing());
        assertEquals(REC_CLICK, s.worst().group());
        assertEquals(0.01 / 3, s.index(), 1e-12);

        s = report.seesaw("m3oe", SS_ST);
        assertEquals(2, s.groups());
        assertEquals(1, s.losingSignificant());
        assertEquals(0.005, s.meanChange(), 1e-12);
        assertEquals(0.01 / 2, s.index(), 1e-12);
    }

    @Test
    void markdownCsvAndChart() throws IOException {
        SeesawReport report = SeesawReport.of(GridSummary.of(handMadeRows()));
        String md = report.toMarkdown();
        assertTrue(md.startsWith("\n## Seesaw\n"), md);
        assertTrue(
                md.contains(
                        "| sapenet | single-scenario single-task | 3 | 2 (2) | 1 (0) | +0.0167 |"
                                + " -0.0100 (search / like) | 0.0033 |"),
                md);
        assertTrue(
                md.contains(
                        "| d0,t0 search / click | single-task 0.7100 | -0.0100 ± 0.0000\\* |"
                                + " +0.0300 ± 0.0100\\* |"),
                md);
        assertTrue(md.contains("| d1,t0 rec / click | star 0.6500 | n/a | -0.0100 ± 0.0100 |"), md);

        Path csv = dir.resolve(SeesawReport.CSV);
        report.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(SeesawReport.HEADER, lines.get(0));
        assertEquals(11, lines.size());
        String[] first = lines.get(1).split(",", -1);
        assertEquals(13, first.length);
        assertEquals(
                List.of(
                        "m3oe",
                        "SINGLE_SCENARIO_SINGLE_TASK",
                        "single-task",
                        "0",
                        "0",
                        "search",
                        "click",
                        "3"),
                Arrays.asList(first).subList(0, 8));
        assertEquals(-0.01, Double.parseDouble(first[10]), 1e-12);

        Path png = dir.resolve("seesaw.png");
        Charts.seesaw(report, png);
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 10_000, "only " + bytes.length + " bytes");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4));
    }

    @Test
    void aGridWithoutBaselineOrMsmtModelSaysWhatTheReportNeeds() {
        List<ResultRow> rows = new ArrayList<>();
        for (ResultRow row : handMadeRows()) {
            if (row.setting() == MSMT) {
                rows.add(row);
            }
        }
        SeesawReport report = SeesawReport.of(GridSummary.of(rows));
        assertFalse(report.isAvailable());
        assertTrue(report.getChanges().isEmpty());
        assertTrue(report.unavailableReason().contains("needs a single-task baseline"));
        assertTrue(report.toMarkdown().contains("add single-task"), report.toMarkdown());

        rows.clear();
        for (ResultRow row : handMadeRows()) {
            if (row.setting() != MSMT) {
                rows.add(row);
            }
        }
        report = SeesawReport.of(GridSummary.of(rows));
        assertFalse(report.isAvailable());
        assertTrue(report.unavailableReason().contains("needs a multi-scenario multi-task model"));
    }
}
