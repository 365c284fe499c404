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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.io.SiblingTemp;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.checkpoint.Checkpoint;
import org.sapenet.serve.testing.TestModels;
import org.sapenet.serve.translate.Scores;
import org.sapenet.serve.translate.ScoringBatch;

/** The cases where scoring must refuse or clean up rather than harm the user's files. */
class CsvScorerSafetyTest {

    @TempDir static Path tmp;

    private static NDManager manager;
    private static Checkpoint checkpoint;
    private static Path sample;

    @BeforeAll
    static void setUp() throws IOException {
        ModelConfig config = TestModels.aliccpConfig();
        manager = Engines.pytorch().newBaseManager(Device.cpu());
        Path dir =
                TestModels.write(
                        tmp.resolve("ckpt"),
                        config,
                        TestModels.randomBlock(manager, config, 11),
                        false);
        checkpoint = Checkpoint.load(dir, Device.cpu());
        sample = TestModels.sampleDir().resolve("scenario-wise-rec/ali_ccp_train_sample.csv");
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
        Path killed = Files.createFile(SiblingTemp.nameFor(output, gone.pid()));
        score(sample, output, ScoreOptions.builder().build());
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(output));
        assertFalse(Files.exists(killed), "stale temporary file removed");
    }

    @Test
    void emptyBatchGetsAnEmptyResult() throws Exception {
        ModelConfig config = TestModels.aliccpConfig();
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
