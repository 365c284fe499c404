/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import java.io.IOException;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.store.StoreManifest;

/**
 * Turns a source into a prepared store. Each {@link org.sapenet.data.store.SourceFormat} has one
 * implementation; those that read a user's files are found by format in {@link StorePreparers}. The
 * settings every preparer shares (store folder, seed, error policy, replacing) come from a {@link
 * PreparerBuilder}.
 */
public interface StorePreparer {

    /**
     * Reads the source and writes the store (atomically: a failed run leaves no store behind).
     *
     * @return the manifest of the new store, which records the source, the split, the skipped rows
     *     by reason and every split's row counts
     * @throws DataException on bad input (with {@link ErrorPolicy#FAIL}), a missing file or an
     *     existing store without {@code force}
     * @throws IOException when reading or writing fails
     */
    StoreManifest prepare() throws IOException;
}
