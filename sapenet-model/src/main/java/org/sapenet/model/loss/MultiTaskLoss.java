/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.GraphConstants;

/**
 * The multi-scenario multi-task loss, equation (14): the sum over scenarios s and tasks t of the
 * mean binary cross-entropy over the rows of scenario s whose mask is 1 for task t.
 *
 * <p>Labels: [y (B, T) float 0/1, mask (B, T) float 0/1, scenario (B) int]. Predictions: [logits
 * (B, T)]. The per-element loss is the stable BCE with logits, max(x, 0) - x y + log(1 +
 * exp(-|x|)). The group sums and counts come from two matrix products with the one-hot scenario
 * matrix O (B, S): sums = O^T (bce ⊙ mask), counts = O^T mask, both (S, T); loss = Σ sums /
 * max(counts, 1), so a group without rows adds exactly zero and nothing divides by zero.
 */
public final class MultiTaskLoss extends Loss {

    private final int scenarios;
    private final int tasks;

    /**
     * Creates the loss.
     *
     * @param name the name shown by training listeners
     * @param scenarios S
     * @param tasks T
     * @throws IllegalArgumentException when S or T is not positive
     */
    public MultiTaskLoss(String name, int scenarios, int tasks) {
        super(name);
        if (scenarios <= 0 || tasks <= 0) {
            throw new IllegalArgumentException(
                    "MultiTaskLoss needs S > 0 scenarios and T > 0 tasks, got S = "
                            + scenarios
                            + ", T = "
                            + tasks);
        }
        this.scenarios = scenarios;
        this.tasks = tasks;
    }

    /**
     * Creates the loss for a model config's scenarios and tasks.
     *
     * @param config the config
     * @return the loss, named "loss"
     */
    public static MultiTaskLoss of(ModelConfig config) {
        return new MultiTaskLoss("loss", config.numScenarios(), config.numTasks());
    }

    /**
     * Returns the element-wise stable binary cross-entropy with logits.
     *
     * @param logits x, any shape
     * @param labels y, the same shape, 0/1
     * @return max(x, 0) - x y + log(1 + exp(-|x|)), the last term as softplus(-|x|)
     */
    public static NDArray binaryCrossEntropyWithLogits(NDArray logits, NDArray labels) {
        return Activation.relu(logits)
                .sub(logits.mul(labels))
                .add(Activation.softPlus(logits.abs().neg()));
    }

    /** {@inheritDoc} */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        if (labels.size() != 3) {
            throw new IllegalArgumentException(
                    "MultiTaskLoss expects labels [y (B, T), mask (B, T), scenario (B)], got "
                            + labels.size()
                            + " arrays");
        }
        NDArray logits = predictions.get(0);
        NDArray y = labels.get(0).toType(logits.getDataType(), false);
        NDArray mask = labels.get(1).toType(logits.getDataType(), false);
        NDArray scenario = labels.get(2);
        if (logits.getShape().dimension() != 2 || logits.getShape().get(1) != tasks) {
            throw new IllegalArgumentException(
                    "MultiTaskLoss expects logits (B, " + tasks + "), got " + logits.getShape());
        }
        if (!y.getShape().equals(logits.getShape()) || !mask.getShape().equals(logits.getShape())) {
            throw new IllegalArgumentException(
                    "Labels "
                            + y.getShape()
                            + " and mask "
                            + mask.getShape()
                            + " must have the logits' shape "
                            + logits.getShape());
        }
        NDArray oneHotT =
                scenario.toType(DataType.INT64, false)
                        .oneHot(scenarios, logits.getDataType())
                        .transpose();
        NDArray masked = binaryCrossEntropyWithLogits(logits, y).mul(mask);
        NDArray sums = oneHotT.matMul(masked);
        NDArray counts = oneHotT.matMul(mask);
        return sums.div(counts.maximum(GraphConstants.scalar(counts, 1))).sum();
    }
}
