/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.ModelSpec;
import org.sapenet.model.registry.PaperSetting;

/**
 * The paper's tables from a grid's results: one column per (scenario, task) group's test AUC, then
 * All AUC and LogLoss; one row per model in the order of the paper's four settings; the mean over
 * seeds (with the standard deviation in a second table); the best value per column in bold, the
 * second underlined, and {@code *} on a SAPENet variant that beats the best baseline of that column
 * (every model but the SAPENet variants) where a paired t-test over the seeds both ran gives p &lt;
 * 0.05 (the paper's "significant improvement" mark: a variant significantly worse gets none).
 */
public final class GridSummary {

    /** The significance level of the {@code *} mark. */
    public static final double ALPHA = 0.05;

    static final String ALL_AUC = "All AUC";
    static final String LOG_LOSS = "LogLoss";

    private final List<GroupColumn> groups;
    private final List<String> columns;
    private final List<String> models;
    private final Map<String, PaperSetting> settings;
    // model -> column -> seed -> value
    private final Map<String, Map<String, TreeMap<Long, Double>>> values;

    private GridSummary(
            List<GroupColumn> groups,
            List<String> columns,
            List<String> models,
            Map<String, PaperSetting> settings,
            Map<String, Map<String, TreeMap<Long, Double>>> values) {
        this.groups = groups;
        this.columns = columns;
        this.models = models;
        this.settings = settings;
        this.values = values;
    }

    /**
     * Builds the summary of a grid's rows.
     *
     * @param rows the rows of {@code results.csv}
     * @return the summary
     */
    public static GridSummary of(List<ResultRow> rows) {
        TreeSet<GroupColumn> groups =
                new TreeSet<>(
                        Comparator.comparingInt(GroupColumn::scenario)
                                .thenComparingInt(GroupColumn::task));
        Map<String, PaperSetting> settings = new LinkedHashMap<>();
        Map<String, Map<String, TreeMap<Long, Double>>> values = new LinkedHashMap<>();
        for (ResultRow row : rows) {
            settings.put(row.model(), row.setting());
            Map<String, TreeMap<Long, Double>> byColumn =
                    values.computeIfAbsent(row.model(), k -> new LinkedHashMap<>());
            if (row.isOverall()) {
                put(byColumn, ALL_AUC, row.seed(), row.auc());
                put(byColumn, LOG_LOSS, row.seed(), row.logLoss());
            } else {
                groups.add(row.group());
                put(byColumn, row.group().column(), row.seed(), row.auc());
            }
        }
        List<String> columns = new ArrayList<>();
        for (GroupColumn g : groups) {
            columns.add(g.column());
        }
        columns.add(ALL_AUC);
        columns.add(LOG_LOSS);
        List<String> models = new ArrayList<>(settings.keySet());
        models.sort(
                Comparator.<String>comparingInt(m -> settings.get(m).ordinal())
                        .thenComparingInt(GridSummary::registryIndex)
                        .thenComparing(Comparator.naturalOrder()));
        return new GridSummary(List.copyOf(groups), columns, models, settings, values);
    }

    private static void put(
            Map<String, TreeMap<Long, Double>> byColumn, String column, long seed, Double value) {
        if (value != null) {
            byColumn.computeIfAbsent(column, k -> new TreeMap<>()).put(seed, value);
        }
    }

    private static int registryIndex(String model) {
        List<ModelSpec> all = ModelRegistry.all();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).getName().equals(model)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * Returns whether a model is one of SAPENet's variants (the rows the paper marks).
     *
     * @param model the registry name
     * @return true for {@code sapenet} and its ablations
     */
    public static boolean isSapenetVariant(String model) {
        return model.equals("sapenet") || model.startsWith("sapenet-");
    }

    /**
     * Returns the (scenario, task) groups in column order.
     *
     * @return the groups
     */
    public List<GroupColumn> getGroups() {
        return groups;
    }

    /**
     * Returns the label of a column in charts: the scenario and task names of a group, the column
     * itself otherwise.
     *
     * @param column a column
     * @return the label
     */
    public String label(String column) {
        for (GroupColumn g : groups) {
            if (g.column().equals(column)) {
                return g.label();
            }
        }
        return column;
    }

    /**
     * Returns a model's paper setting.
     *
     * @param model the model
     * @return the setting
     */
    public PaperSetting setting(String model) {
        return settings.get(model);
    }

