/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.star;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;
import java.util.function.Supplier;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.loss.MultiTaskLoss;
import org.sapenet.model.runtime.Engines;

/**
 * Whole-model checks shared by the baselines' tests, on a tiny configuration: F_s = 3 sparse fields
 * (vocabulary 10), F_d = 2 dense, S = 3, T = 2, d = 4 (m = 20).
 */
public final class ModelTesting {

    /** F_s. */
    public static final int SPARSE = 3;

    /** F_d. */
    public static final int DENSE = 2;

    /** S. */
    public static final int SCENARIOS = 3;

    /** T. */
    public static final int TASKS = 2;

    private ModelTesting() {}

    /**
     * Returns the tiny configuration.
     *
     * @return the config
     */
    public static ModelConfig config() {
        return org.sapenet.model.testing.BlockTesting.tinyConfig(SPARSE, DENSE, SCENARIOS, TASKS)
                .build();
    }

    /**
     * Returns model inputs of B rows: seeded ids and dense values, scenario of row r = r mod S.
     *
     * @param manager the manager
     * @param b B
     * @param seed the seed
     * @return [sparse (B, F_s) int64, dense (B, F_d), scenario (B) int64]
     */
    public static NDList inputs(NDManager manager, int b, long seed) {
        Random random = new Random(seed);
        long[] ids = new long[b * SPARSE];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(10);
        }
        float[] dense = new float[b * DENSE];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) random.nextGaussian();
        }
        long[] scenario = new long[b];
        for (int r = 0; r < b; r++) {
            scenario[r] = r % SCENARIOS;
        }
        return ModelInputs.of(
                manager.create(ids, new Shape(b, SPARSE)),
                manager.create(dense, new Shape(b, DENSE)),
                manager.create(scenario));
    }

    /**
     * Initialises a model for B rows.
     *
     * @param block the model
     * @param manager the manager
     * @param b B
     */
    public static void initialize(Block block, NDManager manager, int b) {
        block.initialize(manager, DataType.FLOAT32, shapes(b));
    }

    private static Shape[] shapes(int b) {
        return new Shape[] {new Shape(b, SPARSE), new Shape(b, DENSE), new Shape(b)};
    }

    /**
     * Runs a forward pass.
     *
     * @param block the model
     * @param manager the manager
     * @param training whether this is a training pass
     * @param inputs the inputs
     * @return the logits (B, T) on the host
     */
    public static float[] logits(Block block, NDManager manager, boolean training, NDList inputs) {
        NDArray y =
                BlockTesting.forward(block, manager, training, inputs.toArray(new NDArray[0]))
                        .singletonOrThrow();
        assertEquals(new Shape(ModelInputs.sparse(inputs).getShape().get(0), TASKS), y.getShape());
        return y.toFloatArray();
    }

    /**
     * Asserts that every trainable parameter gets a gradient from a weighted sum of the logits.
     *
     * @param block the model
     */
    public static void assertGradientsReachEveryParameter(Block block) {
        try (NDManager manager = BlockTesting.manager()) {
            initialize(block, manager, 12);
            NDList inputs = inputs(manager, 12, 3);
            BlockTesting.assertGradientsReachEveryParameter(
                    block, manager, BlockTesting.weightedSum(4), inputs.toArray(new NDArray[0]));
        }
    }

    /**
     * Asserts that a model whose running statistics moved in a training pass gives identical
     * inference outputs after its parameters are saved and loaded into a new instance.
     *
     * @param builder builds the model
     * @throws Exception on a load failure
     */
    public static void assertSaveLoadRoundTrip(Supplier<Block> builder) throws Exception {
        try (NDManager manager = BlockTesting.manager()) {
            Block block = builder.get();
            initialize(block, manager, 12);
            NDList inputs = inputs(manager, 12, 5);
            logits(block, manager, true, inputs);
            float[] expected = logits(block, manager, false, inputs);
            Block loaded = builder.get();
            BlockTesting.copyParameters(block, loaded, manager);
            assertArrayEquals(expected, logits(loaded, manager, false, inputs));
        }
    }

    /**
     * Asserts that inference outputs follow their rows when the batch is permuted: each row's
     * logits depend on that row only, and per-scenario grouping puts results back in place.
     *
     * @param block the model
     */
    public static void assertRowsKeepTheirOutputsWhenTheBatchIsPermuted(Block block) {
        try (NDManager manager = BlockTesting.manager()) {
            int b = 9;
            initialize(block, manager, b);
            NDList inputs = inputs(manager, b, 7);
            float[] y = logits(block, manager, false, inputs);
            long[] perm = {4, 0, 8, 2, 7, 1, 3, 6, 5};
            NDArray index = manager.create(perm);
            NDList permuted = new NDList();
            for (NDArray x : inputs) {
                permuted.add(x.get(new ai.djl.ndarray.index.NDIndex("{}", index)));
            }
            float[] z = logits(block, manager, false, permuted);
            for (int r = 0; r < b; r++) {
                for (int t = 0; t < TASKS; t++) {
                    assertEquals(y[(int) perm[r] * TASKS + t], z[r * TASKS + t], 1e-5f);
                }
            }
        }
    }

    /**
     * Trains on a small synthetic problem with a planted signal (task 0: the first sparse id is
     * below 5; task 1: the second sparse id is below 5) and returns the first and last full-batch
     * loss.
     *
     * @param block the model, uninitialised
     * @param steps the number of Adam steps; initialisation is seeded
     * @param learningRate Adam's learning rate
     * @return {first loss, last loss}
     */
    public static float[] trainOnPlantedSignal(Block block, int steps, float learningRate) {
        int b = 96;
        ModelConfig config = config();
        Engines.pytorch().setRandomSeed(42);
        try (Model model = Model.newInstance("planted", Device.cpu(), "PyTorch")) {
            model.setBlock(block);
            DefaultTrainingConfig training =
                    new DefaultTrainingConfig(MultiTaskLoss.of(config))
                            .optOptimizer(
                                    Optimizer.adam()
                                            .optLearningRateTracker(Tracker.fixed(learningRate))
                                            .build());
            try (Trainer trainer = model.newTrainer(training)) {
                trainer.initialize(shapes(b));
                NDManager manager = trainer.getManager();
                NDList inputs = inputs(manager, b, 11);
                long[] ids = ModelInputs.sparse(inputs).toLongArray();
                float[] y = new float[b * TASKS];
                float[] mask = new float[b * TASKS];
                int[] scenario = new int[b];
                for (int r = 0; r < b; r++) {
                    y[r * TASKS] = ids[r * SPARSE] < 5 ? 1f : 0f;
                    y[r * TASKS + 1] = ids[r * SPARSE + 1] < 5 ? 1f : 0f;
                    mask[r * TASKS] = 1f;
                    mask[r * TASKS + 1] = 1f;
                    scenario[r] = r % SCENARIOS;
                }
                NDList labels =
                        new NDList(
                                manager.create(y, new Shape(b, TASKS)),
                                manager.create(mask, new Shape(b, TASKS)),
                                manager.create(scenario));
                float first = Float.NaN;
                float last = Float.NaN;
                for (int step = 0; step < steps; step++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray loss = trainer.getLoss().evaluate(labels, trainer.forward(inputs));
                        last = loss.getFloat();
                        if (step == 0) {
                            first = last;
                        }
                        gc.backward(loss);
                    }
                    trainer.step();
                }
                return new float[] {first, last};
            }
        }
    }

    /**
     * Asserts the loss on the planted problem falls by 40% in 50 Adam steps at learning rate 0.02.
     *
     * @param block the model, uninitialised
     */
    public static void assertLossFalls(Block block) {
        assertLossFalls(block, 50, 0.02f);
    }

    /**
     * Asserts the loss on the planted problem falls by 40%.
     *
     * @param block the model, uninitialised
     * @param steps the number of Adam steps
     * @param learningRate Adam's learning rate
     */
    public static void assertLossFalls(Block block, int steps, float learningRate) {
        float[] loss = trainOnPlantedSignal(block, steps, learningRate);
        assertTrue(
                loss[1] < 0.6f * loss[0],
                "loss should fall by 40%: first " + loss[0] + ", last " + loss[1]);
    }
}
