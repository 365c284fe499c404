/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sapenet.model.testing.BlockTesting.forward;
import static org.sapenet.model.testing.BlockTesting.init;
import static org.sapenet.model.testing.BlockTesting.set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sapenet.model.runtime.Engines;
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

    /** A training pass of sum(e * w) for w = 1, 2, ..., 18 (B = 3, F = 3, d = 2). */
    private static NDArray trainingPass(
            FieldEmbedding emb, NDManager m, NDArray ids, NDArray dense, EmbeddingRows rows) {
        try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
            NDArray e =
                    emb.forward(
                                    new ParameterStore(m, false),
                                    new NDList(ids, dense),
                                    true,
                                    rows == null ? null : rows.asParams())
                            .singletonOrThrow();
            NDArray w = m.arange(1f, 19f).reshape(3, 3, 2);
            gc.backward(e.mul(w).sum());
            return e;
        }
    }

    @Test
    void rowLookupsGiveTheTablesValuesAndGradientsOfTheRowsUsed() {
        try (NDManager m = BlockTesting.manager()) {
            // Field 0 reads ids 2, 0, 2; field 1 reads 1, 1, 1.
            NDArray ids = m.create(new int[] {2, 1, 0, 1, 2, 1}, new Shape(3, 2));
            NDArray dense = m.create(new float[] {1f, 2f, 3f}, new Shape(3, 1));
            FieldEmbedding whole = fixed(m, true);
            NDArray expected = trainingPass(whole, m, ids, dense, null);
            float[] table0 =
                    BlockTesting.find(whole, "table0").getArray().getGradient().toFloatArray();
            float[] table1 =
                    BlockTesting.find(whole, "table1").getArray().getGradient().toFloatArray();
            // Field 0's id 2 is read by rows 0 and 2: w[0, 0] + w[2, 0] = (1, 2) + (13, 14).
            assertArrayEquals(new float[] {7, 8, 0, 0, 14, 16}, table0);
            assertArrayEquals(new float[] {0, 0, 3 + 9 + 15, 4 + 10 + 16}, table1);

            FieldEmbedding gathered = fixed(m, true);
            EmbeddingRows rows = new EmbeddingRows();
            NDArray e = trainingPass(gathered, m, ids, dense, rows);
            assertArrayEquals(expected.toFloatArray(), e.toFloatArray(), "same values");
            EmbeddingRows.Lookup lookup0 = rows.get(BlockTesting.find(gathered, "table0"));
            EmbeddingRows.Lookup lookup1 = rows.get(BlockTesting.find(gathered, "table1"));
            assertArrayEquals(new long[] {0, 2}, lookup0.rows().toLongArray());
            assertArrayEquals(new float[] {0, 0, 2, -2}, lookup0.values().toFloatArray());
            assertArrayEquals(
                    new float[] {7, 8, 14, 16}, lookup0.values().getGradient().toFloatArray());
            assertArrayEquals(new long[] {1}, lookup1.rows().toLongArray());
            assertArrayEquals(new float[] {27, 30}, lookup1.values().getGradient().toFloatArray());
            assertNull(rows.get(BlockTesting.find(gathered, "denseVectors")));
            float[] untouched =
                    BlockTesting.find(gathered, "table0").getArray().getGradient().toFloatArray();
            assertArrayEquals(new float[6], untouched, "no gradient of the whole table");
            // One lookup per table and pass; inference ignores the rows.
            assertThrows(
                    IllegalStateException.class, () -> trainingPass(gathered, m, ids, dense, rows));
            EmbeddingRows unused = new EmbeddingRows();
            gathered.forward(
                    new ParameterStore(m, false), new NDList(ids, dense), false, unused.asParams());
            assertNull(unused.get(BlockTesting.find(gathered, "table0")));
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
