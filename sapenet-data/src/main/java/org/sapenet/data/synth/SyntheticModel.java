/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.synth;

import java.util.Random;

/**
 * The known model behind the synthetic AliCCP data: from a seed it draws users, items and their
 * attributes, and for each row a scenario, a user, an item, the AliCCP fields and the true click
 * and purchase probabilities.
 *
 * <p>Click logit of a row with scenario s, user u, item i (category c), gender g, age a:
 *
 * <pre>
 *   z_click = a_s + bu_u + bi_i + gs_s * (U_u . C_c) + hs_s * GA[g][a] + SC[s][c]
 *             + 1.5 * (D508 - 0.3) * [508 present]
 *   p_click = q(sigmoid(z_click))
 *   z_cvr   = c_s + bshop + ks_s * (U_u . B_brand) + 1.0 * (D109_14 - 0.5) + CL[consumption][age]
 *   p_purchase = q(p_click * sigmoid(z_cvr))
 * </pre>
 *
 * where U, C, B are 4-dimensional latent vectors (the user x category and user x brand interactions
 * that attention can find), GA and CL are field-pair interaction tables, SC is a scenario-specific
 * category effect and a_s, gs_s, hs_s, c_s, ks_s are per-scenario constants. q() keeps 12 mantissa
 * bits (and at least 2^-30), so probabilities take few distinct values and the oracle AUC can be
 * computed exactly from histograms. Labels: click ~ Bernoulli(p_click); purchase only after a
 * click, with P(purchase | click) = p_purchase / p_click.
 *
 * <p>The scenario shares and a shift of every click and conversion logit come from a {@link
 * SyntheticProfile}; {@link SyntheticProfile#ALICCP} (scenario values 1, 2, 3 with probabilities
 * 0.38, 0.01, 0.61, no shift) is AliCCP's shape.
 */
final class SyntheticModel {

    private static final int LATENT = 4;
    private static final double[] CLICK_BIAS = {-3.3, -2.9, -3.6};
    private static final double[] CLICK_INTERACTION = {1.0, 0.4, 1.4};
    private static final double[] CLICK_PROFILE = {1.0, -0.6, 0.7};
    private static final double[] CVR_BIAS = {-2.4, -2.0, -2.6};
    private static final double[] CVR_INTERACTION = {1.2, 0.5, 0.9};

    // Vocabulary sizes (ids 1..V-1; 0 = unknown) of the 22 non-scenario sparse columns: the user
    // profile fields 121 122 124 125 126 127 128 129 here, the others from a SyntheticVocabulary:
    // users (101), items (205), behaviour 109_14 110_14 127_14 150_14, item fields 206 category,
    // 207 shop, 210 intention, 216 brand, crosses 508 (user x category), 509 (user x shop), 702
    // (user x brand), 853 (user x intention).
    static final int[] PROFILE_VOCAB = {98, 14, 3, 8, 4, 4, 3, 5};
    private static final int BEHAVIOUR_FIELDS = 4;
    private static final int ITEM_FIELDS = 4;
    private static final int CROSS_FIELDS = 4;

    private final int users;
    private final int items;
    private final int[] behaviourVocab;
    private final int[] itemVocab;
    private final int[] crossVocab;
    private final int[][] profile;
    private final int[][] behaviour;
    private final float[][] behaviourDense;
    private final int[][] itemAttr;
    private final double[] userBias;
    private final double[] itemBias;
    private final double[][] userLatent;
    private final double[][] categoryLatent;
    private final double[][] brandLatent;
    private final double[] shopBias;
    private final double[][] genderAge = new double[PROFILE_VOCAB[2]][PROFILE_VOCAB[3]];
    private final double[][] consumptionAge = new double[PROFILE_VOCAB[4]][PROFILE_VOCAB[3]];
    private final double[][] scenarioCategory;
    private final long seed;
    private final SyntheticProfile mix;

    SyntheticModel(long seed) {
        this(seed, SyntheticProfile.ALICCP, SyntheticVocabulary.SMALL);
    }

    SyntheticModel(long seed, SyntheticProfile mix, SyntheticVocabulary vocabulary) {
        this.seed = seed;
        this.mix = mix;
        users = vocabulary.users();
        items = vocabulary.items();
        behaviourVocab = vocabulary.behaviour();
        itemVocab = vocabulary.item();
        crossVocab = vocabulary.cross();
        profile = new int[PROFILE_VOCAB.length][users];
        behaviour = new int[BEHAVIOUR_FIELDS][users];
        behaviourDense = new float[BEHAVIOUR_FIELDS][users];
        itemAttr = new int[ITEM_FIELDS][items];
        userBias = new double[users];
        itemBias = new double[items];
        userLatent = new double[users][LATENT];
        categoryLatent = new double[itemVocab[0]][LATENT];
        brandLatent = new double[itemVocab[3]][LATENT];
        shopBias = new double[itemVocab[1]];
        scenarioCategory = new double[3][itemVocab[0]];
        Random random = new Random(seed);
        for (int u = 1; u < users; u++) {
            for (int f = 0; f < PROFILE_VOCAB.length; f++) {
                profile[f][u] = 1 + random.nextInt(PROFILE_VOCAB[f] - 1);
            }
            for (int f = 0; f < BEHAVIOUR_FIELDS; f++) {
                behaviour[f][u] = random.nextInt(behaviourVocab[f]);
                behaviourDense[f][u] = round4(random.nextDouble());
            }
            userBias[u] = 0.25 * random.nextGaussian();
            gaussian(random, userLatent[u], 0.5);
        }
        for (int i = 1; i < items; i++) {
            for (int f = 0; f < ITEM_FIELDS; f++) {
                itemAttr[f][i] = 1 + random.nextInt(itemVocab[f] - 1);
            }
            itemBias[i] = 0.3 * random.nextGaussian();
        }
        for (double[] v : categoryLatent) {
            gaussian(random, v, 0.5);
        }
        for (double[] v : brandLatent) {
            gaussian(random, v, 0.5);
        }
        for (int b = 0; b < shopBias.length; b++) {
            shopBias[b] = 0.3 * random.nextGaussian();
        }
        fill(random, genderAge, 0.3);
        fill(random, consumptionAge, 0.3);
        fill(random, scenarioCategory, 0.25);
    }

