/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.FieldEmbedding;
import org.sapenet.serve.checkpoint.BlockBuilder;

/**
 * A tiny multi-scenario multi-task block for tests when no registered model is available: field
 * embedding, flatten to (B, m), one linear map to (B, S * T), then each row's own scenario's T
 * logits. The one custom (unregistered) model of the tests: serve's checkpoint tests and, through
 * the sapenet-serve tests jar, train's loop and run tests; {@link Builder} is what a checkpoint
 * records to rebuild it.
 */
public final class TinyMsmtBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int scenarios;
    private final int tasks;
    private final FieldEmbedding embedding;
    private final Linear head;

    /**
     * Builds the block of a config.
     *
     * @param config the config
     */
    public TinyMsmtBlock(ModelConfig config) {
        super(VERSION);
        scenarios = config.numScenarios();
        tasks = config.numTasks();
        embedding = addChildBlock("embedding", FieldEmbedding.of(config));
        head = addChildBlock("head", Linear.builder().setUnits((long) scenarios * tasks).build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray e =
                embedding.forward(ps, ModelInputs.features(inputs), training).singletonOrThrow();
        long b = e.getShape().get(0);
        NDArray flat = e.reshape(b, -1);
        NDArray all = head.forward(ps, new NDList(flat), training).singletonOrThrow();
        NDArray perScenario = all.reshape(b, scenarios, tasks);
        NDArray pick = ModelInputs.scenario(inputs).toType(DataType.INT64, false).oneHot(scenarios);
        NDArray logits =
                perScenario
                        .mul(pick.toType(DataType.FLOAT32, false).expandDims(2))
                        .sum(new int[] {1});
        return new NDList(logits);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(
                manager, dataType, inputShapes[ModelInputs.SPARSE], inputShapes[ModelInputs.DENSE]);
        Shape e =
                embedding
                        .getOutputShapes(
                                new Shape[] {
                                    inputShapes[ModelInputs.SPARSE], inputShapes[ModelInputs.DENSE]
                                })[0];
        head.initialize(manager, dataType, new Shape(e.get(0), e.get(1) * e.get(2)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[ModelInputs.SPARSE].get(0), tasks)};
    }

    /** Builds {@link TinyMsmtBlock}s: what checkpoints of this test model name. */
    public static final class Builder implements BlockBuilder {

        /** {@inheritDoc} */
        @Override
        public TinyMsmtBlock newBlock(ModelConfig config) {
            return new TinyMsmtBlock(config);
        }
    }
}
