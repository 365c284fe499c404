/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.synth;

import java.util.Locale;

/**
 * The scenario mix and label rates of the synthetic AliCCP data ({@link SyntheticModel}): the same
 * users, items, interactions and per-scenario effects, with the scenario shares and the click and
 * conversion biases chosen here.
 */
public enum SyntheticProfile {
    /**
     * AliCCP's shape: scenarios 1, 2, 3 with shares 0.38, 0.01, 0.61 (AliCCP's scenario 2 is about
     * 1%), a click rate of about 5% and a purchase rate of about 0.45% of impressions. The small
     * scenario's test AUCs rest on a handful of positives unless the data has millions of rows.
     */
    ALICCP(new double[] {0.38, 0.01, 0.61}, 0, 0),

    /**
     * Every scenario measurable, and learnable, at a few hundred thousand rows: shares 0.40, 0.20,
     * 0.40, click and conversion logits raised by 2 (a click rate of about 25% and a purchase rate
     * of about 11% of impressions). The demo uses it: each of its (scenario, task) test AUCs rests
     * on thousands of positives, and a row carries enough label information for the models to reach
     * well over half of the oracle's lift within the demo's few minutes. Not a realistic e-commerce
     * mix; use {@link #ALICCP} for that.
     */
    BALANCED(new double[] {0.40, 0.20, 0.40}, 2, 2);

    private final double[] shares;
    private final double clickShift;
    private final double conversionShift;

    SyntheticProfile(double[] shares, double clickShift, double conversionShift) {
        this.shares = shares;
        this.clickShift = clickShift;
        this.conversionShift = conversionShift;
    }

    /**
     * Returns the share of rows drawn in a scenario.
     *
     * @param scenario 0, 1 or 2 (scenario values 1, 2, 3)
     * @return the probability
     */
    public double share(int scenario) {
        return shares[scenario];
    }

    /**
     * Returns what is added to every click logit.
     *
     * @return the shift
     */
    public double clickShift() {
        return clickShift;
    }

    /**
     * Returns what is added to every conversion (purchase given click) logit.
     *
     * @return the shift
     */
    public double conversionShift() {
        return conversionShift;
    }

    /**
     * Returns the name used on the command line and in {@code oracle.json}.
     *
     * @return e.g. {@code aliccp}
     */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a command-line name.
     *
     * @param name {@code aliccp} or {@code balanced}, any case
     * @return the profile
     * @throws IllegalArgumentException for other names
     */
    public static SyntheticProfile of(String name) {
        for (SyntheticProfile profile : values()) {
            if (profile.cliName().equalsIgnoreCase(name)) {
                return profile;
            }
        }
        throw new IllegalArgumentException(
                "Unknown synthetic profile '" + name + "': expected aliccp or balanced");
    }
}
