/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.input;

import org.sapenet.data.error.ErrorReason;

/**
 * One raw value that cannot be encoded; the caller adds where it was (file, line and column, or row
 * and key). Carries no stack trace: skip mode may meet many.
 */
public final class ValueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorReason reason;

    ValueException(ErrorReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    /**
     * Returns the kind of error.
     *
     * @return the reason
     */
    public ErrorReason getReason() {
        return reason;
    }
}
