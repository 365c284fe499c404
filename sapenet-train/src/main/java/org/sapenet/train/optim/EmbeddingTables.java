/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.optim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the embedding tables of {@link org.sapenet.model.layers.FieldEmbedding} (one (V_f, d)
 * table per sparse field f, parameters {@code table0}, {@code table1}, ...) by their parameter ids,
 * for {@link ResumableAdam#updateRows}: table f holds the rows that column f of the sparse ids
 * looks up. Smaller embedding-like parameters (scenario embeddings, dense-field vectors) are not
 * matched: every row of those is used in every batch.
 */
public final class EmbeddingTables {

    private static final Pattern TABLE = Pattern.compile("(?:^|_)table(\\d+)$");

    private EmbeddingTables() {}

    /**
     * Tells whether a parameter id (a path in the block tree such as {@code 01embedding_table3})
     * names a field's embedding table.
     *
     * @param parameterId the id
     * @return true for a {@code table<f>} parameter
     */
    public static boolean isTable(String parameterId) {
        return fieldOf(parameterId) >= 0;
    }

    /**
     * Returns the sparse field whose ids index a table parameter.
     *
     * @param parameterId the id, e.g. {@code 01embedding_table3}
     * @return f (3 in the example), or -1 when the id names no field's table
     */
    public static int fieldOf(String parameterId) {
        Matcher m = TABLE.matcher(parameterId);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
