/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.error;

/**
 * A prepared store that cannot be used: missing or damaged files, a wrong size or checksum, an
 * unknown format version, or a target that already exists.
 */
public final class StoreException extends DataException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and what to do
     */
    public StoreException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong and what to do
     * @param cause the cause
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
