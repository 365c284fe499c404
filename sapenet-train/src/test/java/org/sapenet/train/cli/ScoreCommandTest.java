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
import java.io.IOException;
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
import org.sapenet.serve.input.InputSchema;
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

    @Test
    void scoresAFileAndRefusesToOverwriteIt() throws IOException {
        Path out = temp.resolve("pred.csv");
        CliRun first =
                CliRun.sapenet(
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
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("scored " + (lines(sample) - 1) + " rows"), first.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals("row,scenario,p_click,p_purchase", lines.get(0));
        assertEquals(lines(sample), lines.size());
        CliRun again =
                CliRun.sapenet(
                        "score",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        sample.toString(),
                        "--out",
                        out.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists: pass --force"), again.err());
    }

    @Test
    void badRowsFailWithTheirLocationOrAreSkipped() throws IOException {
        List<String> rows = new ArrayList<>(Files.readAllLines(sample));
        rows.set(2, rows.get(2).replaceFirst(",[0-9.]+$", ",x"));
        Path bad = temp.resolve("bad.csv");
        Files.write(bad, rows);
        Path out = temp.resolve("bad-pred.csv");
        CliRun fail =
                CliRun.sapenet(
                        "score",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        bad.toString(),
                        "--out",
                        out.toString());
        assertEquals(1, fail.code());
        assertTrue(
                fail.err()
                        .contains(bad + ":3:33: column 'D853': expected a decimal number, got 'x'"),
                fail.err());
        assertTrue(Files.notExists(out));
        CliRun skip =
                CliRun.sapenet(
                        "score",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        bad.toString(),
                        "--out",
                        out.toString(),
                        "--on-error",
                        "skip");
        assertEquals(0, skip.code(), skip.err());
        assertTrue(skip.out().contains("skipped 1 bad rows {bad-number=1}"), skip.out());
        assertEquals(rows.size() - 1, Files.readAllLines(out).size());
    }

    @Test
    void damagedCheckpointExitsWithTheReason() {
        CliRun result =
                CliRun.sapenet(
                        "score",
                        "--model",
                        temp.resolve("nowhere").toString(),
                        "--input",
                        sample.toString(),
                        "--out",
                        temp.resolve("x.csv").toString());
        assertEquals(1, result.code());
        assertTrue(result.err().contains("does not exist"), result.err());
    }

    @Test
    void outDashStreamsTheLinesToStdoutAndTheSummaryToStderr() throws IOException {
        Path file = temp.resolve("to-file.csv");
        CliRun toFile =
                CliRun.sapenet(
                        "score",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        sample.toString(),
                        "--out",
                        file.toString());
        assertEquals(0, toFile.code(), toFile.err());
        CliRun toStdout =
                CliRun.sapenet(
                        "--quiet",
                        "score",
                        "--model",
                        checkpoint.toString(),
                        "--input",
                        sample.toString(),
                        "--out",
                        "-");
        assertEquals(0, toStdout.code(), toStdout.err());
        assertEquals(Files.readString(file), toStdout.out());
        assertTrue(toStdout.err().contains("into the given stream"), toStdout.err());
        assertTrue(Files.notExists(Path.of("-")), "no file named '-'");
    }

    private static int lines(Path file) throws IOException {
        return Files.readAllLines(file).size();
    }
}
