/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.optim;

import java.util.regex.Pattern;

/**
 * Recognises the embedding tables of {@link org.sapenet.model.layers.FieldEmbedding} (one (V_f, d)
 * table per sparse field, parameters {@code table0}, {@code table1}, ...) by their parameter ids,
 * for {@link ResumableAdam.Builder#optRowSparse}. Smaller embedding-like parameters (scenario
 * embeddings, dense-field vectors) are not matched: every row of those is used in every batch.
 */
public final class EmbeddingTables {

    private static final Pattern TABLE = Pattern.compile("(^|_)table\\d+$");

    private EmbeddingTables() {}

    /**
     * Tells whether a parameter id (a path in the block tree such as {@code 01embedding_table3})
     * names a field's embedding table.
     *
     * @param parameterId the id
     * @return true for a {@code table<f>} parameter
     */
    public static boolean isTable(String parameterId) {
        return TABLE.matcher(parameterId).find();
    }
}
