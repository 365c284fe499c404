/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import java.util.Arrays;
import org.sapenet.data.schema.StoreSchema;

/**
 * One row on its way into a {@link StoreWriter}: F sparse ids, Fd dense values, a scenario id and T
 * (label, mask) pairs. Source readers fill one instance per row and reuse it.
 */
public final class StoreRow {

    private final int[] sparse;
    private final float[] dense;
    private final byte[] labels;
    private final byte[] mask;
    private int scenario;

    /**
     * Creates a row buffer for a schema, with every mask set to 1.
     *
     * @param schema the store schema
     */
    public StoreRow(StoreSchema schema) {
        this.sparse = new int[schema.sparseCount()];
        this.dense = new float[schema.denseCount()];
        this.labels = new byte[schema.taskCount()];
        this.mask = new byte[schema.taskCount()];
        Arrays.fill(mask, (byte) 1);
    }

    /**
     * Sets sparse field f.
     *
     * @param field the field index
     * @param id the id, at least 0 (0 = unknown)
     */
    public void setSparse(int field, int id) {
        sparse[field] = id;
    }

    /**
     * Sets dense field f.
     *
     * @param field the field index
     * @param value the value, finite
     */
    public void setDense(int field, float value) {
        dense[field] = value;
    }

    /**
     * Sets the scenario id.
     *
     * @param scenario 0..S-1
     */
    public void setScenario(int scenario) {
        this.scenario = scenario;
    }

    /**
     * Sets task t's label and marks it present.
     *
     * @param task the task index
     * @param positive whether the label is 1
     */
    public void setLabel(int task, boolean positive) {
        labels[task] = (byte) (positive ? 1 : 0);
        mask[task] = 1;
    }

    /**
     * Marks task t's label absent for this row (label 0, mask 0).
     *
     * @param task the task index
     */
    public void clearLabel(int task) {
        labels[task] = 0;
        mask[task] = 0;
    }

    int sparse(int field) {
        return sparse[field];
    }

    float dense(int field) {
        return dense[field];
    }

    int scenario() {
        return scenario;
    }

    byte label(int task) {
        return labels[task];
    }

    byte mask(int task) {
        return mask[task];
    }
}
