/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.checkpoint.Checkpoint;
import org.sapenet.serve.input.ScoringBatch;
import org.sapenet.serve.testing.SampleRows;
import org.sapenet.serve.testing.TestModels;
import org.sapenet.serve.translate.Scores;

class CsvScorerTest {

    @TempDir static Path tmp;

    private static NDManager manager;
    private static Block block;
    private static Checkpoint checkpoint;
    private static ModelConfig config;
    private static Path sample;
    private static List<Map<String, String>> rows;

    @BeforeAll
    static void setUp() throws IOException {
        config = TestModels.aliccpConfig();
        manager = Engines.pytorch().newBaseManager(Device.cpu());
        block = TestModels.randomBlock(manager, config, 11);
        Path dir = TestModels.write(tmp.resolve("ckpt"), config, block, false);
        checkpoint = Checkpoint.load(dir, Device.cpu());
        sample = TestModels.sampleDir().resolve("scenario-wise-rec/ali_ccp_train_sample.csv");
        rows = SampleRows.read(sample);
    }

    @AfterAll
    static void tearDown() {
        checkpoint.close();
        manager.close();
    }

    private static ScoreSummary score(Path input, Path output, ScoreOptions options)
            throws IOException {
        return CsvScorer.score(checkpoint, input, output, options);
    }

