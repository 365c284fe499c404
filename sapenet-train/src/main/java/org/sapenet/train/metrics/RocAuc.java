/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.metrics;

import java.util.Arrays;

/**
 * Exact ROC-AUC in O(n log n): the probability that a random positive scores above a random
 * negative, tied scores counting one half (the mid-rank convention of the Mann-Whitney U statistic,
 * and of scikit-learn's {@code roc_auc_score}).
 *
 * <p>One sort of packed keys ranks all rows at once; a single scan over the sorted keys then yields
 * the AUC of every group (scenario) and of the pooled rows.
 */
public final class RocAuc {

    private RocAuc() {}

    /**
     * Returns the exact AUC of scores against binary labels.
     *
     * @param scores the scores
     * @param labels the labels, 0 or 1
     * @return the AUC, or {@code NaN} when the labels hold only one class (no AUC exists)
     */
    public static double of(float[] scores, float[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(
                    scores.length + " scores but " + labels.length + " labels");
        }
        long[] keys = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            keys[i] = SortableScores.pack(scores[i], 0, labels[i] > 0.5f);
        }
        return byGroup(keys, keys.length, 1).pooled;
    }

    /** The AUC of each group and of all rows pooled; {@code NaN} where one class is missing. */
    static final class Result {
        final double[] perGroup;
        final double pooled;

        Result(double[] perGroup, double pooled) {
            this.perGroup = perGroup;
            this.pooled = pooled;
        }
    }

    /**
     * Sorts the first {@code n} packed keys in place and returns the AUC per group and pooled.
     *
     * @param keys keys from {@link SortableScores#pack}
     * @param n how many of the keys are in use
     * @param groups the number of groups
     * @return the AUCs
     */
    static Result byGroup(long[] keys, int n, int groups) {
        if (n > 1 << 16) {
            Arrays.parallelSort(keys, 0, n);
        } else {
            Arrays.sort(keys, 0, n);
        }
        // Per group (index g) and pooled (index groups): negatives ranked below the current tie
        // block, the running numerator, and the counts inside the current tie block.
        double[] numerator = new double[groups + 1];
        long[] negativesBelow = new long[groups + 1];
        long[] positives = new long[groups + 1];
        long[] blockPositives = new long[groups + 1];
        long[] blockNegatives = new long[groups + 1];
        int i = 0;
        while (i < n) {
            int bits = SortableScores.scoreBits(keys[i]);
            int j = i;
            while (j < n && SortableScores.scoreBits(keys[j]) == bits) {
                int g = SortableScores.group(keys[j]);
                if (SortableScores.positive(keys[j])) {
                    blockPositives[g]++;
                } else {
                    blockNegatives[g]++;
                }
                j++;
            }
            long pooledPositives = 0;
            long pooledNegatives = 0;
            for (int g = 0; g < groups; g++) {
                if (blockPositives[g] != 0 || blockNegatives[g] != 0) {
                    close(g, numerator, negativesBelow, positives, blockPositives, blockNegatives);
                    pooledPositives += blockPositives[g];
                    pooledNegatives += blockNegatives[g];
                    blockPositives[g] = 0;
                    blockNegatives[g] = 0;
                }
            }
            blockPositives[groups] = pooledPositives;
            blockNegatives[groups] = pooledNegatives;
            close(groups, numerator, negativesBelow, positives, blockPositives, blockNegatives);
            i = j;
        }
        double[] perGroup = new double[groups];
        for (int g = 0; g < groups; g++) {
            perGroup[g] = finish(numerator[g], positives[g], negativesBelow[g]);
        }
        return new Result(
                perGroup, finish(numerator[groups], positives[groups], negativesBelow[groups]));
    }

    private static void close(
            int g,
            double[] numerator,
            long[] negativesBelow,
            long[] positives,
            long[] blockPositives,
            long[] blockNegatives) {
        double p = blockPositives[g];
        numerator[g] += p * negativesBelow[g] + 0.5 * p * blockNegatives[g];
        negativesBelow[g] += blockNegatives[g];
        positives[g] += blockPositives[g];
    }

    private static double finish(double numerator, long positives, long negatives) {
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return numerator / ((double) positives * negatives);
    }
}
