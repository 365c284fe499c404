/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import java.io.IOException;

/** Makes the preparer of one source format from generic {@link PrepareOptions}. */
@FunctionalInterface
public interface PreparerFactory {

    /**
     * Makes a preparer: takes from the options what the format uses, applies the format's defaults
     * to what is unset, and refuses what does not apply to it.
     *
     * @param options the options
     * @return the preparer, ready to {@link StorePreparer#prepare()}
     * @throws IllegalArgumentException when an option is missing or does not apply
     * @throws IOException when a file the options name (e.g. a schema) cannot be read
     */
    StorePreparer create(PrepareOptions options) throws IOException;
}