    /**
     * Returns the columns: the groups, then All AUC and LogLoss.
     *
     * @return the column labels
     */
    public List<String> getColumns() {
        return columns;
    }

    /**
     * Returns the models in table order.
     *
     * @return the model names
     */
    public List<String> getModels() {
        return models;
    }

    /**
     * Returns a model's per-seed values of a column.
     *
     * @param model the model
     * @param column the column
     * @return seed -> value (empty when the model has none)
     */
    public Map<Long, Double> values(String model, String column) {
        TreeMap<Long, Double> byseed = values.getOrDefault(model, Map.of()).get(column);
        return byseed == null ? Map.of() : byseed;
    }

    /**
     * Returns the mean over seeds.
     *
     * @param model the model
     * @param column the column
     * @return the mean, or null when the model has no value there
     */
    public Double mean(String model, String column) {
        Map<Long, Double> v = values(model, column);
        if (v.isEmpty()) {
            return null;
        }
        double sum = 0;
        for (double x : v.values()) {
            sum += x;
        }
        return sum / v.size();
    }

    /**
     * Returns the sample standard deviation over seeds.
     *
     * @param model the model
     * @param column the column
     * @return the deviation, or null with fewer than two seeds
     */
    public Double std(String model, String column) {
        Map<Long, Double> v = values(model, column);
        if (v.size() < 2) {
            return null;
        }
        double mean = mean(model, column);
        double squares = 0;
        for (double x : v.values()) {
            squares += (x - mean) * (x - mean);
        }
        return Math.sqrt(squares / (v.size() - 1));
    }

    private static boolean lowerIsBetter(String column) {
        return LOG_LOSS.equals(column);
    }

    /**
     * Returns the rank of a model's mean among the given models in a column: 1 for the best (ties
     * share a rank), 2 for the second, and so on; 0 when the model has no value.
     *
     * @param among the models compared
     * @param model the model
     * @param column the column
     * @return the rank
     */
    int rank(List<String> among, String model, String column) {
        Double own = mean(model, column);
        if (own == null) {
            return 0;
        }
        TreeSet<Double> distinct = new TreeSet<>();
        for (String other : among) {
            Double m = mean(other, column);
            if (m != null) {
                distinct.add(m);
            }
        }
        List<Double> order =
                new ArrayList<>(lowerIsBetter(column) ? distinct : distinct.descendingSet());
        return order.indexOf(own) + 1;
    }

    /**
     * Returns the best baseline (a model that is no SAPENet variant) of a column by mean.
     *
     * @param column the column
     * @return the model, or null when no baseline has a value there
     */
    String bestBaseline(String column) {
        return best(column, model -> !isSapenetVariant(model));
    }

    /**
     * Returns the best of some models in a column by mean (the first in table order on a tie).
     *
     * @param column the column
     * @param among which models compete
     * @return the model, or null when none of them has a value there
     */
    public String best(String column, Predicate<String> among) {
        String best = null;
        for (String model : models) {
            Double m = mean(model, column);
            if (!among.test(model) || m == null) {
                continue;
            }
            Double b = best == null ? null : mean(best, column);
            if (b == null || (lowerIsBetter(column) ? m < b : m > b)) {
                best = model;
            }
        }
        return best;
    }

    /**
     * Returns two models' values of a column on the seeds both ran, in seed order.
     *
     * @param model one model
     * @param other the other model
     * @param column the column
     * @return {@code [model's values, other's values]}, of equal length
     */
    public double[][] paired(String model, String other, String column) {
        Map<Long, Double> a = values(model, column);
        Map<Long, Double> b = values(other, column);
        List<Long> seeds = new ArrayList<>(a.keySet());
        seeds.retainAll(b.keySet());
        double[][] pairs = new double[2][seeds.size()];
        for (int i = 0; i < seeds.size(); i++) {
            pairs[0][i] = a.get(seeds.get(i));
            pairs[1][i] = b.get(seeds.get(i));
        }
        return pairs;
    }

