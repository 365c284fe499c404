/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The rows of each embedding table that one training forward pass looked up, for row-sparse (lazy)
 * optimizer updates. Passed to a model's forward in its parameters under {@link #KEY}: {@link
 * FieldEmbedding} then looks field f up in a copy of only the rows its batch uses, a leaf (n_f, d)
 * that collects those rows' gradient, instead of in the (V_f, d) table, so no gradient of the whole
 * table is built (for a table of V_f rows, the backward's zero-fill and accumulation of V_f x d
 * floats per step). The values and the gradient of every row are the same as the table's.
 *
 * <p>One instance serves one forward pass and the update after its backward; each table may be
 * looked up once per pass.
 */
public final class EmbeddingRows {

    /** The key of the forward parameter that carries an instance. */
    public static final String KEY = "sapenet.embeddingRows";

    private final Map<Parameter, Lookup> lookups = new IdentityHashMap<>();

    /**
     * The rows one table's lookup used.
     *
     * @param rows the distinct ids looked up, ascending, int64 (n)
     * @param values those rows of the table, (n, d), a leaf whose gradient the backward fills
     */
    public record Lookup(NDArray rows, NDArray values) {}

    /**
     * Returns the forward parameters that carry this instance.
     *
     * @return parameters for {@code Block.forward}
     */
    public PairList<String, Object> asParams() {
        PairList<String, Object> params = new PairList<>();
        params.add(KEY, this);
        return params;
    }

    /**
     * Returns the instance carried by forward parameters.
     *
     * @param params the forward parameters, may be null
     * @return the instance, or null when there is none
     */
    public static EmbeddingRows from(PairList<String, Object> params) {
        if (params == null) {
            return null;
        }
        Object value = params.get(KEY);
        return value instanceof EmbeddingRows rows ? rows : null;
    }

    /**
     * Records a table's lookup.
     *
     * @param table the table
     * @param lookup the rows it used
     * @throws IllegalStateException when the table was already looked up in this pass
     */
    void add(Parameter table, Lookup lookup) {
        if (lookups.putIfAbsent(table, lookup) != null) {
            throw new IllegalStateException(
                    "Embedding table "
                            + table.getName()
                            + " was looked up twice in one forward pass; row-sparse updates"
                            + " need one lookup per table");
        }
    }

    /**
     * Returns the rows a table's lookup used.
     *
     * @param table the parameter
     * @return its lookup, or null when the pass did not look it up this way
     */
    public Lookup get(Parameter table) {
        return lookups.get(table);
    }
}
