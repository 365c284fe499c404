/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

import ai.djl.inference.Predictor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.sapenet.serve.checkpoint.Checkpoint;
import org.sapenet.serve.checkpoint.CheckpointException;
import org.sapenet.serve.input.ScoringBatch;
import org.sapenet.serve.translate.Scores;

/**
 * The checkpoints loaded in this JVM (an executor, or the driver in local mode), each verified once
 * (format version, every file's size and SHA-256, parameter shapes) and kept for the JVM's life,
 * with a pool of predictors: a task borrows one for its partition and gives it back when the task
 * ends, so an executor holds at most one predictor per task slot and reuses them across partitions.
 */
final class ExecutorModels {

    private static final Map<String, Loaded> LOADED = new HashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorModels() {}

    /**
     * Returns the checkpoint with this fingerprint, loading and verifying it on first use.
     *
     * @param checkpoint the path or distributed name the user gave
     * @param fingerprint the SHA-256 of the driver's manifest
     * @param threads PyTorch intra-op threads per predictor, used when this JVM's engine has not
     *     been configured yet
     * @return the loaded checkpoint
     * @throws CheckpointException when the checkpoint is missing, damaged or differs from the
     *     driver's
     */
    static synchronized Loaded get(String checkpoint, String fingerprint, int threads) {
        Loaded loaded = LOADED.get(fingerprint);
        if (loaded != null) {
            return loaded;
        }
        configureEngine(threads);
        Path dir = CheckpointLocation.resolve(checkpoint);
        String found = CheckpointLocation.fingerprint(dir);
        if (!found.equals(fingerprint)) {
            throw new CheckpointException(
                    "Checkpoint "
                            + dir
                            + " on this executor is not the driver's (manifest SHA-256 "
                            + found
                            + ", the driver's "
                            + fingerprint
                            + "): every node must read the same checkpoint");
        }
        loaded = new Loaded(Checkpoint.load(dir));
        LOADS.incrementAndGet();
        LOADED.put(fingerprint, loaded);
        return loaded;
    }

    /**
     * Returns how many checkpoints this JVM has loaded and verified (for tests).
     *
     * @return the loads
     */
    static int loads() {
        return LOADS.get();
    }

    private static void configureEngine(int threads) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    /** A loaded checkpoint and its idle predictors. */
    static final class Loaded {
        private final Checkpoint checkpoint;
        private final ConcurrentLinkedDeque<Predictor<ScoringBatch, Scores>> idle =
                new ConcurrentLinkedDeque<>();

        Loaded(Checkpoint checkpoint) {
            this.checkpoint = checkpoint;
        }

        Checkpoint checkpoint() {
            return checkpoint;
        }

        Predictor<ScoringBatch, Scores> borrow() {
            Predictor<ScoringBatch, Scores> predictor = idle.pollFirst();
            return predictor != null ? predictor : checkpoint.newPredictor();
        }

        void giveBack(Predictor<ScoringBatch, Scores> predictor) {
            idle.addFirst(predictor);
        }
    }
}
