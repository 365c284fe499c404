/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PairedTTestTest {

    @Test
    void criticalValuesOfTheTTableGiveFivePercent() {
        // Two-sided 5% critical values of Student's t (any statistics table).
        assertEquals(0.05, StudentT.twoSidedP(12.7062047, 1), 1e-7);
        assertEquals(0.05, StudentT.twoSidedP(4.30265273, 2), 1e-7);
        assertEquals(0.05, StudentT.twoSidedP(2.77644511, 4), 1e-7);
        assertEquals(0.05, StudentT.twoSidedP(2.22813885, 10), 1e-7);
        assertEquals(0.01, StudentT.twoSidedP(4.60409487, 4), 1e-7);
        assertEquals(1.0, StudentT.twoSidedP(0, 4), 1e-12);
        // t with 1 degree of freedom is Cauchy: P(|T| >= 1) = 1/2.
        assertEquals(0.5, StudentT.twoSidedP(1, 1), 1e-12);
    }

    @Test
    void logGammaMatchesFactorials() {
        assertEquals(Math.log(24), StudentT.logGamma(5), 1e-12);
        assertEquals(0.5 * Math.log(Math.PI), StudentT.logGamma(0.5), 1e-12);
        assertEquals(Math.log(362880), StudentT.logGamma(10), 1e-11);
    }

    @Test
    void pairedTestOnHandComputedSample() {
        // Differences 0.01, 0.02, 0.03, 0.02, 0.02: mean 0.02, sd sqrt(0.0002/4) = 0.0070711,
        // t = 0.02 / (0.0070711 / sqrt 5) = 6.3246 with 4 degrees of freedom: p = 0.003198.
        double[] a = {0.61, 0.62, 0.63, 0.62, 0.62};
        double[] b = {0.60, 0.60, 0.60, 0.60, 0.60};
        assertEquals(0.0031982, PairedTTest.pValue(a, b), 1e-6);
        assertEquals(PairedTTest.pValue(a, b), PairedTTest.pValue(b, a), 1e-15);
    }

    @Test
    void degenerateSamples() {
        assertEquals(1.0, PairedTTest.pValue(new double[] {1, 2}, new double[] {1, 2}));
        assertEquals(0.0, PairedTTest.pValue(new double[] {2, 3}, new double[] {1, 2}));
        assertTrue(Double.isNaN(PairedTTest.pValue(new double[] {1}, new double[] {2})));
    }
}
