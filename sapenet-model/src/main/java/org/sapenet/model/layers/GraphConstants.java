/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Constants for arrays that take part in a gradient, made safely.
 *
 * <p>Never pass a Java number to an array operation in this project ({@code x.mul(2f)}, {@code
 * x.maximum(0f)}, {@code x.add(1f)} ...). On the PyTorch engine (DJL 0.25 to 0.36) such an overload
 * wraps the number with {@code manager.create(n)}, a tensor over a direct {@code ByteBuffer} that
 * libtorch does not copy, and closes it right after the operation. Once the garbage collector frees
 * that buffer, autograd, which saved the scalar for the backward pass, reads freed memory: wrong
 * gradients, runs that differ between identical processes, NaN. A build check ({@code
 * NumberOperandCheckTest}) keeps the overloads out of the project's classes.
 *
 * <p>The arrays made here are filled by libtorch ({@code torch::full}): libtorch owns their memory,
 * so they stay valid for as long as autograd holds them, whenever their Java handle is closed. They
 * belong to the given manager (for batch work, the batch's), which frees the handle.
 */
public final class GraphConstants {

    private GraphConstants() {}

    /**
     * Returns a 0-dim constant with the data type and device of an array, in that array's manager.
     *
     * @param like the array the constant will be combined with
     * @param value the value
     * @return a 0-dim array holding {@code value}
     */
    public static NDArray scalar(NDArray like, double value) {
        return scalar(like.getManager(), like.getDataType(), value);
    }

    /**
     * Returns a 0-dim constant on a manager's device.
     *
     * @param manager the manager that owns the constant
     * @param dataType its data type
     * @param value the value
     * @return a 0-dim array holding {@code value}
     */
    public static NDArray scalar(NDManager manager, DataType dataType, double value) {
        return manager.full(new Shape(), (float) value, dataType);
    }
}
