/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;
import org.sapenet.model.layers.GraphConstants;

/**
 * Adam with L2 weight decay, exactly as {@code torch.optim.Adam(weight_decay=wd)}, whose state
 * (both moments and the step count of every parameter) can be saved and restored, so that a resumed
 * run continues with the same updates as an uninterrupted one. DJL's own {@code Adam} keeps its
 * moments private and restarts them from zero after a reload.
 *
 * <p>For a parameter w with gradient g at step k: g' = g + wd * w; m = β1 m + (1 - β1) g'; v = β2 v
 * + (1 - β2) g'^2; w -= lr_k / (1 - β1^k) * m / (sqrt(v) / sqrt(1 - β2^k) + ε), with lr_k = lr
 * min(1, k / W) over an optional linear warm-up of W steps (W = 0: lr_k = lr, torch's Adam). The
 * gradient is zeroed afterwards, as DJL's fused PyTorch update does.
 *
 * <p>The state lives on the parameter's device and in the parameter's manager; one instance belongs
 * to one model.
 */
public final class ResumableAdam extends Optimizer {

    private static final int STATE_MAGIC = 0x53414441; // "SADA"
    private static final int STATE_VERSION = 1;

    private final float learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final int warmupSteps;
    private final Map<String, State> states = new TreeMap<>();

    private ResumableAdam(Builder builder) {
        super(builder);
        learningRate = builder.learningRate;
        beta1 = builder.beta1;
        beta2 = builder.beta2;
        epsilon = builder.epsilon;
        warmupSteps = builder.warmupSteps;
    }

    /**
     * Returns a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        State state = stateOf(parameterId, weight);
        try (NDManager scope = weight.getManager().newSubManager()) {
            NDArray update = step(scope, state, weight, grad, state.mean, state.variance);
            weight.subi(update);
            grad.subi(grad);
        }
    }

    /**
     * A row-sparse (lazy) update of a (rows, d) table, as {@code torch.optim.SparseAdam} and
     * TensorFlow's {@code LazyAdam} give embedding tables: only the given rows, the ids a batch
     * looked up, get their gradient (plus weight decay on those rows), moments and weights updated,
     * with the bias correction and warm-up of the parameter's global step count, which advances
     * every step. The other rows keep their weights and moments, where dense Adam would still move
     * them by their momentum and decay. A row in the batch gets exactly the values dense Adam would
     * give it after the same history (even when its gradient is zero in this step), so a row in
     * every batch matches dense Adam bit for bit. The saved state is the same as for dense updates.
     * The row gradients are read only (they belong to the batch's lookup, {@link
     * org.sapenet.model.layers.EmbeddingRows}).
     *
     * @param parameterId the parameter's id (its path in the block tree)
     * @param weight the table (rows, d)
     * @param rows the distinct row indices to update, int64 (n), on the table's device
     * @param rowGradients the gradient of those rows, (n, d)
     */
    public void updateRows(String parameterId, NDArray weight, NDArray rows, NDArray rowGradients) {
        if (weight.getShape().dimension() != 2) {
            throw new IllegalArgumentException(
                    "A row-sparse update needs a (rows, d) table, "
                            + parameterId
                            + " is "
                            + weight.getShape());
        }
        State state = stateOf(parameterId, weight);
        if (rows.isEmpty()) {
            return;
        }
        try (NDManager scope = weight.getManager().newSubManager()) {
            NDIndex index = new NDIndex("{}", rows);
            NDArray w = weight.get(scope, index);
            NDArray mean = state.mean.get(scope, index);
            NDArray variance = state.variance.get(scope, index);
            NDArray update = step(scope, state, w, rowGradients, mean, variance);
            w.subi(update);
            weight.set(index, w);
            state.mean.set(index, mean);
            state.variance.set(index, variance);
        }
    }

    /** The parameter's state, created with zero moments at its first update; counts the step. */
    private State stateOf(String parameterId, NDArray weight) {
        State state = states.get(parameterId);
        if (state == null) {
            state = new State(weight.zerosLike(), weight.zerosLike());
            states.put(parameterId, state);
        }
        state.step++;
        return state;
    }

