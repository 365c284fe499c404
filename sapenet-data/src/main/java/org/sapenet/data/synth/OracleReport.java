/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.synth;

import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The best achievable ("oracle") AUC of the synthetic data: the AUC of each row's true probability
 * against its drawn label, per (split, scenario, task) and per (split, task) over all scenarios,
 * with row and positive counts. Written to {@code oracle.json} by {@link SyntheticAliccp}.
 */
public final class OracleReport implements SynthReport {

    /** The split names, in file order. */
    public static final List<String> SPLITS = List.of("train", "val", "test");

    /** The task names. */
    public static final List<String> TASKS = List.of("click", "purchase");

    /** The scenario names (values of column 301). */
    public static final List<String> SCENARIOS = List.of("1", "2", "3");

    private final long rows;
    private final long seed;
    private final SyntheticProfile profile;
    private final SyntheticVocabulary vocabulary;
    private final QuantizedAuc[][][] cells; // [split][scenario][task]

    OracleReport(long rows, long seed) {
        this(rows, seed, SyntheticProfile.ALICCP);
    }

    OracleReport(long rows, long seed, SyntheticProfile profile) {
        this(rows, seed, profile, SyntheticVocabulary.SMALL);
    }

    OracleReport(long rows, long seed, SyntheticProfile profile, SyntheticVocabulary vocabulary) {
        this.rows = rows;
        this.seed = seed;
        this.profile = profile;
        this.vocabulary = vocabulary;
        cells = new QuantizedAuc[SPLITS.size()][SCENARIOS.size()][TASKS.size()];
    }

    void add(int split, int scenario, float pClick, boolean click, float pPurchase, boolean buy) {
        cell(split, scenario, 0).add(pClick, click);
        cell(split, scenario, 1).add(pPurchase, buy);
    }

    private QuantizedAuc cell(int split, int scenario, int task) {
        QuantizedAuc cell = cells[split][scenario][task];
        if (cell == null) {
            cell = new QuantizedAuc();
            cells[split][scenario][task] = cell;
        }
        return cell;
    }

    private QuantizedAuc pooled(int split, int task) {
        QuantizedAuc all = new QuantizedAuc();
        for (int s = 0; s < SCENARIOS.size(); s++) {
            QuantizedAuc cell = cells[split][s][task];
            if (cell != null) {
                all.addAll(cell);
            }
        }
        return all;
    }

    /**
     * Returns the oracle AUC of one (split, scenario, task).
     *
     * @param split 0 train, 1 val, 2 test
     * @param scenario the scenario id 0..2
     * @param task 0 click, 1 purchase
     * @return the AUC, NaN when the cell has no positive or no negative
     */
    public double auc(int split, int scenario, int task) {
        QuantizedAuc cell = cells[split][scenario][task];
        return cell == null ? Double.NaN : cell.auc();
    }

    /**
     * Returns the oracle AUC of one (split, task) over all scenarios.
     *
     * @param split 0 train, 1 val, 2 test
     * @param task 0 click, 1 purchase
     * @return the AUC
     */
    public double overallAuc(int split, int task) {
        return pooled(split, task).auc();
    }

    /**
     * Returns the rows of one (split, scenario).
     *
     * @param split the split index
     * @param scenario the scenario id
     * @return the count
     */
    public long rows(int split, int scenario) {
        QuantizedAuc cell = cells[split][scenario][0];
        return cell == null ? 0 : cell.count();
    }

    /**
     * Returns the positives of one (split, scenario, task).
     *
     * @param split the split index
     * @param scenario the scenario id
     * @param task the task index
     * @return the count
     */
    public long positives(int split, int scenario, int task) {
        QuantizedAuc cell = cells[split][scenario][task];
        return cell == null ? 0 : cell.positives();
    }

    /**
     * Returns the total row count.
     *
     * @return the rows
     */
    public long getRows() {
        return rows;
    }

    /**
     * Returns the seed.
     *
     * @return the seed
     */
    public long getSeed() {
        return seed;
    }

    /**
     * Returns the scenario mix and label rates the data was drawn with.
     *
     * @return the profile
     */
    public SyntheticProfile getProfile() {
        return profile;
    }

    /**
     * Returns the report as JSON: {@code rows}, {@code seed}, {@code profile}, {@code vocabulary}
     * (only when not {@code small}), and per split {@code tasks -> {all, scenario 1..3} -> {rows,
     * positives, auc}} (auc null when undefined).
     *
     * @return the JSON text
     */
    @Override
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("rows", rows);
        root.put("seed", seed);
        root.put("profile", profile.cliName());
        if (vocabulary != SyntheticVocabulary.SMALL) {
            root.put("vocabulary", vocabulary.cliName()); // absent: small, as before it existed
        }
        root.put("probabilityFiles", "ali_ccp_{split}_truth.csv: p_click,p_purchase per data row");
        Map<String, Object> splits = new LinkedHashMap<>();
        for (int split = 0; split < SPLITS.size(); split++) {
            Map<String, Object> tasks = new LinkedHashMap<>();
            for (int t = 0; t < TASKS.size(); t++) {
                Map<String, Object> cellsOut = new LinkedHashMap<>();
                cellsOut.put("all", cellJson(pooled(split, t)));
                for (int s = 0; s < SCENARIOS.size(); s++) {
                    QuantizedAuc cell = cells[split][s][t];
                    cellsOut.put(
                            "scenario " + SCENARIOS.get(s),
                            cellJson(cell == null ? new QuantizedAuc() : cell));
                }
                tasks.put(TASKS.get(t), cellsOut);
            }
            splits.put(SPLITS.get(split), tasks);
        }
        root.put("oracleAuc", splits);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root);
    }

    private static Map<String, Object> cellJson(QuantizedAuc cell) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", cell.count());
        out.put("positives", cell.positives());
        double auc = cell.auc();
        out.put("auc", Double.isNaN(auc) ? null : auc);
        return out;
    }

    /**
     * Formats the oracle AUCs as a table, one line per (split, task).
     *
     * @return the table text
     */
    @Override
    public String toTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-6s %-9s %8s", "split", "task", "all"));
        for (String s : SCENARIOS) {
            out.append(String.format(Locale.ROOT, " %12s", "scenario " + s));
        }
        out.append('\n');
        for (int split = 0; split < SPLITS.size(); split++) {
            for (int t = 0; t < TASKS.size(); t++) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "%-6s %-9s %8s",
                                SPLITS.get(split),
                                TASKS.get(t),
                                format(overallAuc(split, t))));
                for (int s = 0; s < SCENARIOS.size(); s++) {
                    out.append(String.format(Locale.ROOT, " %12s", format(auc(split, s, t))));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String format(double auc) {
        return Double.isNaN(auc) ? "n/a" : String.format(Locale.ROOT, "%.4f", auc);
    }
}
