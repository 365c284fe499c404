/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.Pair;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.runtime.Engines;

/**
 * The shapes of a block's parameters, by path name: what a model configuration implies and what a
 * checkpoint's parameter file holds. DJL loads any array into a parameter without comparing shapes,
 * so a parameter file that does not match the configuration (another vocabulary size, embedding dim
 * or width) would load and then predict wrongly or fail deep in a forward pass; comparing the
 * shapes turns that into a clear error.
 */
final class ParameterShapes {

    private ParameterShapes() {}

    /**
     * Returns the model input shapes of a configuration, in {@link ModelInputs}' order: sparse ids
     * (B, F_s), dense (B, F_d) and scenario (B).
     *
     * @param config the configuration
     * @param batch B
     * @return the three shapes
     */
    static Shape[] inputShapes(ModelConfig config, long batch) {
        Shape[] shapes = new Shape[ModelInputs.SIZE];
        shapes[ModelInputs.SPARSE] = new Shape(batch, config.numSparseFields());
        shapes[ModelInputs.DENSE] = new Shape(batch, config.numDenseFields());
        shapes[ModelInputs.SCENARIO] = new Shape(batch);
        return shapes;
    }

    /**
     * Returns the shapes of an initialised or loaded block's parameters.
     *
     * @param block the block
     * @return path name to shape, in the block's order
     */
    static Map<String, long[]> of(Block block) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter parameter = p.getValue();
            shapes.put(
                    p.getKey(),
                    parameter.isInitialized() ? parameter.getArray().getShape().getShape() : null);
        }
        return shapes;
    }

    /**
     * Returns the parameter shapes a configuration implies, by building a fresh block and
     * initialising it with zeros in a temporary manager (freed before returning).
     *
     * @param factory builds the model's block from a configuration
     * @param config the configuration
     * @return path name to shape
     */
    static Map<String, long[]> expected(Function<ModelConfig, Block> factory, ModelConfig config) {
        Block fresh = factory.apply(config);
        fresh.setInitializer(new ConstantInitializer(0f), p -> true);
        try (NDManager manager = Engines.pytorch().newBaseManager(Device.cpu())) {
            fresh.initialize(manager, DataType.FLOAT32, inputShapes(config, 1));
            return of(fresh);
        }
    }

    /**
     * Compares two sets of parameter shapes.
     *
     * @param expected what the configuration implies
     * @param actual what the parameters hold
     * @param where the checkpoint, for the message
     * @throws CheckpointException naming the first parameter that differs
     */
    static void check(Map<String, long[]> expected, Map<String, long[]> actual, String where) {
        if (!expected.keySet().equals(actual.keySet())) {
            throw new CheckpointException(
                    where
                            + ": the parameters "
                            + actual.keySet()
                            + " are not those the model config builds "
                            + expected.keySet()
                            + ": the parameters do not belong to this config");
        }
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            long[] got = actual.get(e.getKey());
            if (!Arrays.equals(e.getValue(), got)) {
                throw new CheckpointException(
                        where
                                + ": parameter "
                                + e.getKey()
                                + " has shape "
                                + Arrays.toString(got)
                                + " but the model config implies "
                                + Arrays.toString(e.getValue())
                                + ": the parameters do not match the config (another vocabulary"
                                + " size, dimension or width?)");
            }
        }
    }
}
