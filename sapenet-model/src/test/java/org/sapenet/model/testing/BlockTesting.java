/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.runtime.Engines;

/**
 * Helpers shared by the block and model tests: managers, tiny configs, fixed or seeded weights,
 * forward passes, gradients, save/load.
 */
public final class BlockTesting {

    private BlockTesting() {}

    /**
     * Returns a CPU manager of the PyTorch engine.
     *
     * @return a new base manager
     */
    public static NDManager manager() {
        return Engines.pytorch().newBaseManager(Device.cpu());
    }

    /**
     * Sets a parameter (found by the end of its name) to values.
     *
     * @param block the initialised block
     * @param nameSuffix the parameter's name, or the end of its path name
     * @param values the values, row-major in the parameter's shape
     */
    public static void set(Block block, String nameSuffix, float... values) {
        Parameter p = find(block, nameSuffix);
        NDArray old = p.getArray();
        NDArray arr = old.getManager().create(values, p.getShape());
        old.set(arr.toFloatArray());
        arr.close();
    }

    /**
     * Finds a parameter by the end of its path name; fails when none or several match.
     *
     * @param block the block
     * @param nameSuffix e.g. "layer0_weight"
     * @return the parameter
     */
    public static Parameter find(Block block, String nameSuffix) {
        List<Parameter> hits = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            String key = plainName(p.getKey());
            if (key.equals(nameSuffix) || key.endsWith("_" + nameSuffix)) {
                hits.add(p.getValue());
            }
        }
        assertEquals(1, hits.size(), "parameters named *" + nameSuffix + ": " + names(block));
        return hits.get(0);
    }

    /**
     * Returns a parameter's path name without the two-digit order prefixes DJL gives children.
     *
     * @param key e.g. "01layer0_weight"
     * @return e.g. "layer0_weight"
     */
    public static String plainName(String key) {
        return key.replaceAll("(^|_)\\d\\d(?=[A-Za-z])", "$1");
    }

    /**
     * Returns every parameter name of a block.
     *
     * @param block the block
     * @return the names
     */
    public static List<String> names(Block block) {
        List<String> names = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            names.add(plainName(p.getKey()));
        }
        return names;
    }

    /**
     * Initialises a block for float32 inputs of the given shapes.
     *
     * @param manager the manager
     * @param block the block
     * @param shapes the input shapes
     */
    public static void init(NDManager manager, Block block, Shape... shapes) {
        block.initialize(manager, DataType.FLOAT32, shapes);
    }

    /**
     * Returns a tiny config: F_s sparse fields with vocabulary 10, F_d dense, S scenarios, T tasks,
     * small widths.
     *
     * @param sparse F_s
     * @param dense F_d
     * @param scenarios S
     * @param tasks T
     * @return the config builder, for further changes
     */
    public static ModelConfig.Builder tinyConfig(int sparse, int dense, int scenarios, int tasks) {
        ModelConfig.Builder b = ModelConfig.builder();
        for (int f = 0; f < sparse; f++) {
            b.addSparseField("s" + f, 10);
        }
        List<String> d = new ArrayList<>();
        for (int j = 0; j < dense; j++) {
            d.add("d" + j);
        }
        List<String> s = new ArrayList<>();
        for (int j = 0; j < scenarios; j++) {
            s.add("scenario" + j);
        }
        List<String> t = new ArrayList<>();
        for (int j = 0; j < tasks; j++) {
            t.add("task" + j);
        }
        return b.setDenseFields(d)
                .setScenarios(s)
                .setTasks(t)
                .optEmbeddingDim(4)
                .optStarWidths(16, 8)
                .optPleWidths(8, 6)
                .optExpertWidth(6)
                .optTowerWidth(5);
    }

    /**
     * Returns n floats uniform in [-1, 1) from a seed.
     *
     * @param seed the seed
     * @param n how many
     * @return the values
     */
    public static float[] uniform(long seed, int n) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextFloat() * 2f - 1f;
        }
        return v;
    }

    /**
     * Overwrites a parameter's values (row-major) and returns them.
     *
     * @param block the block
     * @param name the parameter's full name in {@link Block#getParameters()}
     * @param values the values
     * @return the values
     */
    public static float[] setByFullName(Block block, String name, float[] values) {
        Parameter p = block.getParameters().get(name);
        assertNotNull(p, "no parameter " + name + " in " + block.getParameters().keys());
        assertEquals(p.getArray().size(), values.length, name + " size");
        p.getArray().set(values);
        return values;
    }

    /**
     * Overwrites a parameter with seeded uniform values and returns them.
     *
     * @param block the block
     * @param name the parameter's full name
     * @param seed the seed
     * @return the values
     */
    public static float[] randomise(Block block, String name, long seed) {
        Parameter p = block.getParameters().get(name);
        assertNotNull(p, "no parameter " + name + " in " + block.getParameters().keys());
        return setByFullName(block, name, uniform(seed, (int) p.getArray().size()));
    }

    /**
     * Returns a parameter's current values.
     *
     * @param block the block
     * @param name the parameter's full name
     * @return the values
     */
    public static float[] values(Block block, String name) {
        return block.getParameters().get(name).getArray().toFloatArray();
    }

    /**
     * Runs a forward pass.
     *
     * @param block the block
     * @param manager the manager owning the inputs
     * @param training whether this is a training pass
     * @param inputs the inputs
     * @return the outputs
     */
    public static NDList forward(
            Block block, NDManager manager, boolean training, NDArray... inputs) {
        return block.forward(new ParameterStore(manager, false), new NDList(inputs), training);
    }

    /**
     * Runs one training forward pass and a backward pass of the sum of a function of its outputs,
     * and asserts that every trainable parameter received a gradient with a non-zero entry.
     *
     * @param block an initialised block
     * @param manager the manager
     * @param loss maps the outputs to a scalar
     * @param inputs the inputs
     */
    public static void assertGradientsReachEveryParameter(
            Block block, NDManager manager, Function<NDList, NDArray> loss, NDArray... inputs) {
        List<String> missing = new ArrayList<>();
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
            }
            NDList out = forward(block, manager, true, inputs);
            gc.backward(loss.apply(out));
        }
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (!p.getValue().requiresGradient()) {
                continue;
            }
            NDArray grad = p.getValue().getArray().getGradient();
            if (grad.abs().max().getFloat() == 0f) {
                missing.add(p.getKey());
            }
        }
        assertTrue(missing.isEmpty(), "no gradient reached " + missing);
    }

    /**
     * Returns a scalar loss that weighs every output entry by a fixed random weight, so that no
     * gradient vanishes by symmetry (a plain sum of a normalised output has zero gradient).
     *
     * @param seed the seed of the weights
     * @return the loss function
     */
    public static Function<NDList, NDArray> weightedSum(long seed) {
        return out -> {
            NDArray y = out.head();
            NDArray w = y.getManager().create(uniform(seed, (int) y.size()), y.getShape());
            return y.mul(w).sum();
        };
    }

    /**
     * Saves a block's parameters and loads them into another.
     *
     * @param from the saved block
     * @param to a block built the same way
     * @param manager the manager for the loaded arrays
     * @throws IOException never in practice (in-memory streams)
     * @throws MalformedModelException when the blocks differ
     */
    public static void copyParameters(Block from, Block to, NDManager manager)
            throws IOException, MalformedModelException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            from.saveParameters(out);
        }
        try (DataInputStream in =
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            to.loadParameters(manager, in);
        }
    }

    /**
     * Asserts two float arrays are equal element-wise within a tolerance.
     *
     * @param expected the expected values
     * @param actual the actual values
     * @param tolerance the absolute tolerance
     * @param what what is compared
     */
    public static void assertClose(
            double[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + " [" + i + "]");
        }
    }

    /**
     * Creates int64 scenario ids.
     *
     * @param manager the manager
     * @param ids the ids
     * @return (B)
     */
    public static NDArray scenarios(NDManager manager, long... ids) {
        return manager.create(ids);
    }

    /**
     * Creates a (rows, cols) float array.
     *
     * @param manager the manager
     * @param values the row-major values
     * @param rows the rows
     * @param cols the columns
     * @return the array
     */
    public static NDArray matrix(NDManager manager, float[] values, int rows, int cols) {
        return manager.create(values, new Shape(rows, cols));
    }
}
