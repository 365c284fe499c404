/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.testing;

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
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.loss.MultiTaskLoss;
import org.sapenet.model.runtime.Engines;

/**
 * Model-level checks every model of this module must pass: routing, gradients, determinism,
 * save/load and learning a planted signal. Inputs follow the shared contract. The second part works
 * on one tiny fixed configuration ({@link #config()}).
 */
public final class ModelTesting {

    private ModelTesting() {}

    /** A synthetic batch on the host: inputs and labels. */
    public static final class HostBatch {
        final long[] ids;
        final float[] dense;
        final int[] scenario;
        final float[] y;
        final float[] mask;
        final int rows;

        HostBatch(int rows, int sparse, int dense, int tasks) {
            this.rows = rows;
            ids = new long[rows * sparse];
            this.dense = new float[rows * dense];
            scenario = new int[rows];
            y = new float[rows * tasks];
            mask = new float[rows * tasks];
        }

        /**
         * Returns the inputs [ids, dense, scenario].
         *
         * @param m the manager
         * @param config the config
         * @return the inputs
         */
        public NDList inputs(NDManager m, ModelConfig config) {
            return ModelInputs.of(
                    m.create(ids, new Shape(rows, config.numSparseFields())),
                    m.create(dense, new Shape(rows, config.numDenseFields())),
                    m.create(scenario));
        }

        /**
         * Returns the labels [y, mask, scenario].
         *
         * @param m the manager
         * @param config the config
         * @return the labels
         */
        public NDList labels(NDManager m, ModelConfig config) {
            Shape s = new Shape(rows, config.numTasks());
            return new NDList(m.create(y, s), m.create(mask, s), m.create(scenario));
        }
    }

