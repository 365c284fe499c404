/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.checkpoint;

/**
 * A checkpoint that cannot be written or used: a missing or altered file, an unknown format
 * version, parameters that do not match the model configuration, or a target that already exists.
 * The message names the checkpoint folder, the file and what to do.
 */
public class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and what to do
     */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong and what to do
     * @param cause the cause
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
