/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedTTestTest {

    /**
     * Returns the p-value of df + 1 pairs whose statistic is t: differences t / sqrt n plus
     * deviations of mean 0 and sample sd 1 (-1 and +1 around one 0 for odd n, +-1/sqrt 2 for two).
     */
    private static double pOf(double t, int degreesOfFreedom) {
        int n = degreesOfFreedom + 1;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double deviation =
                    n == 2 ? (i == 0 ? -1 : 1) / Math.sqrt(2) : Integer.signum(i - n / 2);
            a[i] = t / Math.sqrt(n) + deviation;
        }
        return PairedTTest.pValue(a, new double[n]);
    }

    @Test
    void criticalValuesOfTheTTableGiveFivePercent() {
        // Two-sided 5% critical values of Student's t (any statistics table).
        assertEquals(0.05, pOf(12.7062047, 1), 1e-7);
        assertEquals(0.05, pOf(4.30265273, 2), 1e-7);
        assertEquals(0.05, pOf(2.77644511, 4), 1e-7);
        assertEquals(0.05, pOf(2.22813885, 10), 1e-7);
        assertEquals(0.01, pOf(4.60409487, 4), 1e-7);
        // t with 1 degree of freedom is Cauchy: P(|T| >= 1) = 1/2.
        assertEquals(0.5, pOf(1, 1), 1e-12);
    }

    @Test
    void pairedTestOnHandComputedSample() {
        // Differences 0.01, 0.02, 0.03, 0.02, 0.02: mean 0.02, sd sqrt(0.0002/4) = 0.0070711,
        // t = 0.02 / (0.0070711 / sqrt 5) = 6.3246 with 4 degrees of freedom: p = 0.003198.
        double[] a = {0.61, 0.62, 0.63, 0.62, 0.62};
        double[] b = {0.60, 0.60, 0.60, 0.60, 0.60};
        assertEquals(0.0031982, PairedTTest.pValue(a, b), 1e-6);
        assertEquals(PairedTTest.pValue(a, b), PairedTTest.pValue(b, a), 1e-15);
        // Differences 1, 2, 3: mean 2, sd 1, t = 2 sqrt 3 = 3.4641 with 2 degrees of freedom:
        // p = 1 - t / sqrt(t^2 + 2) = 0.074180 (the t(2) tail in closed form).
        double t = 2 * Math.sqrt(3);
        double[] c = {1, 2, 3};
        assertEquals(
                1 - t / Math.sqrt(t * t + 2), PairedTTest.pValue(c, new double[] {0, 0, 0}), 1e-12);
    }

    @Test
    void degenerateSamples() {
        assertEquals(1.0, PairedTTest.pValue(new double[] {1, 2}, new double[] {1, 2}));
        assertEquals(0.0, PairedTTest.pValue(new double[] {2, 3}, new double[] {1, 2}));
        assertTrue(Double.isNaN(PairedTTest.pValue(new double[] {1}, new double[] {2})));
    }
}
