/*
 * SAPENet for the JVM.
 */
package org.sapenet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * The layout of every model's input: the {@link NDList} a model's forward pass takes (and the
 * {@code Shape[]} its {@code initialize} and {@code getOutputShapes} take), by position.
 *
 * <pre>
 *   [SPARSE]   sparse ids      (B, F_s) int    one categorical id per sparse field
 *   [DENSE]    dense values    (B, F_d) float  one number per dense field
 *   [SCENARIO] scenario ids    (B)      int    each row's scenario, in [0, S)
 * </pre>
 *
 * <p>B is the batch, F_s the number of sparse fields, F_d the number of dense fields and S the
 * number of scenarios (the letters of {@link org.sapenet.model.config.ModelConfig}). A model's
 * output is described by {@link Predictions}.
 *
 * <p>Only the model's own input has this layout: the layers inside a model take lists of their own
 * (e.g. a representation and the scenario ids), documented on each layer.
 */
public final class ModelInputs {

    /** The position of the sparse ids (B, F_s), int. */
    public static final int SPARSE = 0;

    /** The position of the dense values (B, F_d), float. */
    public static final int DENSE = 1;

    /** The position of the scenario ids (B), int in [0, S). */
    public static final int SCENARIO = 2;

    /** The number of arrays in a model's input. */
    public static final int SIZE = 3;

    private ModelInputs() {}

    /**
     * Returns a model input from its three arrays.
     *
     * @param sparse sparse ids (B, F_s)
     * @param dense dense values (B, F_d)
     * @param scenario scenario ids (B)
     * @return [sparse (B, F_s), dense (B, F_d), scenario (B)]
     */
    public static NDList of(NDArray sparse, NDArray dense, NDArray scenario) {
        return new NDList(sparse, dense, scenario);
    }

    /**
     * Returns the sparse ids of a model input.
     *
     * @param inputs a model input [sparse (B, F_s), dense (B, F_d), scenario (B)]
     * @return the sparse ids (B, F_s)
     */
    public static NDArray sparse(NDList inputs) {
        return inputs.get(SPARSE);
    }

    /**
     * Returns the dense values of a model input.
     *
     * @param inputs a model input [sparse (B, F_s), dense (B, F_d), scenario (B)]
     * @return the dense values (B, F_d)
     */
    public static NDArray dense(NDList inputs) {
        return inputs.get(DENSE);
    }

    /**
     * Returns the scenario ids of a model input.
     *
     * @param inputs a model input [sparse (B, F_s), dense (B, F_d), scenario (B)]
     * @return the scenario ids (B)
     */
    public static NDArray scenario(NDList inputs) {
        return inputs.get(SCENARIO);
    }

    /**
     * Returns the features of a model input, the input of its field embedding: [sparse ids (B,
     * F_s), dense values (B, F_d)], the same arrays in a new list.
     *
     * @param inputs a model input [sparse (B, F_s), dense (B, F_d), scenario (B)]
     * @return [sparse (B, F_s), dense (B, F_d)]
     */
    public static NDList features(NDList inputs) {
        return new NDList(sparse(inputs), dense(inputs));
    }
}
