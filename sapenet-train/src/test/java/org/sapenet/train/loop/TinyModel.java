/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.layers.FieldEmbedding;
import org.sapenet.model.layers.Mlp;

/** A small model for loop tests: field embeddings, flattened, then an MLP to T logits. */
public final class TinyModel extends AbstractBlock {

    private final FieldEmbedding embedding;
    private final Mlp mlp;

    public TinyModel(ModelConfig config) {
        super((byte) 1);
        embedding = addChildBlock("embedding", FieldEmbedding.of(config));
        mlp =
                addChildBlock(
                        "mlp",
                        Mlp.builder()
                                .setInputWidth(config.flatEmbeddingWidth())
                                .setWidths(16)
                                .optOutputWidth(config.numTasks())
                                .build());
    }

    static ModelConfig config() {
        int[] vocab = new int[ArrayBatchSource.SPARSE];
        java.util.Arrays.fill(vocab, ArrayBatchSource.VOCAB);
        return ModelConfig.builder()
                .setSparseFields(List.of("a", "b", "c"), vocab)
                .setDenseFields(List.of("x", "y"))
                .setScenarios(List.of("s0", "s1"))
                .setTasks(List.of("click", "buy"))
                .optEmbeddingDim(4)
                .build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray e = embedding.forward(ps, ModelInputs.features(inputs), training).head();
        NDArray flat = e.reshape(e.getShape().get(0), -1);
        return mlp.forward(ps, new NDList(flat), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[ModelInputs.SPARSE].get(0), 2)};
    }

    @Override
    protected void initializeChildBlocks(
            ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(
                manager, dataType, inputShapes[ModelInputs.SPARSE], inputShapes[ModelInputs.DENSE]);
        long m =
                embedding
                                .getOutputShapes(
                                        new Shape[] {
                                            inputShapes[ModelInputs.SPARSE],
                                            inputShapes[ModelInputs.DENSE]
                                        })[0]
                                .size()
                        / inputShapes[ModelInputs.SPARSE].get(0);
        mlp.initialize(manager, dataType, new Shape(inputShapes[ModelInputs.SPARSE].get(0), m));
    }
}
