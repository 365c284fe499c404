/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.vocab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sapenet.data.source.aliccp.AliccpRawPreparer;
import org.sapenet.data.store.StoreManifest;

/**
 * The scaling a store applied to one dense field, as recorded in its manifest ({@code
 * denseScaling}): min-max with the training range, clipped to [0, 1] ({@link
 * AliccpRawPreparer#scale}), or none; a missing value becomes the fill value. Fields without a
 * record are not scaled and fill 0.
 *
 * <p>Immutable.
 */
public final class DenseScaling {

    private static final DenseScaling NONE = new DenseScaling(false, Double.NaN, Double.NaN, 0f);

    private final boolean minMax;
    private final double min;
    private final double max;
    private final float fill;

    private DenseScaling(boolean minMax, double min, double max, float fill) {
        this.minMax = minMax;
        this.min = min;
        this.max = max;
        this.fill = fill;
    }

    /**
     * Creates a scaling.
     *
     * @param minMax true for min-max scaling, false to keep values as they are
     * @param min the training minimum (NaN when no training value was seen)
     * @param max the training maximum (NaN when no training value was seen)
     * @param fill the value of a missing input
     * @return the scaling
     */
    public static DenseScaling of(boolean minMax, double min, double max, float fill) {
        return new DenseScaling(minMax, min, max, fill);
    }

    /**
     * Reads the scaling of each dense field from a store's manifest.
     *
     * @param manifest the manifest
     * @return F_d scalings in store field order (no scaling, fill 0, where none is recorded)
     */
    public static List<DenseScaling> fromManifest(StoreManifest manifest) {
        List<String> fields = manifest.toSchema().getDenseFields();
        Map<String, StoreManifest.DenseRange> scaling = manifest.getDenseScaling();
        List<DenseScaling> out = new ArrayList<>();
        for (String field : fields) {
            StoreManifest.DenseRange range = scaling == null ? null : scaling.get(field);
            if (range != null) {
                double min = Double.NaN;
                double max = Double.NaN;
                if (range.getMin() != null && range.getMax() != null) {
                    min = range.getMin();
                    max = range.getMax();
                }
                out.add(new DenseScaling(range.isMinMax(), min, max, (float) range.getFill()));
            } else {
                out.add(NONE);
            }
        }
        return out;
    }

    /**
     * Encodes a raw value: the fill value when it is missing (NaN or not finite), else the value
     * scaled.
     *
     * @param v the raw value, NaN when missing
     * @return the model input
     */
    public float apply(float v) {
        if (!Float.isFinite(v)) {
            return fill;
        }
        return minMax ? AliccpRawPreparer.scale(v, (float) min, (float) max) : v;
    }

    /**
     * Returns whether values are min-max scaled.
     *
     * @return true for min-max, false for none
     */
    public boolean isMinMax() {
        return minMax;
    }

    /**
     * Returns the training minimum.
     *
     * @return the minimum, NaN when unknown
     */
    public double getMin() {
        return min;
    }

    /**
     * Returns the training maximum.
     *
     * @return the maximum, NaN when unknown
     */
    public double getMax() {
        return max;
    }

    /**
     * Returns the value of a missing input.
     *
     * @return the fill value
     */
    public float getFill() {
        return fill;
    }
}