    /**
     * One Adam step on arrays of the same shape: updates {@code mean} and {@code variance} in place
     * and returns what to subtract from {@code weight} (in {@code scope}).
     */
    private NDArray step(
            NDManager scope,
            State state,
            NDArray weight,
            NDArray grad,
            NDArray mean,
            NDArray variance) {
        double biasCorrection1 = 1 - Math.pow(beta1, state.step);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, state.step));
        double rate = learningRate * Math.min(1.0, state.step / (double) Math.max(1, warmupSteps));
        float weightDecay = getWeightDecay();
        DataType type = weight.getDataType();
        NDArray g = grad;
        if (rescaleGrad != 1f) {
            g = g.mul(GraphConstants.scalar(scope, type, rescaleGrad));
            g.attach(scope);
        }
        if (weightDecay != 0f) {
            NDArray decayed = weight.mul(GraphConstants.scalar(scope, type, weightDecay));
            decayed.attach(scope);
            g = g.add(decayed);
            g.attach(scope);
        }
        NDArray step1 = g.mul(GraphConstants.scalar(scope, type, 1 - beta1));
        step1.attach(scope);
        mean.muli(GraphConstants.scalar(scope, type, beta1)).addi(step1);
        NDArray step2 = g.square();
        step2.attach(scope);
        step2.muli(GraphConstants.scalar(scope, type, 1 - beta2));
        variance.muli(GraphConstants.scalar(scope, type, beta2)).addi(step2);
        NDArray denominator = variance.sqrt();
        denominator.attach(scope);
        denominator
                .divi(GraphConstants.scalar(scope, type, biasCorrection2Sqrt))
                .addi(GraphConstants.scalar(scope, type, epsilon));
        NDArray update = mean.div(denominator);
        update.attach(scope);
        update.muli(GraphConstants.scalar(scope, type, rate / biasCorrection1));
        return update;
    }

    /**
     * Writes the state of every parameter seen so far.
     *
     * @param out the stream
     * @throws IOException when writing fails
     */
    public void saveState(DataOutputStream out) throws IOException {
        out.writeInt(STATE_MAGIC);
        out.writeInt(STATE_VERSION);
        out.writeInt(states.size());
        for (Map.Entry<String, State> entry : states.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue().step);
            writeArray(out, entry.getValue().mean);
            writeArray(out, entry.getValue().variance);
        }
    }

    /**
     * Restores the state written by {@link #saveState}; parameters get their moments on the manager
     * and device of their weights on the next update.
     *
     * @param in the stream
     * @param manager the manager (and device) that holds the model's parameters
     * @throws IOException when reading fails or the stream is not an optimizer state
     */
    public void loadState(DataInputStream in, NDManager manager) throws IOException {
        if (in.readInt() != STATE_MAGIC) {
            throw new IOException("Not a SAPENet optimizer state file");
        }
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException(
                    "Optimizer state version " + version + ", expected " + STATE_VERSION);
        }
        for (State state : states.values()) {
            state.close();
        }
        states.clear();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String id = in.readUTF();
            long step = in.readLong();
            State state = new State(readArray(in, manager), readArray(in, manager));
            state.step = step;
            states.put(id, state);
        }
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        float[] values = array.toFloatArray();
        long[] shape = array.getShape().getShape();
        out.writeInt(shape.length);
        for (long dim : shape) {
            out.writeLong(dim);
        }
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        out.writeInt(values.length);
        out.write(buffer.array());
    }

    private static NDArray readArray(DataInputStream in, NDManager manager) throws IOException {
        long[] shape = new long[in.readInt()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readLong();
        }
        byte[] bytes = new byte[in.readInt() * 4];
        in.readFully(bytes);
        float[] values = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        NDArray array = manager.create(values, new ai.djl.ndarray.types.Shape(shape));
        return array.toType(DataType.FLOAT32, false);
    }

    /** The moments and step count of one parameter. */
    private static final class State implements AutoCloseable {
        final NDArray mean;
        final NDArray variance;
        long step;

        State(NDArray mean, NDArray variance) {
            this.mean = mean;
            this.variance = variance;
        }

        @Override
        public void close() {
            mean.close();
            variance.close();
        }
    }

    /** Builds a {@link ResumableAdam}. */
    public static final class Builder extends OptimizerBuilder<Builder> {

        private float learningRate = 1e-3f;
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;
        private int warmupSteps;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the learning rate (default 1e-3).
         *
         * @param learningRate the rate, positive
         * @return this builder
         */
        public Builder optLearningRate(float learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Sets the moment decay rates (default 0.9, 0.999).
         *
         * @param beta1 the first moment's rate
         * @param beta2 the second moment's rate
         * @return this builder
         */
        public Builder optBetas(float beta1, float beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /**
         * Sets ε (default 1e-8).
         *
         * @param epsilon the stabiliser
         * @return this builder
         */
        public Builder optEpsilon(float epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        /**
         * Sets the length of the linear learning-rate warm-up: step k (1-based) uses lr min(1, k /
         * W) (default 0, no warm-up). The step count is part of the saved state, so a resumed run
         * continues the same schedule.
         *
         * @param warmupSteps W, 0 or more
         * @return this builder
         */
        public Builder optWarmupSteps(int warmupSteps) {
            this.warmupSteps = warmupSteps;
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @return the optimizer
         */
        public ResumableAdam build() {
            if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
                throw new IllegalArgumentException(
                        "The learning rate must be positive and finite, got " + learningRate);
            }
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException(
                        "Adam's betas must lie in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (warmupSteps < 0) {
                throw new IllegalArgumentException(
                        "The warm-up must be 0 or more steps, got " + warmupSteps);
            }
            if (!(epsilon > 0)) {
                throw new IllegalArgumentException("ε must be positive, got " + epsilon);
            }
            return new ResumableAdam(this);
        }
    }
}
