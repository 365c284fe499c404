/*
 * SAPENet for the JVM.
 */
package org.sapenet.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/** Views of a model's output. */
public final class Predictions {

    private Predictions() {}

    /**
     * Returns the predicted probabilities ŷ = sigmoid(logits).
     *
     * @param output a model's output [logits (B, T)]
     * @return probabilities (B, T)
     */
    public static NDArray probabilities(NDList output) {
        return Activation.sigmoid(output.get(0));
    }
}
