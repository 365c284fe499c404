/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import org.sapenet.data.schema.StoreSchema;

/**
 * The memory-mapped columns of one split: random access by row to each sparse id, dense value,
 * scenario, label and mask. Thread-safe for reading.
 */
public final class StoreSplit {

    private final Split split;
    private final StoreSchema schema;
    private final int rows;
    private final long[] rowsPerScenario;
    private final MappedColumn[] sparse;
    private final MappedColumn[] dense;
    private final MappedColumn scenario;
    private final MappedColumn[] labels;
    private final MappedColumn[] masks;

    StoreSplit(
            Split split,
            StoreSchema schema,
            int rows,
            long[] rowsPerScenario,
            MappedColumn[] sparse,
            MappedColumn[] dense,
            MappedColumn scenario,
            MappedColumn[] labels,
            MappedColumn[] masks) {
        this.split = split;
        this.schema = schema;
        this.rows = rows;
        this.rowsPerScenario = rowsPerScenario;
        this.sparse = sparse;
        this.dense = dense;
        this.scenario = scenario;
        this.labels = labels;
        this.masks = masks;
    }

    /**
     * Returns which split this is.
     *
     * @return the split
     */
    public Split getSplit() {
        return split;
    }

    /**
     * Returns the schema.
     *
     * @return the schema
     */
    public StoreSchema getSchema() {
        return schema;
    }

    /**
     * Returns the number of rows.
     *
     * @return the rows
     */
    public int rows() {
        return rows;
    }

    /**
     * Returns the number of rows of one scenario (from the manifest).
     *
     * @param s the scenario id
     * @return the rows
     */
    public long rows(int s) {
        return rowsPerScenario[s];
    }

    /**
     * Returns a sparse field's column.
     *
     * @param field the field index, 0..F-1
     * @return the int32 column
     */
    public MappedColumn sparse(int field) {
        return sparse[field];
    }

    /**
     * Returns a dense field's column.
     *
     * @param field the field index, 0..Fd-1
     * @return the float32 column
     */
    public MappedColumn dense(int field) {
        return dense[field];
    }

    /**
     * Returns the scenario column.
     *
     * @return the int32 column of scenario ids
     */
    public MappedColumn scenario() {
        return scenario;
    }

    /**
     * Returns a task's label column.
     *
     * @param task the task index
     * @return the uint8 column of 0/1 labels
     */
    public MappedColumn label(int task) {
        return labels[task];
    }

    /**
     * Returns a task's mask column.
     *
     * @param task the task index
     * @return the uint8 column, 1 where the row carries the label
     */
    public MappedColumn mask(int task) {
        return masks[task];
    }
}
