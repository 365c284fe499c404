/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.synth;

/**
 * Exact ROC AUC (ties count one half) over scores that are positive floats with at most 12 mantissa
 * bits and at least 2^-30, as {@link SyntheticModel#quantize} produces: each distinct score has its
 * own histogram bucket, so the AUC is exact in O(buckets) memory (123 k int buckets per class)
 * whatever the row count.
 */
final class QuantizedAuc {

    private static final int LOW = Float.floatToRawIntBits(0x1.0p-30f) >>> 11;
    private static final int HIGH = Float.floatToRawIntBits(1f) >>> 11;

    private final int[] positives = new int[HIGH - LOW + 1];
    private final int[] negatives = new int[HIGH - LOW + 1];
    private long positiveCount;
    private long negativeCount;

    void add(float score, boolean positive) {
        int bits = Float.floatToRawIntBits(score);
        if ((bits & 0x7FF) != 0 || score < 0x1.0p-30f || score > 1f) {
            throw new IllegalArgumentException(
                    "score " + score + " is not a quantized probability");
        }
        int bucket = (bits >>> 11) - LOW;
        if (positive) {
            positives[bucket]++;
            positiveCount++;
        } else {
            negatives[bucket]++;
            negativeCount++;
        }
    }

    void addAll(QuantizedAuc other) {
        for (int b = 0; b < positives.length; b++) {
            positives[b] += other.positives[b];
            negatives[b] += other.negatives[b];
        }
        positiveCount += other.positiveCount;
        negativeCount += other.negativeCount;
    }

    long positives() {
        return positiveCount;
    }

    long count() {
        return positiveCount + negativeCount;
    }

    /** Returns the AUC, or NaN when either class is empty. */
    double auc() {
        if (positiveCount == 0 || negativeCount == 0) {
            return Double.NaN;
        }
        long twiceWins = 0;
        long negativesBelow = 0;
        for (int b = 0; b < positives.length; b++) {
            twiceWins += (long) positives[b] * (2 * negativesBelow + negatives[b]);
            negativesBelow += negatives[b];
        }
        return twiceWins / (2.0 * positiveCount * negativeCount);
    }
}