    /**
     * Draws a batch with a planted scenario-specific signal: task 0 is positive when field 0's id
     * is below half its vocabulary in scenario 0, above in scenario 1, and when dense 0 is positive
     * in any other scenario; task t > 0 is task 0 and field 1's id even. Every scenario appears;
     * about 10% of labels are masked.
     *
     * @param config the config (2+ sparse fields, 1+ dense field)
     * @param rows B
     * @param random the random source
     * @return the batch
     */
    public static HostBatch plantedBatch(ModelConfig config, int rows, Random random) {
        int fs = config.numSparseFields();
        int fd = config.numDenseFields();
        int tasks = config.numTasks();
        int[] vocab = config.vocabularySizeArray();
        HostBatch b = new HostBatch(rows, fs, fd, tasks);
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < fs; f++) {
                b.ids[r * fs + f] = random.nextInt(vocab[f]);
            }
            for (int j = 0; j < fd; j++) {
                b.dense[r * fd + j] = (float) random.nextGaussian();
            }
            int s = r % config.numScenarios();
            b.scenario[r] = s;
            if (fs >= 3) {
                // Like AliCCP's 301: the last sparse field carries the scenario (id s + 1).
                b.ids[r * fs + fs - 1] = s + 1;
            }
            boolean low = b.ids[r * fs] < vocab[0] / 2;
            boolean positive = s == 0 ? low : s == 1 ? !low : b.dense[r * fd] > 0;
            for (int t = 0; t < tasks; t++) {
                boolean label = t % 2 == 0 ? positive : !positive;
                b.y[r * tasks + t] = label ? 1f : 0f;
                b.mask[r * tasks + t] = random.nextDouble() < 0.9 ? 1f : 0f;
            }
        }
        return b;
    }

    /**
     * Draws a batch whose labels need a field interaction: task t is positive when exactly one of
     * fields 0 and 1 has an id in the lower half of its vocabulary (an XOR, which no single field
     * predicts), flipped for odd t; every scenario alike, nothing masked.
     *
     * @param config the config (2+ sparse fields)
     * @param rows B
     * @param random the random source
     * @return the batch
     */
    public static HostBatch interactionBatch(ModelConfig config, int rows, Random random) {
        int fs = config.numSparseFields();
        int fd = config.numDenseFields();
        int tasks = config.numTasks();
        int[] vocab = config.vocabularySizeArray();
        HostBatch b = new HostBatch(rows, fs, fd, tasks);
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < fs; f++) {
                b.ids[r * fs + f] = random.nextInt(vocab[f]);
            }
            for (int j = 0; j < fd; j++) {
                b.dense[r * fd + j] = random.nextFloat();
            }
            b.scenario[r] = r % config.numScenarios();
            boolean positive = (b.ids[r * fs] < vocab[0] / 2) != (b.ids[r * fs + 1] < vocab[1] / 2);
            for (int t = 0; t < tasks; t++) {
                b.y[r * tasks + t] = positive == (t % 2 == 0) ? 1f : 0f;
                b.mask[r * tasks + t] = 1f;
            }
        }
        return b;
    }

    /**
     * Creates a trainer (Adam, fixed learning rate) on a new model holding the block, initialised
     * for a batch of the config, with the engine's seed set first.
     *
     * @param block the block
     * @param config the config
     * @param seed the seed
     * @param learningRate the learning rate
     * @return the trainer (close its model after use)
     */
    public static Trainer trainer(Block block, ModelConfig config, int seed, float learningRate) {
        Engines.pytorch().setRandomSeed(seed);
        Model model = Model.newInstance("test", Device.cpu(), Engines.ENGINE_NAME);
        model.setBlock(block);
        DefaultTrainingConfig tc =
                new DefaultTrainingConfig(MultiTaskLoss.of(config))
                        .optOptimizer(
                                Optimizer.adam()
                                        .optLearningRateTracker(Tracker.fixed(learningRate))
                                        .build())
                        .optDevices(new Device[] {Device.cpu()});
        Trainer trainer = model.newTrainer(tc);
        trainer.initialize(
                new Shape(8, config.numSparseFields()),
                new Shape(8, config.numDenseFields()),
                new Shape(8));
        return trainer;
    }

    /**
     * Runs one training step on a batch.
     *
     * @param trainer the trainer
     * @param config the config
     * @param batch the batch
     * @return the loss before the update
     */
    public static float step(Trainer trainer, ModelConfig config, HostBatch batch) {
        try (NDManager sub = trainer.getManager().newSubManager()) {
            NDList inputs = batch.inputs(sub, config);
            NDList labels = batch.labels(sub, config);
            float value;
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList out = trainer.forward(inputs, labels);
                NDArray loss = trainer.getLoss().evaluate(labels, out);
                value = loss.getFloat();
                gc.backward(loss);
            }
            trainer.step();
            return value;
        }
    }

    /**
     * Asserts that one backward pass gives every trainable parameter a non-zero gradient.
     *
     * @param factory builds the block
     * @param config the config
     * @param noGradient names (plain, as {@link BlockTesting#plainName}) expected to get none
     */
    public static void assertGradientsReachEveryParameter(
            Supplier<Block> factory, ModelConfig config, Set<String> noGradient) {
        Block block = factory.get();
        try (Trainer trainer = trainer(block, config, 11, 1e-3f)) {
            HostBatch batch = plantedBatch(config, 64, new Random(5));
            try (NDManager sub = trainer.getManager().newSubManager()) {
                NDList labels = batch.labels(sub, config);
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDList out = trainer.forward(batch.inputs(sub, config), labels);
                    gc.backward(trainer.getLoss().evaluate(labels, out));
                }
                List<String> missing = new ArrayList<>();
                for (Pair<String, Parameter> p : block.getParameters()) {
                    if (!p.getValue().requiresGradient()) {
                        continue; // running statistics
                    }
                    String name = BlockTesting.plainName(p.getKey());
                    float norm = p.getValue().getArray().getGradient().abs().sum().getFloat();
                    boolean expected = !noGradient.contains(name);
                    if ((norm > 0) != expected) {
                        missing.add(name + " |grad| = " + norm);
                    }
                }
                assertTrue(missing.isEmpty(), "unexpected gradients: " + missing);
            }
            trainer.getModel().close();
        }
    }

    /**
     * Asserts that two fresh trainings of a few steps with the same seed give the same losses.
     *
     * @param factory builds the block
     * @param config the config
     */
    public static void assertDeterministic(Supplier<Block> factory, ModelConfig config) {
        float[][] losses = new float[2][3];
        for (int run = 0; run < 2; run++) {
            try (Trainer trainer = trainer(factory.get(), config, 7, 1e-2f)) {
                Random random = new Random(3);
                for (int i = 0; i < 3; i++) {
                    losses[run][i] = step(trainer, config, plantedBatch(config, 48, random));
                }
                trainer.getModel().close();
            }
        }
        assertArrayEquals(losses[0], losses[1], "same seed, same losses");
    }

    /**
     * Asserts that training steps leave no arrays behind in the model's manager (engine.md's memory
     * rules): the count after 2 steps (optimiser state exists by then) equals the count after 5.
     *
     * @param factory builds the block
     * @param config the config
     */
    public static void assertNoArraysAccumulate(Supplier<Block> factory, ModelConfig config) {
        try (Trainer trainer = trainer(factory.get(), config, 3, 1e-3f)) {
            Random random = new Random(8);
            ai.djl.ndarray.BaseNDManager manager =
                    (ai.djl.ndarray.BaseNDManager) trainer.getModel().getNDManager();
            for (int i = 0; i < 2; i++) {
                step(trainer, config, plantedBatch(config, 24, random));
            }
            int before = manager.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                step(trainer, config, plantedBatch(config, 24, random));
            }
            assertEquals(
                    before, manager.getManagedArrays().size(), "arrays in the model's manager");
            trainer.getModel().close();
        }
    }

    /**
     * Asserts that native memory freed while autograd still reads it cannot change gradients (the
     * hazard {@link org.sapenet.model.layers.GraphConstants} explains): the gradients of one batch
     * are computed twice on the same weights, once plainly and once with a garbage collection and
     * fresh direct buffers full of junk between the forward and the backward pass. Any array of the
     * graph whose Java-owned memory was released during the forward pass is then overwritten with
     * the junk before backward reads it, and the gradients differ. They must agree bit for bit.
     *
     * @param factory builds the block
     * @param config the config
     * @throws InterruptedException when interrupted while the GC runs
     */
    public static void assertGradientsSurviveGarbageCollection(
            Supplier<Block> factory, ModelConfig config) throws InterruptedException {
        Block block = factory.get();
        try (Trainer trainer = trainer(block, config, 5, 1e-3f)) {
            HostBatch batch = plantedBatch(config, 64, new Random(9));
            List<float[]> plain = gradients(trainer, block, config, batch, false);
            List<float[]> collected = gradients(trainer, block, config, batch, true);
            assertTrue(plain.stream().anyMatch(g -> nonZero(g)), "some gradient");
            for (int i = 0; i < plain.size(); i++) {
                assertArrayEquals(
                        plain.get(i),
                        collected.get(i),
                        "gradient of "
                                + block.getParameters().get(i).getKey()
                                + " changed after a GC between forward and backward");
            }
            trainer.getModel().close();
        }
    }

    private static List<float[]> gradients(
            Trainer trainer, Block block, ModelConfig config, HostBatch batch, boolean collect)
            throws InterruptedException {
        List<float[]> out = new ArrayList<>();
        List<ByteBuffer> junk = new ArrayList<>();
        try (NDManager sub = trainer.getManager().newSubManager()) {
            NDList labels = batch.labels(sub, config);
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList logits =
                        block.forward(
                                new ParameterStore(sub, false), batch.inputs(sub, config), true);
                NDArray loss = trainer.getLoss().evaluate(labels, logits);
                if (collect) {
                    overwriteFreedMemory(junk);
                }
                gc.backward(loss);
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray weight = p.getValue().getArray();
                if (weight.hasGradient()) {
                    try (NDArray g = weight.getGradient()) {
                        out.add(g.toFloatArray());
                        g.subi(g);
                    }
                } else {
                    out.add(new float[0]);
                }
            }
        }
        junk.clear();
        return out;
    }

    /** Frees what the GC can free, then takes small and medium blocks back, full of junk. */
    private static void overwriteFreedMemory(List<ByteBuffer> junk) throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(40);
        }
        for (int size : new int[] {4, 8, 16, 32, 64, 256, 1024}) {
            for (int i = 0; i < 400; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
                while (b.remaining() >= 4) {
                    b.putFloat(12345f);
                }
                junk.add(b);
            }
        }
    }

    private static boolean nonZero(float[] values) {
        for (float v : values) {
            if (v != 0f) {
                return true;
            }
        }
        return false;
    }

    /**
     * Trains on the planted problem and asserts that the loss falls clearly.
     *
     * @param factory builds the block
     * @param config the config
     * @param steps the number of steps
     * @param maxRatio the largest allowed ratio of the last to the first 20 steps' mean loss
     */
    public static void assertLearnsPlantedSignal(
            Supplier<Block> factory, ModelConfig config, int steps, double maxRatio) {
        try (Trainer trainer = trainer(factory.get(), config, 13, 1e-2f)) {
            Random random = new Random(17);
            double first = 0;
            double last = 0;
            for (int i = 0; i < steps; i++) {
                float loss = step(trainer, config, plantedBatch(config, 128, random));
                if (!Float.isFinite(loss)) {
                    List<String> bad = new ArrayList<>();
                    for (Pair<String, Parameter> p :
                            trainer.getModel().getBlock().getParameters()) {
                        for (float v : p.getValue().getArray().toFloatArray()) {
                            if (!Float.isFinite(v)) {
                                bad.add(p.getKey());
                                break;
                            }
                        }
                    }
                    throw new AssertionError(
                            "loss at step "
                                    + i
                                    + " is "
                                    + loss
                                    + "; non-finite parameters: "
                                    + bad);
                }
                if (i < 20) {
                    first += loss / 20;
                } else if (i >= steps - 20) {
                    last += loss / 20;
                }
            }
            assertTrue(
                    last < maxRatio * first,
                    "loss fell from " + first + " to " + last + ", wanted below " + maxRatio + "x");
            trainer.getModel().close();
        }
    }

    /**
     * Asserts that permuting a batch permutes the outputs, and that a row's output does not depend
     * on the other rows' scenarios.
     *
     * @param factory builds the block
     * @param config the config
     */
    public static void assertRowwise(Supplier<Block> factory, ModelConfig config) {
        try (NDManager m = BlockTesting.manager()) {
            Engines.pytorch().setRandomSeed(31);
            Block block = factory.get();
            block.initialize(
                    m,
                    ai.djl.ndarray.types.DataType.FLOAT32,
                    new Shape(8, config.numSparseFields()),
                    new Shape(8, config.numDenseFields()),
                    new Shape(8));
            HostBatch batch = plantedBatch(config, 12, new Random(4));
            NDList inputs = batch.inputs(m, config);
            float[] out = forward(m, block, inputs);
            int tasks = config.numTasks();
            // Reverse the batch.
            long[] perm = new long[batch.rows];
            for (int r = 0; r < batch.rows; r++) {
                perm[r] = batch.rows - 1 - r;
            }
            NDArray p = m.create(perm);
            NDList permuted = new NDList();
            for (NDArray x : inputs) {
                permuted.add(x.get(new ai.djl.ndarray.index.NDIndex("{}", p)));
            }
            float[] outPerm = forward(m, block, permuted);
            for (int r = 0; r < batch.rows; r++) {
                for (int t = 0; t < tasks; t++) {
                    assertEquals(
                            out[(batch.rows - 1 - r) * tasks + t],
                            outPerm[r * tasks + t],
                            1e-5,
                            "row " + r + " task " + t);
                }
            }
            // Change every other row's scenario: row 0's output must not move.
            int[] scenario = batch.scenario.clone();
            for (int r = 1; r < batch.rows; r++) {
                scenario[r] = (scenario[r] + 1) % config.numScenarios();
            }
            NDList changed =
                    ModelInputs.of(
                            ModelInputs.sparse(inputs),
                            ModelInputs.dense(inputs),
                            m.create(scenario));
            float[] outChanged = forward(m, block, changed);
            for (int t = 0; t < tasks; t++) {
                assertEquals(out[t], outChanged[t], 1e-5, "row 0 task " + t);
            }
            // Its own scenario does matter (else routing is not tested).
            if (config.numScenarios() > 1) {
                int[] own = batch.scenario.clone();
                own[0] = (own[0] + 1) % config.numScenarios();
                float[] outOwn =
                        forward(
                                m,
                                block,
                                ModelInputs.of(
                                        ModelInputs.sparse(inputs),
                                        ModelInputs.dense(inputs),
                                        m.create(own)));
                assertTrue(Math.abs(outOwn[0] - out[0]) > 1e-7, "row 0 depends on its scenario");
            }
        }
    }

    private static float[] forward(NDManager m, Block block, NDList inputs) {
        return block.forward(new ParameterStore(m, false), inputs, false)
                .singletonOrThrow()
                .toFloatArray();
    }

    // The tiny fixed configuration the baselines' tests share: F_s = 3 sparse fields (vocabulary
    // 10), F_d = 2 dense, S = 3, T = 2, d = 4 (m = 20), with the checks built on it.

    /** F_s. */
    public static final int SPARSE = 3;

    /** F_d. */
    public static final int DENSE = 2;

    /** S. */
    public static final int SCENARIOS = 3;

    /** T. */
    public static final int TASKS = 2;

    /**
     * Returns the tiny configuration.
     *
     * @return the config
     */
    public static ModelConfig config() {
        return BlockTesting.tinyConfig(SPARSE, DENSE, SCENARIOS, TASKS).build();
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
     * Asserts that a model's scenario-specific parameters (those named "scenario", running
     * statistics aside), set to random values, route each row by its own scenario: moving row 0
     * from scenario 0 to 1 changes its logits, and row 1, already in scenario 1, keeps its own.
     *
     * @param block the model, uninitialised
     */
    public static void assertScenarioSpecificParametersRouteEachRow(Block block) {
        try (NDManager manager = BlockTesting.manager()) {
            initialize(block, manager, 6);
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getKey().contains("scenario") && !p.getKey().contains("running")) {
                    BlockTesting.randomise(block, p.getKey(), p.getKey().hashCode());
                }
            }
            NDList inputs = inputs(manager, 6, 1);
            float[] before = logits(block, manager, false, inputs);
            inputs.set(ModelInputs.SCENARIO, manager.create(new long[] {1, 1, 1, 1, 1, 1}));
            float[] after = logits(block, manager, false, inputs);
            assertEquals(before[2], after[2], 1e-6f, "row 1 was already scenario 1");
            assertTrue(before[0] != after[0], "row 0 moved from scenario 0 to 1");
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
