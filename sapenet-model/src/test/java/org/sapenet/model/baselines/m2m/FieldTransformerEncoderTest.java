/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.m2m;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sapenet.model.testing.BlockTesting;

class FieldTransformerEncoderTest {

    private static final int F = 5;
    private static final int D = 4;

    @Test
    void attendsOverTheFieldsOfEachRowNeverAcrossTheBatch() {
        try (NDManager manager = BlockTesting.manager()) {
            FieldTransformerEncoder encoder =
                    FieldTransformerEncoder.builder().setEmbeddingDim(D).optHiddenWidth(8).build();
            encoder.initialize(manager, DataType.FLOAT32, new Shape(3, F, D));
            NDArray batch = manager.create(BlockTesting.uniform(1, 3 * F * D), new Shape(3, F, D));
            float[] all =
                    BlockTesting.forward(encoder, manager, false, batch).head().toFloatArray();
            float[] alone =
                    BlockTesting.forward(encoder, manager, false, batch.get(new NDIndex("1:2")))
                            .head()
                            .toFloatArray();
            float[] row1 = new float[F * D];
            System.arraycopy(all, F * D, row1, 0, F * D);
            assertArrayEquals(row1, alone, 1e-6f, "a row's output does not depend on other rows");
            // ... but does depend on its other fields: change field 0, field 3's output moves
            NDArray changed = batch.get(new NDIndex("1:2")).duplicate();
            changed.set(new NDIndex(":, 0, :"), 3f);
            float[] moved =
                    BlockTesting.forward(encoder, manager, false, changed).head().toFloatArray();
            double diff = 0;
            for (int j = 0; j < D; j++) {
                diff += Math.abs(moved[3 * D + j] - alone[3 * D + j]);
            }
            assertTrue(diff > 1e-4, "fields attend to each other, diff " + diff);
            // post-norm: each field's output has zero mean over d (LayerNorm γ = 1, β = 0)
            for (int f = 0; f < F; f++) {
                double mean = 0;
                for (int j = 0; j < D; j++) {
                    mean += alone[f * D + j] / D;
                }
                assertEquals(0, mean, 1e-5);
            }
            BlockTesting.assertGradientsReachEveryParameter(
                    encoder, manager, BlockTesting.weightedSum(2), batch);
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> FieldTransformerEncoder.builder().setEmbeddingDim(D).optHeads(3).build());
    }
}
