/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.runtime.Engines;

/** Helpers shared by the block tests: managers, fixed weights, forward passes, tiny configs. */
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
     * Runs an inference forward pass.
     *
     * @param manager the manager
     * @param block the block
     * @param inputs the inputs
     * @return the outputs
     */
    public static NDList forward(NDManager manager, Block block, NDArray... inputs) {
        return block.forward(new ParameterStore(manager, false), new NDList(inputs), false);
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
     * Asserts two float arrays are equal within a tolerance.
     *
     * @param expected expected values
     * @param actual actual values
     * @param tolerance absolute tolerance
     */
    public static void assertClose(double[] expected, float[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "element " + i);
        }
    }
}
