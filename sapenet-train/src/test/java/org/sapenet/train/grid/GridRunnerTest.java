/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.source.aliccp.AliccpPreparer;
import org.sapenet.data.synth.SyntheticAliccp;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.PaperSetting;
import org.sapenet.train.options.DatasetPreset;
import org.sapenet.train.options.EarlyStopping;
import org.sapenet.train.options.TrainingOptions;
import org.sapenet.train.report.ResultRow;
import org.sapenet.train.report.ResultsCsv;
import org.sapenet.train.report.SeesawReport;
import org.sapenet.train.run.TrainingRun;

class GridRunnerTest {

    @TempDir static Path dir;
    static Path store;

    @BeforeAll
    static void prepareStore() throws IOException {
        SyntheticAliccp.write(dir.resolve("csv"), 2000, 5);
        store = dir.resolve("store");
        AliccpPreparer.builder().setInput(dir.resolve("csv")).setOutput(store).build().prepare();
    }

    private static GridRunner grid(Path out, List<String> models, List<Long> seeds) {
        GridConfig.Train train = new GridConfig.Train();
        train.override(1, 512, 0.01f, null, null, 5, "mean-group-auc");
        return GridRunner.builder()
                .setStore(store)
                .setOut(out)
                .setModels(models)
                .setSeeds(seeds)
                .optTrain(train)
                .optProgress(false)
                .build();
    }

    @Test
    void smallGridWritesTablesAndChartsAndRestartsWhereItStopped() throws IOException {
        Path out = dir.resolve("grid");
        List<String> models = List.of("single-task", "sapenet");
        List<Long> seeds = List.of(1L, 2L);

        // A grid stopped after its first run ...
        GridRunner.Outcome first = grid(out, List.of("single-task"), List.of(1L)).run();
        assertEquals(1, first.getTrained());
        Path firstMetrics = GridRunner.runFolder(out, "single-task", 1).resolve("metrics.json");
        FileTime firstWritten = Files.getLastModifiedTime(firstMetrics);
        TrainingOptions used = TrainingRun.readMetrics(firstMetrics).getOptions();
        assertEquals(EarlyStopping.MEAN_GROUP_AUC, used.getEarlyStopping(), "the grid's criterion");
        assertEquals(5, used.getWarmupSteps());

        // ... restarted runs only the missing ones.
        GridRunner.Outcome rest = grid(out, models, seeds).run();
        assertEquals(3, rest.getTrained());
        assertEquals(1, rest.getSkipped());
        assertEquals(firstWritten, Files.getLastModifiedTime(firstMetrics), "finished run kept");

        // Again: nothing left to do.
        GridRunner.Outcome again = grid(out, models, seeds).run();
        assertEquals(0, again.getTrained());
        assertEquals(4, again.getSkipped());

        List<ResultRow> rows = ResultsCsv.read(out.resolve(GridReport.RESULTS));
        // 2 models x 2 seeds x (3 scenarios x 2 tasks + the overall row).
        assertEquals(2 * 2 * 7, rows.size());
        for (ResultRow row : rows) {
            assertTrue(row.n() > 0, row.toString());
            if (row.auc() != null) {
                assertTrue(row.auc() >= 0 && row.auc() <= 1, row.toString());
            }
            assertTrue(row.logLoss() > 0 && Double.isFinite(row.logLoss()), row.toString());
        }
        String summary = Files.readString(out.resolve(GridReport.SUMMARY));
        assertTrue(summary.contains("| single-scenario single-task | single-task |"), summary);
        assertTrue(summary.contains("| multi-scenario multi-task | sapenet |"), summary);
        assertTrue(summary.contains("## Standard deviation over seeds"), summary);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        for (String chart :
                List.of(
                        "auc-by-group.png",
                        "curves-single-task.png",
                        "curves-sapenet.png",
                        GridReport.SEESAW_CHART)) {
            byte[] bytes = Files.readAllBytes(out.resolve(chart));
            assertArrayEquals(png, java.util.Arrays.copyOf(bytes, 4), chart);
        }
        assertSeesawIsTheDifferenceOfResults(rows, out.resolve(SeesawReport.CSV));
        assertTrue(summary.contains("## Seesaw"), summary);
        assertTrue(summary.contains("| sapenet | single-scenario single-task |"), summary);

        // The same folder as a grid of sapenet alone (nothing to train): no baseline, so the
        // summary says what the seesaw report needs and the earlier report is gone.
        GridRunner.Outcome alone = grid(out, List.of("sapenet"), seeds).run();
        assertEquals(0, alone.getTrained());
        summary = Files.readString(out.resolve(GridReport.SUMMARY));
        assertTrue(summary.contains("The seesaw report needs a single-task baseline"), summary);
        assertFalse(Files.exists(out.resolve(SeesawReport.CSV)));
        assertFalse(Files.exists(out.resolve(GridReport.SEESAW_CHART)));
    }

