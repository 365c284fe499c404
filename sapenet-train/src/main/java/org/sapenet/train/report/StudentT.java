/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

/**
 * Student's t distribution: the two-sided tail probability, through the regularized incomplete beta
 * function I_x(a, b) evaluated by its continued fraction (modified Lentz), and ln Γ by the Lanczos
 * approximation (g = 7, nine coefficients; relative error below 1e-13 for x > 0).
 */
final class StudentT {

    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };
    private static final double TINY = 1e-300;
    private static final double EPSILON = 1e-15;
    private static final int MAX_ITERATIONS = 500;

    private StudentT() {}

    /**
     * Returns P(|T| >= |t|) for T with the given degrees of freedom.
     *
     * @param t the statistic
     * @param degreesOfFreedom ν, positive
     * @return the two-sided p-value
     */
    static double twoSidedP(double t, double degreesOfFreedom) {
        if (!(degreesOfFreedom > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be positive");
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        double x = degreesOfFreedom / (degreesOfFreedom + t * t);
        return regularizedBeta(x, degreesOfFreedom / 2, 0.5);
    }

    /**
     * Returns I_x(a, b).
     *
     * @param x in [0, 1]
     * @param a positive
     * @param b positive
     * @return the regularized incomplete beta function
     */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front =
                Math.exp(
                        logGamma(a + b)
                                - logGamma(a)
                                - logGamma(b)
                                + a * Math.log(x)
                                + b * Math.log1p(-x));
        // The continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry
        // I_x(a, b) = 1 - I_{1-x}(b, a) otherwise.
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / nonZero(d);
        double h = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
            d = 1 / nonZero(1 + even * d);
            c = nonZero(1 + even / c);
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
            d = 1 / nonZero(1 + odd * d);
            c = nonZero(1 + odd / c);
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta did not converge for x=" + x);
    }

    private static double nonZero(double value) {
        return Math.abs(value) < TINY ? TINY : value;
    }

    /**
     * Returns ln Γ(x) for x > 0.
     *
     * @param x positive
     * @return ln Γ(x)
     */
    static double logGamma(double x) {
        if (x < 0.5) {
            // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
