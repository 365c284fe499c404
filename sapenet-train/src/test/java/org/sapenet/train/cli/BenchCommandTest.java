/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {

    @Test
    void measuresOneModelAndWritesTheTableAndJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench.json");
        CliRun run =
                CliRun.sapenet(
                        "bench",
                        "--models",
                        "single-task",
                        "--batch-sizes",
                        "64",
                        "--steps",
                        "1",
                        "--warmup",
                        "0",
                        "--rows",
                        "2000",
                        "--sparse-embedding-updates",
                        "--out",
                        out.toString());
        assertEquals(0, run.code(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("model "), run.out());
        assertTrue(lines.get(0).contains("rows/cpu-s"), run.out());
        assertTrue(lines.get(1).startsWith("single-task "), run.out());
        assertEquals("wrote " + out, lines.get(2));
        assertTrue(
                run.err().contains("synthesising 2,000 AliCCP-format rows (vocabulary small) in "),
                run.err());
        assertTrue(run.err().contains("warming up with single-task at batch 64 ..."), run.err());
        assertTrue(run.err().contains("measuring single-task at batch 64 ..."), run.err());

        JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals(
                List.of(
                        "device",
                        "threads",
                        "cores",
                        "versions",
                        "store",
                        "vocabulary",
                        "embeddingRows",
                        "embeddingUpdates",
                        "warmupSteps",
                        "steps",
                        "results"),
                List.copyOf(json.keySet()));
        assertEquals("small", json.get("vocabulary").getAsString());
        assertEquals("row-sparse", json.get("embeddingUpdates").getAsString());
        assertTrue(json.get("embeddingRows").getAsLong() > 1000, json.toString());
        assertEquals("synthetic", json.get("store").getAsString());
        assertEquals(0, json.get("warmupSteps").getAsInt());
        assertEquals(1, json.get("steps").getAsInt());
        JsonArray results = json.getAsJsonArray("results");
        assertEquals(1, results.size());
        JsonObject result = results.get(0).getAsJsonObject();
        assertEquals("single-task", result.get("model").getAsString());
        assertEquals(64, result.get("batchSize").getAsInt());
        assertEquals(1, result.get("steps").getAsInt());
        assertTrue(result.get("rowsPerSecond").getAsDouble() > 0, result.toString());
    }

    @Test
    void refusesToOverwriteWithoutForce(@TempDir Path dir) throws Exception {
        Path out = Files.writeString(dir.resolve("bench.json"), "{}");
        CliRun run = CliRun.sapenet("bench", "--models", "single-task", "--out", out.toString());
        assertTrue(run.code() != 0, run.err());
        assertTrue(run.err().contains("already exists: choose another --out or pass --force"));
    }

    @Test
    void rejectsANonPositiveBatchSize(@TempDir Path dir) {
        CliRun run =
                CliRun.sapenet(
                        "bench",
                        "--batch-sizes",
                        "0",
                        "--out",
                        dir.resolve("bench.json").toString());
        assertTrue(run.code() != 0, run.err());
        assertTrue(run.err().contains("Batch sizes must be positive, got 0"), run.err());
    }
}
