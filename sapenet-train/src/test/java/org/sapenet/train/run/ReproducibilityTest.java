/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.train.options.TrainingOptions;
import org.sapenet.train.state.ParameterSnapshot;
import org.sapenet.train.state.RunFolder;

/**
 * The reproducibility promise, tested on SAPENet itself: the same seed and thread count give
 * bit-identical training losses, validation and test metrics and weights, whether the run repeats
 * in the same JVM or in another process (which also has another heap size, so its garbage
 * collections fall elsewhere), and a run interrupted after an epoch and resumed ends with the
 * uninterrupted run's weights.
 */
class ReproducibilityTest {

    @TempDir Path dir;

    private static TrainingRun.Builder sapenet(Path store, Path out, int epochs) {
        return TrainingRun.builder()
                .setStore(store)
                .setModel("sapenet")
                .setOut(out)
                .optOptions(
                        TrainingOptions.builder()
                                .optEpochs(epochs)
                                .optBatchSize(512)
                                .optLearningRate(3e-3f)
                                .optWarmupSteps(5)
                                .optPatience(50)
                                .optSeed(5))
                .optConfig(
                        b ->
                                b.optEmbeddingDim(8)
                                        .optStarWidths(32, 16)
                                        .optPleWidths(16, 8)
                                        .optExpertWidth(8)
                                        .optTowerWidth(8))
                .optDevice(Device.cpu())
                .optProgress(false);
    }

    @Test
    void sameSeedGivesBitIdenticalRunsInOneJvmAcrossProcessesAndAfterAResume() throws Exception {
        Path store = SyntheticStores.small();
        Path first = dir.resolve("first");
        sapenet(store, first, 2).build().run();
        Path second = dir.resolve("second");
        sapenet(store, second, 2).build().run();
        Path stopped = dir.resolve("stopped");
        sapenet(store, stopped, 1).build().run();
        ParameterSnapshot afterOne = RunFolder.open(stopped, true, false).readResume().current();
        sapenet(store, stopped, 2).optResume(true).build().run();
        String other = inAnotherProcess(store, dir.resolve("child"));

        String expected = fingerprint(first);
        assertEquals(expected, fingerprint(second), "a second run in the same JVM");
        assertEquals(expected, other, "the same run in another process");
        ParameterSnapshot a = RunFolder.open(first, true, false).readResume().current();
        ParameterSnapshot b = RunFolder.open(stopped, true, false).readResume().current();
        assertFalse(afterOne.sameValues(a), "the second epoch changed the weights");
        assertTrue(b.sameValues(a), "resumed weights are bitwise the uninterrupted run's");
        assertEquals(expected, fingerprint(stopped), "the resumed run's metrics");
    }

    /** Trains in a child JVM and returns its fingerprint. */
    private static String inAnotherProcess(Path store, Path out) throws Exception {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command =
                List.of(
                        java.toString(),
                        "-Xmx384m",
                        "-Dai.djl.offline=true",
                        // the thread count this JVM's PyTorch runs with (results depend on it)
                        "-Dai.djl.pytorch.num_threads=" + JniUtils.getNumThreads(),
                        "-Dai.djl.pytorch.num_interop_threads=1",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReproducibilityTest.class.getName(),
                        store.toString(),
                        out.toString());
        Path log = out.resolveSibling("child.log");
        Process process =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the child run finished");
        String output = Files.readString(log);
        assertEquals(0, process.exitValue(), output);
        for (String line : output.split("\n")) {
            if (line.startsWith("fingerprint ")) {
                return line.substring("fingerprint ".length()).trim();
            }
        }
        throw new AssertionError("no fingerprint in the child's output:\n" + output);
    }

    /**
     * The child process: trains the run of {@link #sapenet} and prints its fingerprint.
     *
     * @param args the store and the run folder
     * @throws IOException when the run fails
     */
    public static void main(String[] args) throws IOException {
        Path out = Paths.get(args[1]);
        sapenet(Paths.get(args[0]), out, 2).build().run();
        System.out.println("fingerprint " + fingerprint(out));
    }

    /**
     * Everything a run computes, without its timings: the per-epoch training losses and validation
     * scores, the validation and test metrics, and a SHA-256 of the final weights.
     */
    static String fingerprint(Path run) throws IOException {
        JsonObject metrics =
                JsonParser.parseString(Files.readString(run.resolve("metrics.json")))
                        .getAsJsonObject();
        JsonArray history = new JsonArray();
        for (JsonElement e : metrics.getAsJsonArray("history")) {
            JsonObject epoch = e.getAsJsonObject().deepCopy();
            epoch.remove("seconds");
            epoch.remove("trainRowsPerSecond");
            history.add(epoch);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RunFolder.open(run, true, false).readResume().current().write(new DataOutputStream(bytes));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String weights = HexFormat.of().formatHex(sha.digest(bytes.toByteArray()));
            return history
                    + " val "
                    + metrics.get("val")
                    + " test "
                    + metrics.get("test")
                    + " weights "
                    + weights;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
