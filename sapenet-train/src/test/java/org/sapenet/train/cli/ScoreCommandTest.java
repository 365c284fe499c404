/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.checkpoint.CheckpointWriter;
import org.sapenet.serve.checkpoint.InputSchema;
import org.sapenet.train.TestResources;

/** {@code sapenet score} on a SAPENet checkpoint written by the shared writer. */
class ScoreCommandTest {

    @TempDir static Path temp;

    private static Path checkpoint;
    private static Path sample;

    @BeforeAll
    static void writeCheckpoint() {
        int[] sizes = new int[AliccpSchema.SPARSE_FIELDS.size()];
        java.util.Arrays.fill(sizes, 10);
        ModelConfig config =
                ModelConfig.builder()
                        .setSparseFields(AliccpSchema.SPARSE_FIELDS, sizes)
                        .setDenseFields(AliccpSchema.DENSE_FIELDS)
                        .setScenarios(AliccpSchema.SCENARIOS)
                        .setTasks(AliccpSchema.TASKS)
                        .optEmbeddingDim(4)
                        .optStarWidths(16, 8)
                        .optPleWidths(8, 8)
                        .optExpertWidth(8)
                        .optTowerWidth(8)
                        .build();
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            Block block = ModelRegistry.get("sapenet").newBlock(config);
            block.initialize(
                    manager,
                    DataType.FLOAT32,
                    new Shape(1, config.numSparseFields()),
                    new Shape(1, config.numDenseFields()),
                    new Shape(1));
            checkpoint =
                    CheckpointWriter.write(
                            temp.resolve("ckpt"),
                            "sapenet",
                            config,
                            block,
                            InputSchema.of(
                                    config, AliccpSchema.SCENARIO_COLUMN, AliccpSchema.SCENARIOS),
                            false);
        }
        sample = TestResources.aliccpSamples().resolve("ali_ccp_test_sample.csv");
    }

    private static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = SapenetCli.execute(args);
            return new String[] {
                Integer.toString(code),
                outBytes.toString(StandardCharsets.UTF_8),
                errBytes.toString(StandardCharsets.UTF_8)
            };
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void scoresAFileAndRefusesToOverwriteIt() throws IOException {
        Path out = temp.resolve("pred.csv");
        String[] first =
                run(
                        "score",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        sample.toString(),
                        "--out",
                        out.toString(),
                        "--workers",
                        "2",
                        "--batch-size",
                        "8");
        assertEquals("0", first[0], first[2]);
        assertTrue(first[1].contains("scored " + (lines(sample) - 1) + " rows"), first[1]);
        List<String> lines = Files.readAllLines(out);
        assertEquals("row,scenario,p_click,p_purchase", lines.get(0));
        assertEquals(lines(sample), lines.size());
        String[] again =
                run(
                        "score",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        sample.toString(),
                        "--out",
                        out.toString());
        assertEquals("1", again[0]);
        assertTrue(again[2].contains("already exists: pass --force"), again[2]);
    }

    @Test
    void badRowsFailWithTheirLocationOrAreSkipped() throws IOException {
        List<String> rows = new ArrayList<>(Files.readAllLines(sample));
        rows.set(2, rows.get(2).replaceFirst(",[0-9.]+$", ",x"));
        Path bad = temp.resolve("bad.csv");
        Files.write(bad, rows);
        Path out = temp.resolve("bad-pred.csv");
        String[] fail =
                run(
                        "score",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        bad.toString(),
                        "--out",
                        out.toString());
        assertEquals("1", fail[0]);
        assertTrue(
                fail[2].contains(bad + ":3:33: column 'D853': expected a decimal number, got 'x'"),
                fail[2]);
        assertTrue(Files.notExists(out));
        String[] skip =
                run(
                        "score",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        bad.toString(),
                        "--out",
                        out.toString(),
                        "--on-error",
                        "skip");
        assertEquals("0", skip[0], skip[2]);
        assertTrue(skip[1].contains("skipped 1 bad rows {bad-number=1}"), skip[1]);
        assertEquals(rows.size() - 1, Files.readAllLines(out).size());
    }

    @Test
    void damagedCheckpointExitsWithTheReason() {
        String[] result =
                run(
                        "score",
                        "--model",
                        temp.resolve("nowhere").toString(),
                        "--input",
                        sample.toString(),
                        "--out",
                        temp.resolve("x.csv").toString());
        assertEquals("1", result[0]);
        assertTrue(result[2].contains("does not exist"), result[2]);
    }

    @Test
    void outDashStreamsTheLinesToStdoutAndTheSummaryToStderr() throws IOException {
        Path file = temp.resolve("to-file.csv");
        String[] toFile =
                run(
                        "score",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        sample.toString(),
                        "--out",
                        file.toString());
        assertEquals("0", toFile[0], toFile[2]);
        String[] toStdout =
                run(
                        "--quiet",
                        "score",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        sample.toString(),
                        "--out",
                        "-");
        assertEquals("0", toStdout[0], toStdout[2]);
        assertEquals(Files.readString(file), toStdout[1]);
        assertTrue(toStdout[2].contains("into the given stream"), toStdout[2]);
        assertTrue(Files.notExists(Path.of("-")), "no file named '-'");
    }

    private static int lines(Path file) throws IOException {
        return Files.readAllLines(file).size();
    }
}
