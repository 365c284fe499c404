/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

/**
 * The paired two-sided t-test over seeds: are a model's per-seed results different from another
 * model's on the same seeds?
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
        int n = a.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += a[i] - b[i];
        }
        mean /= n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double deviation = a[i] - b[i] - mean;
            squares += deviation * deviation;
        }
        double variance = squares / (n - 1);
        if (variance == 0) {
            return mean == 0 ? 1 : 0;
        }
        double t = mean / Math.sqrt(variance / n);
        return StudentT.twoSidedP(t, n - 1);
    }
}
