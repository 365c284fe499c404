/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.sarnet;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sapenet.model.layers.ModelParameters;

/**
 * One of SAR-Net's debias expert networks (Shen et al. 2021): BatchNorm over the features, then a
 * linear map to the expert width, y = BN(x) Wᵀ + b.
 *
 * <p>The BatchNorm is DJL's (batch statistics in training, running statistics at inference, both
 * saved with the parameters). A training batch of a single row has no variance: it is normalised
 * with the running statistics and leaves them alone (PyTorch's BatchNorm refuses such a batch). The
 * paper's fairness coefficient, which re-weights the experts' outputs by a promotion signal our
 * datasets lack, is left out.
 *
 * <p>Parameters: BatchNorm γ (m) ones, β (m) zeros, running mean and variance; W (k, m)
 * Xavier-uniform, b (k) zeros.
 *
 * <p>Input: [x (B, m)]. Output: [y (B, k)].
 */
public final class SarExpert extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int inputWidth;
    private final int outputWidth;
    private final BatchNorm batchNorm;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates an expert.
     *
     * @param inputWidth m
     * @param outputWidth k
     * @throws IllegalArgumentException when a width is not positive
     */
    public SarExpert(int inputWidth, int outputWidth) {
        super(VERSION);
        if (inputWidth <= 0 || outputWidth <= 0) {
            throw new IllegalArgumentException(
                    "SarExpert needs positive widths, got m = "
                            + inputWidth
                            + ", k = "
                            + outputWidth);
        }
        this.inputWidth = inputWidth;
        this.outputWidth = outputWidth;
        batchNorm = addChildBlock("batchNorm", BatchNorm.builder().optAxis(1).build());
        weight = addParameter(ModelParameters.weight("weight", new Shape(outputWidth, inputWidth)));
        bias = addParameter(ModelParameters.bias("bias", new Shape(outputWidth)));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != inputWidth) {
            throw new IllegalArgumentException(
                    "SarExpert expects (B, " + inputWidth + "), got " + x.getShape());
        }
        boolean batchStatistics = training && x.getShape().get(0) > 1;
        NDArray normalised = batchNorm.forward(ps, inputs, batchStatistics).singletonOrThrow();
        Device device = x.getDevice();
        NDArray w = ps.getValue(weight, device, training);
        NDArray b = ps.getValue(bias, device, training);
        return Linear.linear(normalised, w, b);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        batchNorm.initialize(manager, dataType, inputShapes[0]);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), outputWidth)};
    }
}