    /**
     * Checks seesaw.csv against sapenet's AUC minus single-task's in results.csv, seed by seed (the
     * grid's only MSMT model and only baseline): a line for every group where both have an AUC on a
     * common seed, with the mean and sample sd of the differences.
     */
    private static void assertSeesawIsTheDifferenceOfResults(List<ResultRow> rows, Path csv)
            throws IOException {
        Map<String, Map<Long, Double>> sapenet = new TreeMap<>();
        Map<String, Map<Long, Double>> singleTask = new TreeMap<>();
        for (ResultRow row : rows) {
            if (!row.isOverall() && row.auc() != null) {
                (row.model().equals("sapenet") ? sapenet : singleTask)
                        .computeIfAbsent(row.group().column(), k -> new TreeMap<>())
                        .put(row.seed(), row.auc());
            }
        }
        Map<String, List<Double>> expected = new TreeMap<>();
        for (Map.Entry<String, Map<Long, Double>> group : sapenet.entrySet()) {
            Map<Long, Double> baseline = singleTask.getOrDefault(group.getKey(), Map.of());
            List<Double> differences = new ArrayList<>();
            group.getValue()
                    .forEach(
                            (seed, auc) -> {
                                if (baseline.containsKey(seed)) {
                                    differences.add(auc - baseline.get(seed));
                                }
                            });
            if (!differences.isEmpty()) {
                expected.put(group.getKey(), differences);
            }
        }
        List<String> lines = Files.readAllLines(csv);
        assertEquals(SeesawReport.HEADER, lines.get(0));
        assertTrue(expected.size() > 0, "the tiny store has groups with an AUC");
        assertEquals(expected.size(), lines.size() - 1, "one line per group: " + lines);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals("sapenet", f[0], line);
            assertEquals("SINGLE_SCENARIO_SINGLE_TASK", f[1], line);
            assertEquals("single-task", f[2], line);
            List<Double> differences = expected.get("d" + f[3] + ",t" + f[4]);
            int n = differences.size();
            double mean = differences.stream().mapToDouble(d -> d).sum() / n;
            double squares = differences.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
            assertEquals(n, Integer.parseInt(f[7]), line);
            assertEquals(mean, Double.parseDouble(f[10]), 1e-12, line);
            if (n > 1) {
                assertEquals(Math.sqrt(squares / (n - 1)), Double.parseDouble(f[11]), 1e-12, line);
            }
        }
    }

    @Test
    void refusesToMixTwoStoresInOneGridFolder() throws IOException {
        Path out = dir.resolve("mixed");
        Files.createDirectories(out);
        Files.writeString(out.resolve(GridRunner.STORE_RECORD), "not-this-store\n/elsewhere\n");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> grid(out, List.of("single-task"), List.of(1L)).run());
        assertTrue(e.getMessage().contains("another store (/elsewhere)"), e.getMessage());
    }

    @Test
    void configFileIsValidatedWithItsName() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"models\": [\"sapenet\"], \"model\": {\"embedingDim\": 8}}");
        IOException e = assertThrows(IOException.class, () -> GridConfig.read(file));
        assertTrue(
                e.getMessage().startsWith(file + ": unknown \"model\" key 'embedingDim'"),
                e.getMessage());
        Files.writeString(file, "{\"train\": {\"earlyStopping\": \"auc\"}}");
        e = assertThrows(IOException.class, () -> GridConfig.read(file));
        assertTrue(
                e.getMessage().startsWith(file + ": Unknown early-stopping criterion 'auc'"),
                e.getMessage());
        Files.writeString(file, "{\"models\": [\"no-such-model\"]}");
        e = assertThrows(IOException.class, () -> GridConfig.read(file));
        assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
    }

    @Test
    void repositoryConfigsParse() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        for (String name : List.of("aliccp.json", "kuaisar.json")) {
            GridConfig config = GridConfig.read(root.resolve("configs").resolve(name));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), config.getSeeds());
            assertEquals(10, config.modelNames().size(), name);
            // The paper's protocol: early stopping on the plain mean of the group AUCs.
            assertEquals(EarlyStopping.MEAN_GROUP_AUC, config.getTrain().criterion(), name);
            // What the seesaw report needs: MSMT models and both kinds of single-task baseline.
            Set<PaperSetting> settings = new HashSet<>();
            config.modelNames().forEach(m -> settings.add(ModelRegistry.get(m).getSetting()));
            assertTrue(settings.containsAll(SeesawReport.REFERENCES), name);
            assertTrue(settings.contains(PaperSetting.MULTI_SCENARIO_MULTI_TASK), name);
            // Written for one dataset: no warning on its own store, one on the other's.
            String dataset = name.replace(".json", "");
            assertEquals(dataset, config.getDataset());
            assertNull(config.datasetMismatch(DatasetPreset.detect(dataset)), name);
            assertNotNull(config.datasetMismatch(DatasetPreset.GENERIC), name);
        }
    }

    /**
     * The grid file's {@code dataset} is checked against the store's; {@code pleLevels} cannot
     * change the models (one PLE level per PLE width, which a file does not set): the default count
     * is accepted (with a warning), any other refused when the file is read.
     */
    @Test
    void datasetIsCheckedAndPleLevelsCannotChangeTheModel() throws IOException {
        Path file = dir.resolve("grid-keys.json");
        Files.writeString(file, "{\"dataset\": \"aliccp\"}");
        GridConfig aliccp = GridConfig.read(file);
        assertNull(aliccp.datasetMismatch(DatasetPreset.ALICCP));
        String mismatch = aliccp.datasetMismatch(DatasetPreset.KUAISAR);
        assertTrue(mismatch.contains("'aliccp'") && mismatch.contains("kuaisar"), mismatch);
        assertNull(GridConfig.empty().datasetMismatch(DatasetPreset.KUAISAR));

        ModelConfig.Builder shape =
                ModelConfig.builder()
                        .addSparseField("f", 10)
                        .setScenarios(List.of("s"))
                        .setTasks(List.of("t"));
        assertEquals(GridConfig.PLE_LEVELS, shape.build().getPleWidths().length);
        Files.writeString(file, "{\"model\": {\"pleLevels\": 2}}");
        ModelConfig two = GridConfig.read(file).applyModel(shape).build();
        assertEquals(GridConfig.PLE_LEVELS, two.getPleLevels());
        Files.writeString(file, "{\"model\": {\"pleLevels\": 3}}");
        IOException three = assertThrows(IOException.class, () -> GridConfig.read(file));
        assertTrue(three.getMessage().startsWith(file + ": "), three.getMessage());
        assertTrue(
                three.getMessage().contains("pleLevels 3 cannot be set by a grid file"),
                three.getMessage());
    }
}
