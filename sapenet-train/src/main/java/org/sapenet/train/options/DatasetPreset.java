/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.options;

import java.util.Locale;
import org.sapenet.data.store.SourceFormat;

/**
 * Per-dataset training defaults from the seed paper: learning rate and batch size. Every other
 * default (weight decay 1e-5, up to 50 epochs, patience 10) is M3oE's and the same for all.
 */
public enum DatasetPreset {
    /** AliCCP: lr 1e-2, batch 32768. */
    ALICCP("aliccp", 1e-2f, 32768),
    /** KuaiSAR: lr 1e-4, batch 512. */
    KUAISAR("kuaisar", 1e-4f, 512),
    /** Any other store: Adam's usual lr 1e-3, batch 4096. */
    GENERIC("generic", 1e-3f, 4096);

    private final String key;
    private final float learningRate;
    private final int batchSize;

    DatasetPreset(String key, float learningRate, int batchSize) {
        this.key = key;
        this.learningRate = learningRate;
        this.batchSize = batchSize;
    }

    /**
     * Returns the preset's name as written in logs and metrics.json.
     *
     * @return {@code aliccp}, {@code kuaisar} or {@code generic}
     */
    public String key() {
        return key;
    }

    /**
     * Returns the preset learning rate.
     *
     * @return the rate
     */
    public float learningRate() {
        return learningRate;
    }

    /**
     * Returns the default learning rate for a batch size: the preset's rate scaled by the square
     * root of the batch size's ratio to the preset's, sqrt(B / B_preset) (the square-root rule for
     * Adam: the gradient noise falls as 1 / sqrt(B)). From AliCCP's 1e-2 at 32768 it gives 2.5e-3
     * at 2048 and 1.25e-3 at 512.
     *
     * @param batchSize B
     * @return the rate
     */
    public float learningRate(int batchSize) {
        return (float) (learningRate * Math.sqrt(batchSize / (double) this.batchSize));
    }

    /**
     * Returns the preset batch size.
     *
     * @return B
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Returns the preset of a store's source format: the AliCCP formats (processed and raw) are
     * AliCCP, KuaiSAR is KuaiSAR, the rest (schema CSV, DJL tabular, none recorded) generic.
     *
     * @param format the store's source format, may be null
     * @return the preset
     */
    public static DatasetPreset of(SourceFormat format) {
        if (format == null) {
            return GENERIC;
        }
        if (format.isAliccp()) {
            return ALICCP;
        }
        if (format == SourceFormat.KUAISAR) {
            return KUAISAR;
        }
        return GENERIC;
    }

    /**
     * Chooses the preset from a dataset name written by a person, a grid file's {@code dataset}
     * key: anything mentioning AliCCP (e.g. {@code aliccp}, {@code Ali-CCP raw}) is AliCCP,
     * anything mentioning KuaiSAR is KuaiSAR, the rest generic. A store's preset comes from its
     * typed source format ({@link #of(SourceFormat)}), not from text.
     *
     * @param formatOrName the dataset name, may be null
     * @return the preset
     */
    public static DatasetPreset detect(String formatOrName) {
        if (formatOrName == null) {
            return GENERIC;
        }
        String text = formatOrName.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (text.contains("aliccp")) {
            return ALICCP;
        }
        if (text.contains("kuaisar")) {
            return KUAISAR;
        }
        return GENERIC;
    }
}
