/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sapenet.data.store.Split;

/**
 * Decides which split a source row goes to: the split of the file it came from ({@code official})
 * or a seeded random 8:1:1 split that streams: each row's split is a pure function of (seed, file
 * index, line number), so no row index list is held and skipping bad rows does not move the others.
 */
public final class SplitPolicy {

    private final boolean random;
    private final long seed;
    private final double trainFraction;
    private final double valFraction;

    private SplitPolicy(boolean random, long seed, double trainFraction, double valFraction) {
        this.random = random;
        this.seed = seed;
        this.trainFraction = trainFraction;
        this.valFraction = valFraction;
    }

    /**
     * Keeps each row in the split of its file.
     *
     * @return the policy
     */
    public static SplitPolicy official() {
        return new SplitPolicy(false, 0, 0, 0);
    }

    /**
     * Re-splits all rows at random, 8:1:1 (train:val:test).
     *
     * @param seed the seed
     * @return the policy
     */
    public static SplitPolicy random(long seed) {
        return new SplitPolicy(true, seed, 0.8, 0.1);
    }

    /**
     * Returns whether the split is random.
     *
     * @return true for the random policy
     */
    public boolean isRandom() {
        return random;
    }

    /**
     * Chooses the split of one row.
     *
     * @param fileSplit the split of the file the row came from
     * @param fileIndex the index of that file among the inputs
     * @param line the row's line number in the file
     * @return the split
     */
    public Split assign(Split fileSplit, int fileIndex, long line) {
        if (!random) {
            return fileSplit;
        }
        double u = uniform(seed, ((long) fileIndex << 40) ^ line);
        if (u < trainFraction) {
            return Split.TRAIN;
        }
        return u < trainFraction + valFraction ? Split.VAL : Split.TEST;
    }

    /**
     * Returns a uniform number in [0, 1) that depends only on (seed, key) (SplitMix64 finaliser).
     *
     * @param seed the seed
     * @param key the key
     * @return the number
     */
    public static double uniform(long seed, long key) {
        return (mix(seed + mix(key + 0x9E3779B97F4A7C15L)) >>> 11) * 0x1.0p-53;
    }

    /**
     * The SplitMix64 finaliser: a bijective 64-bit mix.
     *
     * @param z the input
     * @return the mixed value
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Describes the policy for the manifest.
     *
     * @return {@code split} and, for random, {@code seed} and {@code fractions}
     */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("split", random ? "random" : "official");
        if (random) {
            out.put("seed", seed);
            out.put(
                    "fractions",
                    new double[] {trainFraction, valFraction, 1 - trainFraction - valFraction});
        }
        return out;
    }
}