    private static void gaussian(Random random, double[] v, double scale) {
        for (int k = 0; k < v.length; k++) {
            v[k] = scale * random.nextGaussian();
        }
    }

    private static void fill(Random random, double[][] table, double scale) {
        for (double[] row : table) {
            gaussian(random, row, scale);
        }
    }

    static float round4(double x) {
        return (float) (Math.rint(Math.min(1, Math.max(0, x)) * 10000) / 10000);
    }

    /**
     * Returns the number of user ids (id 0 included).
     *
     * @return the user vocabulary
     */
    int users() {
        return users;
    }

    /** The fields and truth of one row. */
    static final class Row {
        int scenario;
        int user;
        int userId;
        int item;
        int itemId;
        final int[] profile = new int[PROFILE_VOCAB.length];
        final int[] behaviour = new int[BEHAVIOUR_FIELDS];
        final int[] item4 = new int[ITEM_FIELDS];
        final int[] cross = new int[CROSS_FIELDS];
        final float[] behaviourDense = new float[BEHAVIOUR_FIELDS];
        final float[] crossDense = new float[CROSS_FIELDS];
        float pClick;
        float pPurchase;
        boolean click;
        boolean purchase;
    }

    /**
     * Draws row r (a pure function of the seed and r).
     *
     * @param r the row index
     * @param row the row to fill
     */
    void draw(long r, Row row) {
        long state = SplitMix.mix(seed ^ SplitMix.mix(r + 0x632BE59BD9B4E019L));
        double su = SplitMix.uniform(state++);
        double first = mix.share(0);
        int s = su < first ? 0 : su < first + mix.share(1) ? 1 : 2;
        int u = 1 + (int) ((users - 1) * square(SplitMix.uniform(state++)));
        int i = 1 + (int) ((items - 1) * square(SplitMix.uniform(state++)));
        row.scenario = s;
        row.user = u;
        row.item = i;
        row.userId = SplitMix.uniform(state++) < 0.02 ? 0 : u;
        row.itemId = SplitMix.uniform(state++) < 0.02 ? 0 : i;
        for (int f = 0; f < PROFILE_VOCAB.length; f++) {
            row.profile[f] = profile[f][u];
        }
        for (int f = 0; f < BEHAVIOUR_FIELDS; f++) {
            row.behaviour[f] = behaviour[f][u];
            row.behaviourDense[f] = behaviourDense[f][u];
        }
        for (int f = 0; f < ITEM_FIELDS; f++) {
            row.item4[f] = itemAttr[f][i];
        }
        int category = row.item4[0];
        int brand = row.item4[3];
        double userCategory = dot(userLatent[u], categoryLatent[category]);
        double userBrand = dot(userLatent[u], brandLatent[brand]);
        for (int x = 0; x < CROSS_FIELDS; x++) {
            long key = SplitMix.mix(((long) u << 32) ^ ((long) x << 24) ^ row.item4[x]);
            boolean present = (key & 1) == 0;
            if (present) {
                row.cross[x] = 1 + (int) ((key >>> 1) % (crossVocab[x] - 1));
                double strength = x == 0 ? userCategory : x == 2 ? userBrand : 0;
                row.crossDense[x] =
                        round4(0.3 + 0.5 * strength + 0.1 * (SplitMix.uniform(state++) - 0.5));
            } else {
                row.cross[x] = 0;
                row.crossDense[x] = 0f;
            }
        }
        int gender = row.profile[2];
        int age = row.profile[3];
        int consumption = row.profile[4];
        double zClick =
                CLICK_BIAS[s]
                        + mix.clickShift()
                        + userBias[u]
                        + itemBias[i]
                        + CLICK_INTERACTION[s] * userCategory
                        + CLICK_PROFILE[s] * genderAge[gender][age]
                        + scenarioCategory[s][category]
                        + (row.cross[0] != 0 ? 1.5 * (row.crossDense[0] - 0.3) : 0);
        double zCvr =
                CVR_BIAS[s]
                        + mix.conversionShift()
                        + shopBias[row.item4[1]]
                        + CVR_INTERACTION[s] * userBrand
                        + 1.0 * (row.behaviourDense[0] - 0.5)
                        + consumptionAge[consumption][age];
        float pClick = quantize(sigmoid(zClick));
        float pPurchase = quantize(pClick * sigmoid(zCvr));
        row.pClick = pClick;
        row.pPurchase = pPurchase;
        row.click = SplitMix.uniform(state++) < pClick;
        row.purchase = row.click && SplitMix.uniform(state++) * pClick < pPurchase;
    }

    private static double square(double x) {
        return x * x;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** Keeps 12 mantissa bits (truncating towards zero) and at least 2^-30. */
    static float quantize(double p) {
        float f = (float) Math.max(p, 0x1.0p-30);
        return Float.intBitsToFloat(Float.floatToRawIntBits(f) & ~0x7FF);
    }

    /** A small counter-based generator: SplitMix64 over (seed, row, draw). */
    static final class SplitMix {
        private SplitMix() {}

        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        static double uniform(long state) {
            return (mix(state * 0x9E3779B97F4A7C15L + 0x2545F4914F6CDD1DL) >>> 11) * 0x1.0p-53;
        }
    }
}
