/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.config;

import java.util.List;

/**
 * The AliCCP-shaped configuration of the shared contract: 23 sparse fields (the 22 non-D id columns
 * plus {@code 301}, the scenario column as an ordinary feature), 8 dense {@code D*} fields, S = 3
 * scenarios, T = 2 tasks (click, purchase), the paper's widths.
 */
public final class AliCcpShape {

    /** The 22 non-D id columns of the processed CSV, then {@code 301}. */
    public static final List<String> SPARSE_FIELDS =
            List.of(
                    "101", "121", "122", "124", "125", "126", "127", "128", "129", "205", "206",
                    "207", "210", "216", "508", "509", "702", "853", "109_14", "110_14", "127_14",
                    "150_14", "301");

    /** The 8 dense columns. */
    public static final List<String> DENSE_FIELDS =
            List.of("D109_14", "D110_14", "D127_14", "D150_14", "D508", "D509", "D702", "D853");

    private AliCcpShape() {}

    /**
     * Returns the AliCCP-shaped config with one vocabulary size for every field but {@code 301}
     * (which has 4 ids: unknown and the three scenarios).
     *
     * @param vocabularySize the assumed vocabulary of each of the 22 id fields
     * @return the config builder, with the paper's defaults
     */
    public static ModelConfig.Builder builder(int vocabularySize) {
        int[] sizes = new int[SPARSE_FIELDS.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = SPARSE_FIELDS.get(i).equals("301") ? 4 : vocabularySize;
        }
        return ModelConfig.builder()
                .setSparseFields(SPARSE_FIELDS, sizes)
                .setDenseFields(DENSE_FIELDS)
                .setScenarios(List.of("1", "2", "3"))
                .setTasks(List.of("click", "purchase"));
    }
}
