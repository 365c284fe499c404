/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

import org.apache.commons.statistics.inference.TTest;

/**
 * The paired two-sided t-test over seeds: are a model's per-seed results different from another
 * model's on the same seeds? The statistic and the Student t tail come from Apache Commons
 * Statistics ({@link TTest#pairedTest}); this class only fixes the degenerate cases the grid meets.
 */
public final class PairedTTest {

    private PairedTTest() {}

    /**
     * Returns the two-sided p-value of the paired t-test of {@code a} against {@code b}.
     *
     * @param a one value per seed
     * @param b the other model's values on the same seeds, in the same order
     * @return the p-value; 1 when every difference is zero, 0 when the differences are equal and
     *     non-zero (no variance, a certain difference); {@code NaN} with fewer than two pairs
     */
    public static double pValue(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "paired samples differ in length: " + a.length + " and " + b.length);
        }
        if (a.length < 2) {
            return Double.NaN;
        }
        boolean allZero = true;
        for (int i = 0; i < a.length; i++) {
            allZero &= a[i] == b[i];
        }
        // Commons gives NaN for 0 / 0 (no difference at all): no evidence of a difference.
        return allZero ? 1 : TTest.withDefaults().pairedTest(a, b).getPValue();
    }
}
