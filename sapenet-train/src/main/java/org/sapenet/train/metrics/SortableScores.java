/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.metrics;

/**
 * Packs a score, a group id and a binary label into one {@code long} whose signed order is the
 * order of the scores, so that one primitive sort ranks millions of predictions without boxing.
 *
 * <p>Layout: the high 32 bits hold the score's order-preserving integer image, the low 32 bits the
 * group id shifted left by one and the label in bit 0.
 */
final class SortableScores {

    /** The largest group id that fits in the packed layout. */
    static final int MAX_GROUP = (1 << 30) - 1;

    private SortableScores() {}

    /**
     * Packs one prediction.
     *
     * @param score a finite score (a logit or a probability: AUC only needs the order)
     * @param group the group id, 0 to {@link #MAX_GROUP}
     * @param positive whether the label is 1
     * @return the packed key
     * @throws IllegalArgumentException when the score is NaN
     */
    static long pack(float score, int group, boolean positive) {
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("A score is NaN: the model diverged");
        }
        // -0.0 and 0.0 are the same score and must tie.
        int bits = Float.floatToIntBits(score == 0f ? 0f : score);
        int sortable = bits < 0 ? bits ^ 0x7fffffff : bits;
        return ((long) sortable << 32) | ((long) group << 1) | (positive ? 1L : 0L);
    }

    /**
     * Returns the score part of a key: equal for tied scores.
     *
     * @param key a packed key
     * @return the score's integer image
     */
    static int scoreBits(long key) {
        return (int) (key >> 32);
    }

    /**
     * Returns the group of a key.
     *
     * @param key a packed key
     * @return the group id
     */
    static int group(long key) {
        return (int) ((key & 0xffffffffL) >>> 1);
    }

    /**
     * Returns whether a key's label is positive.
     *
     * @param key a packed key
     * @return true for label 1
     */
    static boolean positive(long key) {
        return (key & 1L) != 0;
    }
}
