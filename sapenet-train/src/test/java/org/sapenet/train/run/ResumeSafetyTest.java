/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.SkipReport;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.source.SplitPolicy;
import org.sapenet.data.source.aliccp.AliccpPreparer;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreRow;
import org.sapenet.data.store.StoreWriter;
import org.sapenet.serve.testing.TinyMsmtBlock;
import org.sapenet.train.options.TrainingOptions;

/** Resuming refuses another store and a damaged state; training refuses empty splits. */
class ResumeSafetyTest {

    @TempDir Path dir;

    private static TrainingRun.Builder run(Path store, Path out) {
        return TrainingRun.builder()
                .setStore(store)
                .setModel("tiny", new TinyMsmtBlock.Builder())
                .setOut(out)
                .optOptions(
                        TrainingOptions.builder()
                                .optEpochs(2)
                                .optBatchSize(2048)
                                .optLearningRate(1e-2f)
                                .optSeed(3))
                .optConfig(b -> b.optEmbeddingDim(4))
                .optDevice(Device.cpu())
                .optProgress(false);
    }

    /** Trains one epoch of two (a stopped run) and returns its saved epoch folder. */
    private Path stoppedRun(Path out) throws IOException {
        run(SyntheticStores.small(), out)
                .optOptions(
                        TrainingOptions.builder()
                                .optEpochs(1)
                                .optBatchSize(2048)
                                .optLearningRate(1e-2f)
                                .optSeed(3))
                .build()
                .run();
        return out.resolve("resume/epoch-0001");
    }

    @Test
    void resumeOnAnotherStoreWithTheSameShapeIsRefused() throws IOException {
        Path out = dir.resolve("run");
        stoppedRun(out);
        // The same rows split at random: the same vocabulary sizes, other validation rows.
        Path csv = SyntheticStores.small().resolveSibling("csv");
        Path other = dir.resolve("other-store");
        AliccpPreparer.builder()
                .setInput(csv)
                .setOutput(other)
                .optSplitPolicy(SplitPolicy.random(5))
                .build()
                .prepare();
        assertEquals(
                java.util.Arrays.toString(PreparedStore.open(other).vocabularySizes()),
                java.util.Arrays.toString(
                        PreparedStore.open(SyntheticStores.small()).vocabularySizes()));
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> run(other, out).optResume(true).build().run());
        assertTrue(
                e.getMessage()
                        .contains(
                                "was trained on the store "
                                        + SyntheticStores.small().toAbsolutePath()),
                e.getMessage());
        assertTrue(e.getMessage().contains("but --data " + other.toAbsolutePath()), e.getMessage());
        // The same store resumes.
        assertEquals(
                2,
                run(SyntheticStores.small(), out)
                        .optResume(true)
                        .build()
                        .run()
                        .getHistory()
                        .size());
    }

    private IOException resumeFails() {
        return assertThrows(
                IOException.class,
                () ->
                        run(SyntheticStores.small(), dir.resolve("run"))
                                .optResume(true)
                                .build()
                                .run());
    }

    @Test
    void damagedResumeStateIsRefusedNamingTheFile() throws IOException {
        Path epoch = stoppedRun(dir.resolve("run"));
        Path params = epoch.resolve("params.bin");
        byte[] original = Files.readAllBytes(params);
        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 0x01;
        Files.write(params, flipped);
        IOException e = resumeFails();
        assertTrue(e.getMessage().startsWith(params + " is damaged: "), e.getMessage());
        Files.write(params, original);

        Path optimizer = epoch.resolve("optimizer.bin");
        try (FileChannel channel = FileChannel.open(optimizer, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 100);
        }
        e = resumeFails();
        assertTrue(e.getMessage().startsWith(optimizer + " is damaged: "), e.getMessage());
    }

    @Test
    void storeWithoutValidationRowsIsRefused() throws IOException {
        Path store = dir.resolve("no-val");
        try (StoreWriter writer = StoreWriter.create(store, AliccpSchema.schema(), false)) {
            StoreRow row = new StoreRow(AliccpSchema.schema());
            row.setLabel(0, true);
            row.setLabel(1, false);
            writer.append(Split.TRAIN, row);
            writer.append(Split.TEST, row);
            writer.commit(Map.of(), ErrorPolicy.FAIL, new SkipReport());
        }
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> run(store, dir.resolve("run")).build().run());
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "has no val rows: training needs train rows, and"
                                        + " validation rows to choose the best epoch and stop early; prepare the store"
                                        + " again"),
                e.getMessage());
    }
}
