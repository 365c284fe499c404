/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sapenet.model.testing.BlockTesting.forward;
import static org.sapenet.model.testing.BlockTesting.init;
import static org.sapenet.model.testing.BlockTesting.set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sapenet.model.testing.BlockTesting;

class FieldEmbeddingTest {

    /**
     * Two sparse fields (vocabularies 3 and 2), one dense field, d = 2; row r of the table = (r,
     * -r).
     */
    private static FieldEmbedding fixed(NDManager m, boolean checkIds) {
        FieldEmbedding emb =
                FieldEmbedding.builder()
                        .setVocabularySizes(3, 2)
                        .setDenseFields(1)
                        .setEmbeddingDim(2)
                        .optCheckIds(checkIds)
                        .build();
        init(m, emb, new Shape(2, 2), new Shape(2, 1));
        set(emb, "table0", 0, 0, 1, -1, 2, -2);
        set(emb, "table1", 3, -3, 4, -4);
        set(emb, "denseVectors", 0.5f, 2f);
        return emb;
    }

    @Test
    void eachFieldReadsItsOwnRowsAndDenseValuesScaleTheirVector() {
        try (NDManager m = BlockTesting.manager()) {
            FieldEmbedding emb = fixed(m, true);
            assertEquals(List.of("table0", "table1", "denseVectors"), BlockTesting.names(emb));
            NDArray ids = m.create(new int[] {2, 1, 0, 0}, new Shape(2, 2));
            NDArray dense = m.create(new float[] {3f, -1f}, new Shape(2, 1));
            NDArray e = forward(emb, m, false, ids, dense).singletonOrThrow();
            assertEquals(new Shape(2, 3, 2), e.getShape());
            // Row 0: field 0 id 2 -> (2, -2); field 1 id 1 -> (4, -4); dense 3 * (0.5, 2).
            // Row 1: field 0 id 0 -> (0, 0); field 1 id 0 -> (3, -3); dense -1 * (0.5, 2).
            assertArrayEquals(
                    new float[] {2, -2, 4, -4, 1.5f, 6, 0, 0, 3, -3, -0.5f, -2}, e.toFloatArray());
            // int64 ids give the same result.
            NDArray e64 =
                    forward(
                                    emb,
                                    m,
                                    false,
                                    ids.toType(ai.djl.ndarray.types.DataType.INT64, false),
                                    dense)
                            .singletonOrThrow();
            assertArrayEquals(e.toFloatArray(), e64.toFloatArray());
        }
    }

    @Test
    void anIdOutsideItsVocabularyFailsInsteadOfReadingAnotherField() {
        try (NDManager m = BlockTesting.manager()) {
            FieldEmbedding emb = fixed(m, true);
            NDArray dense = m.create(new float[] {1f, 1f}, new Shape(2, 1));
            // Field 0 has vocabulary 3: id 3 would be field 1's row 0.
            NDArray ids = m.create(new int[] {0, 1, 3, 0}, new Shape(2, 2));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> forward(emb, m, false, ids, dense));
            assertTrue(
                    e.getMessage().contains("Sparse field 0 of batch row 1 has id 3"),
                    e.getMessage());
            NDArray negative = m.create(new int[] {0, -1, 0, 0}, new Shape(2, 2));
            assertThrows(
                    IllegalArgumentException.class, () -> forward(emb, m, false, negative, dense));
            // With the check off the id still cannot read field 1's rows: the engine fails on it.
            FieldEmbedding unchecked = fixed(m, false);
            assertThrows(RuntimeException.class, () -> forward(unchecked, m, false, ids, dense));
        }
    }

    @Test
    void worksWithoutDenseFieldsAndWithoutSparseFields() {
        try (NDManager m = BlockTesting.manager()) {
            FieldEmbedding sparseOnly =
                    FieldEmbedding.builder().setVocabularySizes(4).setEmbeddingDim(3).build();
            init(m, sparseOnly, new Shape(2, 1), new Shape(2, 0));
            NDArray e =
                    forward(
                                    sparseOnly,
                                    m,
                                    false,
                                    m.create(new int[] {1, 3}, new Shape(2, 1)),
                                    m.zeros(new Shape(2, 0)))
                            .singletonOrThrow();
            assertEquals(new Shape(2, 1, 3), e.getShape());
            FieldEmbedding denseOnly =
                    FieldEmbedding.builder().setDenseFields(2).setEmbeddingDim(3).build();
            init(m, denseOnly, new Shape(2, 0), new Shape(2, 2));
            NDArray d =
                    forward(
                                    denseOnly,
                                    m,
                                    false,
                                    m.zeros(new Shape(2, 0), ai.djl.ndarray.types.DataType.INT64),
                                    m.ones(new Shape(2, 2)))
                            .singletonOrThrow();
            assertEquals(new Shape(2, 2, 3), d.getShape());
        }
    }

    @Test
    void builderRejectsBadSizes() {
        assertThrows(
                IllegalArgumentException.class,
                () -> FieldEmbedding.builder().setVocabularySizes(1).setEmbeddingDim(2).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> FieldEmbedding.builder().setEmbeddingDim(2).build());
    }
}
