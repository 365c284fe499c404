/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.synth;

import java.util.Locale;

/**
 * The vocabulary sizes of the synthetic AliCCP data ({@link SyntheticModel}): how many users,
 * items, shops, brands, behaviour and cross ids it draws from. The eight user-profile fields (121
 * .. 129) have AliCCP's small vocabularies in both shapes.
 *
 * <p>Sizes count id 0 (unknown), as a prepared store's vocabulary sizes do (max id + 1).
 */
public enum SyntheticVocabulary {
    /**
     * A small vocabulary (12,239 embedding rows in all): 2,000 users, 3,000 items, 1,200 shops, 900
     * brands. Fast to train; the default, and what every earlier version wrote.
     */
    SMALL(
            2000,
            3000,
            new int[] {300, 400, 350, 250},
            new int[] {200, 1200, 400, 900},
            new int[] {1000, 600, 800, 700}),

    /**
     * AliCCP's full shape, about 1.56 million embedding rows in all: 238,635 users (101), 467,298
     * items (205), 6,929 categories (206), 263,942 shops (207), 80,232 intention nodes (210),
     * 106,399 brands (216), behaviour fields 109_14 / 110_14 / 127_14 / 150_14 of 5,853 / 105,622 /
     * 53,843 / 31,857 and crosses 508 / 509 / 702 / 853 of 5,888 / 104,830 / 51,878 / 37,148 ids.
     * These are estimates of the processed AliCCP's vocabularies after ids seen fewer than 10 times
     * are mapped to 0 (the full data has about 0.4 M users and 4.3 M items before that mapping),
     * not sizes measured on the full files.
     */
    ALICCP_FULL(
            238_635,
            467_298,
            new int[] {5_853, 105_622, 53_843, 31_857},
            new int[] {6_929, 263_942, 80_232, 106_399},
            new int[] {5_888, 104_830, 51_878, 37_148});

    private final int users;
    private final int items;
    private final int[] behaviour;
    private final int[] item;
    private final int[] cross;

    SyntheticVocabulary(int users, int items, int[] behaviour, int[] item, int[] cross) {
        this.users = users;
        this.items = items;
        this.behaviour = behaviour;
        this.item = item;
        this.cross = cross;
    }

    /**
     * Returns the user id vocabulary (field 101).
     *
     * @return the size, id 0 included
     */
    public int users() {
        return users;
    }

    /**
     * Returns the item id vocabulary (field 205).
     *
     * @return the size, id 0 included
     */
    public int items() {
        return items;
    }

    int[] behaviour() {
        return behaviour.clone();
    }

    int[] item() {
        return item.clone();
    }

    int[] cross() {
        return cross.clone();
    }

    /**
     * Returns the embedding rows of the 22 non-scenario sparse fields together, when every id is
     * drawn.
     *
     * @return the sum of the vocabulary sizes
     */
    public long totalRows() {
        long total = users + items;
        for (int v : SyntheticModel.PROFILE_VOCAB) {
            total += v;
        }
        for (int[] sizes : new int[][] {behaviour, item, cross}) {
            for (int v : sizes) {
                total += v;
            }
        }
        return total;
    }

    /**
     * Returns the name used on the command line and in {@code oracle.json}.
     *
     * @return {@code small} or {@code aliccp-full}
     */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a command-line name.
     *
     * @param name {@code small} or {@code aliccp-full}, any case
     * @return the vocabulary
     * @throws IllegalArgumentException for other names
     */
    public static SyntheticVocabulary of(String name) {
        for (SyntheticVocabulary vocabulary : values()) {
            if (vocabulary.cliName().equalsIgnoreCase(name)) {
                return vocabulary;
            }
        }
        throw new IllegalArgumentException(
                "Unknown synthetic vocabulary '" + name + "': expected small or aliccp-full");
    }
}
