/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.input;

import java.util.Objects;

/**
 * A batch of B encoded rows ready for one forward pass: sparse ids (B, F_s), dense values (B, F_d)
 * and each row's scenario id (B), held row-major in flat arrays.
 *
 * <p>Sparse ids are the ids the model was trained on (0 = unknown); an id at or above its field's
 * vocabulary size is unknown and scored as 0, as in training. Scenario ids are 0..S-1.
 */
public final class ScoringBatch {

    private final int size;
    private final int sparseFields;
    private final int denseFields;
    private final int[] sparse;
    private final float[] dense;
    private final int[] scenario;

    private ScoringBatch(
            int size,
            int sparseFields,
            int[] sparse,
            int denseFields,
            float[] dense,
            int[] scenario) {
        this.size = size;
        this.sparseFields = sparseFields;
        this.denseFields = denseFields;
        this.sparse = sparse;
        this.dense = dense;
        this.scenario = scenario;
    }

    /**
     * Creates a batch from row arrays.
     *
     * @param sparse B rows of F_s sparse ids
     * @param dense B rows of F_d dense values (rows may be empty when F_d = 0)
     * @param scenario B scenario ids
     * @return the batch (copied)
     * @throws IllegalArgumentException when the rows differ in length or count
     */
    public static ScoringBatch of(int[][] sparse, float[][] dense, int[] scenario) {
        int b = scenario.length;
        if (sparse.length != b || dense.length != b) {
            throw new IllegalArgumentException(
                    "sparse, dense and scenario must have one entry per row: "
                            + sparse.length
                            + ", "
                            + dense.length
                            + ", "
                            + b);
        }
        int fs = b == 0 ? 0 : sparse[0].length;
        int fd = b == 0 ? 0 : dense[0].length;
        int[] flatSparse = new int[b * fs];
        float[] flatDense = new float[b * fd];
        for (int r = 0; r < b; r++) {
            if (sparse[r].length != fs || dense[r].length != fd) {
                throw new IllegalArgumentException(
                        "row " + r + " has another number of sparse or dense values than row 0");
            }
            System.arraycopy(sparse[r], 0, flatSparse, r * fs, fs);
            System.arraycopy(dense[r], 0, flatDense, r * fd, fd);
        }
        return new ScoringBatch(b, fs, flatSparse, fd, flatDense, scenario.clone());
    }

    /**
     * Wraps flat row-major arrays without copying.
     *
     * @param size B
     * @param sparseFields F_s
     * @param sparse B * F_s ids
     * @param denseFields F_d
     * @param dense B * F_d values
     * @param scenario B scenario ids
     * @return the batch (sharing the arrays)
     * @throws IllegalArgumentException when an array has the wrong length
     */
    public static ScoringBatch ofFlat(
            int size,
            int sparseFields,
            int[] sparse,
            int denseFields,
            float[] dense,
            int[] scenario) {
        if (sparse.length < size * sparseFields
                || dense.length < size * denseFields
                || scenario.length < size) {
            throw new IllegalArgumentException(
                    "arrays too short for "
                            + size
                            + " rows of "
                            + sparseFields
                            + " sparse and "
                            + denseFields
                            + " dense fields");
        }
        return new ScoringBatch(
                size,
                sparseFields,
                Objects.requireNonNull(sparse),
                denseFields,
                Objects.requireNonNull(dense),
                Objects.requireNonNull(scenario));
    }

    /**
     * Returns B.
     *
     * @return the number of rows
     */
    public int size() {
        return size;
    }

    /**
     * Returns F_s.
     *
     * @return the sparse fields per row
     */
    public int sparseFields() {
        return sparseFields;
    }

    /**
     * Returns F_d.
     *
     * @return the dense fields per row
     */
    public int denseFields() {
        return denseFields;
    }

    /**
     * Returns the sparse ids, row-major (at least B * F_s).
     *
     * @return the shared array
     */
    public int[] sparse() {
        return sparse;
    }

    /**
     * Returns the dense values, row-major (at least B * F_d).
     *
     * @return the shared array
     */
    public float[] dense() {
        return dense;
    }

    /**
     * Returns the scenario ids (at least B).
     *
     * @return the shared array
     */
    public int[] scenario() {
        return scenario;
    }
}