    /**
     * Returns the paired t-test p-value of a model against the column's best baseline over the
     * seeds both ran.
     *
     * @param model the model
     * @param column the column
     * @return the p-value, or NaN when there is no baseline or fewer than two common seeds
     */
    public double pValueAgainstBestBaseline(String model, String column) {
        String baseline = bestBaseline(column);
        if (baseline == null || baseline.equals(model)) {
            return Double.NaN;
        }
        double[][] pairs = paired(model, baseline, column);
        return PairedTTest.pValue(pairs[0], pairs[1]);
    }

    /**
     * Returns whether a SAPENet variant beats the column's best baseline on average and a paired
     * t-test over their common seeds gives p &lt; {@link #ALPHA}.
     *
     * @param model the model
     * @param column the column
     * @return true where the table marks the cell with {@code *}
     */
    public boolean isSignificantlyBetter(String model, String column) {
        if (!isSapenetVariant(model)) {
            return false;
        }
        String baseline = bestBaseline(column);
        if (baseline == null) {
            return false;
        }
        double own = mean(model, column);
        double theirs = mean(baseline, column);
        boolean better = lowerIsBetter(column) ? own < theirs : own > theirs;
        return better && pValueAgainstBestBaseline(model, column) < ALPHA;
    }

    /**
     * Returns the ablation rows: SAPENet and its variants, in table order.
     *
     * @return the variants that ran
     */
    public List<String> ablationModels() {
        List<String> variants = new ArrayList<>();
        for (String model : models) {
            if (isSapenetVariant(model)) {
                variants.add(model);
            }
        }
        return variants;
    }

    /**
     * Returns the whole {@code summary.md}.
     *
     * @param title the heading, e.g. the data set and split
     * @return the markdown
     */
    public String toMarkdown(String title) {
        StringBuilder md = new StringBuilder();
        int seeds = 0;
        for (String model : models) {
            seeds = Math.max(seeds, values(model, ALL_AUC).size());
        }
        md.append("# ").append(title).append("\n\n");
        md.append(
                        "Test AUC per (scenario, task) group (dS,tT: scenario S, task T), All AUC (the mean"
                                + " over tasks of the AUC pooled over scenarios) and overall LogLoss (mean"
                                + " BCE over all labelled pairs). Mean over up to ")
                .append(seeds)
                .append(
                        " seeds. **Bold**: best in its column; <u>underlined</u>: second; \\*:"
                                + " a SAPENet variant is better than the best baseline of that"
                                + " column and a paired t-test over seeds gives p < 0.05. n/a: no value (a"
                                + " group with one class has no AUC).\n\n");
        md.append("Groups:");
        for (GroupColumn g : groups) {
            md.append(' ').append(g.column()).append(" = ").append(g.label()).append(';');
        }
        md.setLength(md.length() - 1);
        md.append(".\n\n");
        md.append("## Mean over seeds\n\n");
        table(md, models, true);
        md.append("\n## Standard deviation over seeds\n\n");
        table(md, models, false);
        List<String> ablation = ablationModels();
        if (ablation.size() > 1) {
            md.append("\n## Ablation (mean over seeds)\n\n");
            table(md, ablation, true);
        }
        return md.toString();
    }

    private void table(StringBuilder md, List<String> rows, boolean means) {
        md.append("| Setting | Model |");
        for (String column : columns) {
            md.append(' ').append(column).append(" |");
        }
        md.append("\n|---|---|");
        md.append("---:|".repeat(columns.size()));
        md.append('\n');
        for (String model : rows) {
            md.append("| ")
                    .append(settings.get(model).label())
                    .append(" | ")
                    .append(model)
                    .append(" |");
            for (String column : columns) {
                md.append(' ')
                        .append(means ? meanCell(rows, model, column) : stdCell(model, column));
                md.append(" |");
            }
            md.append('\n');
        }
    }

    private String meanCell(List<String> rows, String model, String column) {
        Double mean = mean(model, column);
        if (mean == null) {
            return "n/a";
        }
        String text = String.format(Locale.ROOT, "%.4f", mean);
        int rank = rank(rows, model, column);
        if (rank == 1) {
            text = "**" + text + "**";
        } else if (rank == 2) {
            text = "<u>" + text + "</u>";
        }
        if (isSignificantlyBetter(model, column)) {
            text += "\\*";
        }
        return text;
    }

    private String stdCell(String model, String column) {
        Double std = std(model, column);
        return std == null ? "n/a" : String.format(Locale.ROOT, "%.4f", std);
    }
}