    private static List<String[]> readOutput(Path output) throws IOException {
        List<String> lines = Files.readAllLines(output);
        assertEquals("row,scenario,p_click,p_purchase", lines.get(0));
        List<String[]> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            out.add(line.split(","));
        }
        return out;
    }

    @Test
    void scoresEqualTheModelsForwardPassRowByRow() throws IOException {
        Path output = tmp.resolve("pred.csv");
        ScoreSummary summary =
                score(sample, output, ScoreOptions.builder().optBatchSize(16).build());
        assertEquals(rows.size(), summary.getRows());
        float[] expected = TestModels.directProbabilities(block, SampleRows.encode(config, rows));
        List<String[]> out = readOutput(output);
        assertEquals(rows.size(), out.size());
        boolean scenarios[] = new boolean[3];
        for (int r = 0; r < out.size(); r++) {
            String[] line = out.get(r);
            assertEquals(Long.toString(r + 1), line[0]);
            assertEquals(rows.get(r).get("301"), line[1]);
            scenarios[Integer.parseInt(line[1]) - 1] = true;
            assertEquals(expected[2 * r], Float.parseFloat(line[2]), 1e-6, "row " + r);
            assertEquals(expected[2 * r + 1], Float.parseFloat(line[3]), 1e-6, "row " + r);
        }
        assertTrue(scenarios[0] && scenarios[1] && scenarios[2], "all scenarios present");
    }

    @Test
    void scoresDoNotDependOnBatchSizeOrWorkers() throws IOException {
        Path reference = tmp.resolve("ref.csv");
        score(sample, reference, ScoreOptions.builder().optBatchSize(1).build());
        List<String[]> expected = readOutput(reference);
        int[][] settings = {{7, 3}, {4096, 2}, {32, 4}};
        for (int[] s : settings) {
            Path output = tmp.resolve("b" + s[0] + "w" + s[1] + ".csv");
            score(
                    sample,
                    output,
                    ScoreOptions.builder().optBatchSize(s[0]).optWorkers(s[1]).build());
            List<String[]> got = readOutput(output);
            assertEquals(expected.size(), got.size());
            for (int r = 0; r < got.size(); r++) {
                assertEquals(expected.get(r)[0], got.get(r)[0]);
                assertEquals(expected.get(r)[1], got.get(r)[1]);
                for (int k = 2; k < 4; k++) {
                    assertEquals(
                            Float.parseFloat(expected.get(r)[k]),
                            Float.parseFloat(got.get(r)[k]),
                            1e-6,
                            "batch " + s[0] + " workers " + s[1] + " row " + r);
                }
            }
        }
    }

    @Test
    void sameBatchSizeGivesBitIdenticalFilesForAnyWorkerCount() throws IOException {
        Path one = tmp.resolve("w1.csv");
        Path three = tmp.resolve("w3.csv");
        score(sample, one, ScoreOptions.builder().optBatchSize(7).optWorkers(1).build());
        score(sample, three, ScoreOptions.builder().optBatchSize(7).optWorkers(3).build());
        assertEquals(Files.readString(one), Files.readString(three));
    }

    @Test
    void givenScenarioScoresEveryRowInIt() throws IOException {
        Path output = tmp.resolve("scenario2.csv");
        score(sample, output, ScoreOptions.builder().optScenario("2").build());
        ScoringBatch batch = SampleRows.encode(config, rows);
        int f301 = config.getSparseFields().indexOf("301");
        for (int r = 0; r < batch.size(); r++) {
            batch.scenario()[r] = 1;
            batch.sparse()[r * batch.sparseFields() + f301] = 2;
        }
        float[] expected = TestModels.directProbabilities(block, batch);
        List<String[]> out = readOutput(output);
        for (int r = 0; r < out.size(); r++) {
            assertEquals("2", out.get(r)[1]);
            assertEquals(expected[2 * r], Float.parseFloat(out.get(r)[2]), 1e-6);
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                score(
                                        sample,
                                        tmp.resolve("nope.csv"),
                                        ScoreOptions.builder().optScenario("7").build()));
        assertTrue(e.getMessage().contains("Unknown scenario '7'"), e.getMessage());
    }

    @Test
    void labelsAreOptional() throws IOException {
        Path input = tmp.resolve("nolabels.csv");
        List<String> lines = Files.readAllLines(sample);
        List<String> stripped = new ArrayList<>();
        for (String line : lines) {
            stripped.add(line.substring(line.indexOf(',', line.indexOf(',') + 1) + 1));
        }
        Files.write(input, stripped);
        Path output = tmp.resolve("nolabels-pred.csv");
        assertEquals(rows.size(), score(input, output, ScoreOptions.builder().build()).getRows());
    }

    @Test
    void headerNotMatchingTheSchemaIsAClearError() throws IOException {
        Path input = tmp.resolve("nocolumn.csv");
        List<String> lines = Files.readAllLines(sample);
        List<String> cut = new ArrayList<>();
        for (String line : lines) {
            cut.add(line.substring(0, line.lastIndexOf(',')));
        }
        Files.write(input, cut);
        Path output = tmp.resolve("nocolumn-pred.csv");
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> score(input, output, ScoreOptions.builder().build()));
        assertTrue(
                e.getMessage().startsWith(input + ":1: missing required column 'D853'"),
                e.getMessage());
        assertTrue(Files.notExists(output));
    }

    private static Path badFile() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(sample).subList(0, 11));
        // Data rows 3, 5, 7, 8 (file lines 4, 6, 8, 9) are bad.
        lines.set(3, lines.get(3).replaceFirst("^(\\d+,\\d+,)\\d+", "$1abc"));
        String[] cells = lines.get(5).split(",", -1);
        cells[32] = "nan";
        lines.set(5, String.join(",", cells));
        lines.set(7, lines.get(7).substring(0, lines.get(7).lastIndexOf(',')));
        cells = lines.get(8).split(",", -1);
        cells[20] = "9";
        lines.set(8, String.join(",", cells));
        Path input = tmp.resolve("bad.csv");
        Files.write(input, lines);
        return input;
    }

    @Test
    void badRowStopsTheRunWithItsLocation() throws IOException {
        Path input = badFile();
        Path output = tmp.resolve("bad-pred.csv");
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> score(input, output, ScoreOptions.builder().optBatchSize(2).build()));
        assertEquals(
                input
                        + ":4:3: column '101': expected a non-negative integer id below 2^31-1,"
                        + " got 'abc' [bad-id]",
                e.getMessage());
        assertTrue(Files.notExists(output), "no partial output");
    }

    @Test
    void skipModeCountsBadRowsAndKeepsRowNumbers() throws IOException {
        Path input = badFile();
        Path output = tmp.resolve("skip-pred.csv");
        ScoreSummary summary =
                score(
                        input,
                        output,
                        ScoreOptions.builder()
                                .optBatchSize(3)
                                .optErrorPolicy(ErrorPolicy.SKIP)
                                .build());
        assertEquals(6, summary.getRows());
        assertEquals(4, summary.getSkips().total());
        assertEquals(
                Map.of("column-count", 1L, "bad-id", 1L, "not-finite", 1L, "bad-scenario", 1L),
                summary.getSkips().counts());
        assertTrue(
                summary.getSkips()
                        .examples()
                        .get("bad-scenario")
                        .contains(":9:21: column '301': expected scenario value 1, 2 or 3"),
                summary.getSkips().examples().toString());
        List<String> numbers = new ArrayList<>();
        for (String[] line : readOutput(output)) {
            numbers.add(line[0]);
        }
        assertEquals(List.of("1", "2", "4", "6", "9", "10"), numbers);
    }

    @Test
    void existingOutputIsReplacedOnlyWithForce() throws IOException {
        Path output = tmp.resolve("exists.csv");
        Files.writeString(output, "keep me\n");
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> score(sample, output, ScoreOptions.builder().build()));
        assertTrue(e.getMessage().contains("already exists: pass --force"), e.getMessage());
        assertEquals("keep me\n", Files.readString(output));
        score(sample, output, ScoreOptions.builder().optForce(true).build());
        assertEquals(rows.size() + 1, Files.readAllLines(output).size());
    }

    @Test
    void outputThatIsTheInputIsRefusedEvenWithForce(@TempDir Path dir) throws IOException {
        Path input = Files.copy(sample, dir.resolve("rows.csv"));
        String content = Files.readString(input);
        Path symlink = Files.createSymbolicLink(dir.resolve("link.csv"), input);
        Path hardLink = Files.createLink(dir.resolve("hard.csv"), input);
        for (Path out : List.of(input, dir.resolve("sub/../rows.csv"), symlink, hardLink)) {
            for (boolean force : new boolean[] {false, true}) {
                IllegalArgumentException e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        score(
                                                input,
                                                out,
                                                ScoreOptions.builder().optForce(force).build()));
                assertTrue(e.getMessage().contains("is the input file"), e.getMessage());
            }
        }
        assertEquals(content, Files.readString(input));
    }

    @Test
    void inputFolderIsNamedAsAFolder(@TempDir Path dir) {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> score(dir, dir.resolve("p.csv"), ScoreOptions.builder().build()));
        assertTrue(e.getMessage().contains("is a folder: give the CSV file"), e.getMessage());
    }

    @Test
    void skippingEveryRowIsAnErrorAndWritesNothing(@TempDir Path dir) throws IOException {
        List<String> lines = Files.readAllLines(sample);
        Path input = dir.resolve("bad.csv");
        Files.write(
                input,
                Stream.concat(
                                Stream.of(lines.get(0)),
                                lines.subList(1, 4).stream().map(l -> l + ",extra"))
                        .collect(Collectors.toList()));
        Path output = dir.resolve("p.csv");
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                score(
                                        input,
                                        output,
                                        ScoreOptions.builder()
                                                .optErrorPolicy(ErrorPolicy.SKIP)
                                                .build()));
        assertTrue(e.getMessage().contains("all 3 data rows were bad and skipped"), e.getMessage());
        assertFalse(Files.exists(output));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(input), left.collect(Collectors.toList()));
        }
    }

    @Test
    void outputFollowsTheUmaskAndStaleTempFilesAreRemoved(@TempDir Path dir) throws IOException {
        // What the umask gives a new file, and a temporary file a killed run (a process id that
        // no longer runs) left beside the output.
        Path probe = Files.createFile(dir.resolve("probe"));
        Path output = dir.resolve("p.csv");
        Process gone = new ProcessBuilder("true").start();
        gone.onExit().join();
        Path killed = Files.createFile(AtomicFiles.tempNameFor(output, gone.pid()));
        score(sample, output, ScoreOptions.builder().build());
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(output));
        assertFalse(Files.exists(killed), "stale temporary file removed");
    }

    @Test
    void emptyBatchGetsAnEmptyResult() throws Exception {
        int fs = config.numSparseFields();
        int fd = config.numDenseFields();
        try (Predictor<ScoringBatch, Scores> predictor = checkpoint.newPredictor()) {
            Scores empty =
                    predictor.predict(
                            ScoringBatch.ofFlat(0, fs, new int[0], fd, new float[0], new int[0]));
            assertEquals(0, empty.size());
            assertEquals(0, empty.probabilities().length);
            Scores one =
                    predictor.predict(
                            ScoringBatch.ofFlat(
                                    1, fs, new int[fs], fd, new float[fd], new int[] {1}));
            assertEquals(1, one.size(), "the predictor still scores after an empty batch");
        }
    }
}
