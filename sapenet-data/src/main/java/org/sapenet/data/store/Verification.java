/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

/** How much {@link PreparedStore} checks before it hands out a split. */
public enum Verification {
    /** File presence, types and sizes only (always checked; costs nothing). */
    SIZES,
    /** Sizes, then the CRC32C of every column file of a split the first time it is opened. */
    CHECKSUMS
}
