/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.model.registry.PaperSetting;

/**
 * The seesaw report: does a multi-scenario multi-task (MSMT) model pay for gains in some (scenario,
 * task) groups with losses in others, against single-task models of the same groups?
 *
 * <p>For every MSMT model (SAPENet, its ablations and the MSMT baselines), every group and each of
 * the two references, the best single-scenario single-task model and the best multi-scenario
 * single-task model of that group (by mean test AUC over seeds, as in the tables), the report gives
 * the change in test AUC: the per-seed differences model − reference over the seeds both ran, their
 * mean and sample standard deviation, and the paired t-test's p-value of the tables.
 *
 * <p>Per model and reference it counts the groups that gain (mean change &gt; 0) and lose (&lt; 0),
 * the significant ones among them (p &lt; {@link GridSummary#ALPHA}), the worst loss, the mean
 * change, and the <b>seesaw index</b>: the mean AUC loss per group, {@code Σ_g max(0, −Δ_g) / G}
 * over the G groups with a change, where Δ_g is the mean change of group g. It is 0 when no group
 * loses, and it is in AUC points: an index of 0.002 means the groups lose 0.002 AUC on average to
 * the single-task model, whatever the model gains elsewhere. Gains do not offset it, which is the
 * point: a seesaw is a loss somewhere paid for a gain elsewhere, and an average change would hide
 * it. Read it beside the mean change, which tells a model that loses everywhere from one that
 * trades.
 */
public final class SeesawReport {

    /** The file of per-group changes. */
    public static final String CSV = "seesaw.csv";

    /** The header of {@link #CSV}. */
    public static final String HEADER =
            "model,reference,baseline,scenario,task,scenario_name,task_name,seeds,model_auc,"
                    + "baseline_auc,change,change_sd,p_value";

    /** The settings whose best model of a group is a reference, in report order. */
    public static final List<PaperSetting> REFERENCES =
            List.of(
                    PaperSetting.SINGLE_SCENARIO_SINGLE_TASK,
                    PaperSetting.MULTI_SCENARIO_SINGLE_TASK);

    /**
     * The change of one MSMT model against one reference in one group.
     *
     * @param model the MSMT model
     * @param reference the setting of the reference
     * @param baseline the best model of that setting in the group
     * @param group the group
     * @param seeds the seeds both ran
     * @param modelAuc the model's mean AUC over those seeds
     * @param baselineAuc the baseline's mean AUC over those seeds
     * @param change the mean of the per-seed differences (= modelAuc − baselineAuc)
     * @param sd the sample standard deviation of the differences, or null with one seed
     * @param pValue the paired t-test's two-sided p-value, NaN with one seed
     */
    public record Change(
            String model,
            PaperSetting reference,
            String baseline,
            GroupColumn group,
            int seeds,
            double modelAuc,
            double baselineAuc,
            double change,
            Double sd,
            double pValue) {

        /**
         * Returns whether the paired t-test gives p &lt; {@link GridSummary#ALPHA}.
         *
         * @return true for a significant gain or loss
         */
        public boolean isSignificant() {
            return pValue < GridSummary.ALPHA;
        }
    }

    /**
     * One model's seesaw against one reference.
     *
     * @param model the MSMT model
     * @param reference the setting of the reference
     * @param groups the groups with a change
     * @param gaining the groups with a mean change above 0
     * @param gainingSignificant those of them with p &lt; 0.05
     * @param losing the groups with a mean change below 0
     * @param losingSignificant those of them with p &lt; 0.05
     * @param meanChange the mean of the groups' changes
     * @param worst the group with the largest loss, or null when none loses
     * @param index the seesaw index: the mean over groups of max(0, −change)
     */
    public record ModelSeesaw(
            String model,
            PaperSetting reference,
            int groups,
            int gaining,
            int gainingSignificant,
            int losing,
            int losingSignificant,
            double meanChange,
            Change worst,
            double index) {}

    private final GridSummary summary;
    private final List<String> models;
    private final List<PaperSetting> references;
    private final List<Change> changes;

    private SeesawReport(
            GridSummary summary,
            List<String> models,
            List<PaperSetting> references,
            List<Change> changes) {
        this.summary = summary;
        this.models = models;
        this.references = references;
        this.changes = changes;
    }

    /**
     * Computes the report of a grid.
     *
     * @param summary the grid's summary
     * @return the report (see {@link #isAvailable()})
     */
    public static SeesawReport of(GridSummary summary) {
        List<String> models = new ArrayList<>();
        for (String model : summary.getModels()) {
            if (summary.setting(model) == PaperSetting.MULTI_SCENARIO_MULTI_TASK) {
                models.add(model);
            }
        }
        List<PaperSetting> references = new ArrayList<>();
        for (PaperSetting reference : REFERENCES) {
            if (summary.getModels().stream().anyMatch(m -> summary.setting(m) == reference)) {
                references.add(reference);
            }
        }
        List<Change> changes = new ArrayList<>();
        for (PaperSetting reference : references) {
            for (GroupColumn group : summary.getGroups()) {
                String column = group.column();
                String baseline = summary.best(column, m -> summary.setting(m) == reference);
                if (baseline == null) {
                    continue;
                }
                for (String model : models) {
                    double[][] pairs = summary.paired(model, baseline, column);
                    if (pairs[0].length > 0) {
                        changes.add(measure(model, reference, baseline, group, pairs));
                    }
                }
            }
        }
        return new SeesawReport(summary, models, references, changes);
    }

    private static Change measure(
            String model,
            PaperSetting reference,
            String baseline,
            GroupColumn group,
            double[][] pairs) {
        int n = pairs[0].length;
        double[] differences = new double[n];
        for (int i = 0; i < n; i++) {
            differences[i] = pairs[0][i] - pairs[1][i];
        }
        double change = mean(differences);
        Double sd = null;
        if (n > 1) {
            double squares = 0;
            for (double d : differences) {
                squares += (d - change) * (d - change);
            }
            sd = Math.sqrt(squares / (n - 1));
        }
        return new Change(
                model,
                reference,
                baseline,
                group,
                n,
                mean(pairs[0]),
                mean(pairs[1]),
                change,
                sd,
                PairedTTest.pValue(pairs[0], pairs[1]));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * Returns whether the grid holds what the report needs: an MSMT model and at least one
     * single-scenario or multi-scenario single-task baseline.
     *
     * @return true when there is a report
     */
    public boolean isAvailable() {
        return !models.isEmpty() && !references.isEmpty();
    }

    /**
     * Returns why there is no report, naming what the grid should add.
     *
     * @return the reason, or null when {@link #isAvailable()}
     */
    public String unavailableReason() {
        List<PaperSetting> settings = new ArrayList<>();
        summary.getModels().forEach(m -> settings.add(summary.setting(m)));
        return unavailableReason(settings);
    }

    /**
     * Returns why a grid of models of these settings would have no report, naming what it should
     * add, so that a grid can say so before it trains.
     *
     * @param settings the settings of the grid's models
     * @return the reason, or null when the grid will have a report
     */
    public static String unavailableReason(Collection<PaperSetting> settings) {
        if (!settings.contains(PaperSetting.MULTI_SCENARIO_MULTI_TASK)) {
            return "The seesaw report needs a multi-scenario multi-task model (sapenet, m3oe, m2m or"
                    + " an ablation) in the grid; this grid has none.";
        }
        if (REFERENCES.stream().noneMatch(settings::contains)) {
            return "The seesaw report needs a single-task baseline to measure the multi-scenario"
                    + " multi-task models against: add single-task (single-scenario single-task)"
                    + " and/or star or sarnet (multi-scenario single-task) to the grid's models.";
        }
        return null;
    }

    /**
     * Returns the MSMT models, in table order.
     *
     * @return the models
     */
    public List<String> getModels() {
        return models;
    }

    /**
     * Returns the references that have a baseline in the grid.
     *
     * @return the settings, single-scenario single-task first
     */
    public List<PaperSetting> getReferences() {
        return references;
    }

    /**
     * Returns every change: per reference, per group, per model.
     *
     * @return the changes
     */
    public List<Change> getChanges() {
        return changes;
    }

    /**
     * Returns the change of a model in a group against a reference.
     *
     * @param model the MSMT model
     * @param reference the reference setting
     * @param group the group
     * @return the change, or null when either side has no AUC there
     */
    public Change change(String model, PaperSetting reference, GroupColumn group) {
        for (Change c : changes) {
            if (c.model().equals(model) && c.reference() == reference && c.group().equals(group)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Returns one model's seesaw against one reference.
     *
     * @param model the MSMT model
     * @param reference the reference setting
     * @return the counts, worst loss and index (zero groups when nothing compares)
     */
    public ModelSeesaw seesaw(String model, PaperSetting reference) {
        int groups = 0;
        int gaining = 0;
        int gainingSignificant = 0;
        int losing = 0;
        int losingSignificant = 0;
        double sum = 0;
        double losses = 0;
        Change worst = null;
        for (Change c : changes) {
            if (!c.model().equals(model) || c.reference() != reference) {
                continue;
            }
            groups++;
            sum += c.change();
            if (c.change() > 0) {
                gaining++;
                gainingSignificant += c.isSignificant() ? 1 : 0;
            } else if (c.change() < 0) {
                losing++;
                losingSignificant += c.isSignificant() ? 1 : 0;
                losses -= c.change();
                if (worst == null || c.change() < worst.change()) {
                    worst = c;
                }
            }
        }
        return new ModelSeesaw(
                model,
                reference,
                groups,
                gaining,
                gainingSignificant,
                losing,
                losingSignificant,
                groups == 0 ? Double.NaN : sum / groups,
                worst,
                groups == 0 ? Double.NaN : losses / groups);
    }

    /**
     * Writes {@link #CSV}: one line per change, in {@link #getChanges()} order.
     *
     * @param file the file (written atomically)
     * @throws IOException when writing fails
     */
    public void writeCsv(Path file) throws IOException {
        AtomicFiles.write(
                file,
                writer -> {
                    writer.write(HEADER);
                    writer.newLine();
                    for (Change c : changes) {
                        writer.write(
                                String.join(
                                        ",",
                                        ResultsCsv.quote(c.model()),
                                        c.reference().name(),
                                        ResultsCsv.quote(c.baseline()),
                                        Integer.toString(c.group().scenario()),
                                        Integer.toString(c.group().task()),
                                        ResultsCsv.quote(c.group().scenarioName()),
                                        ResultsCsv.quote(c.group().taskName()),
                                        Integer.toString(c.seeds()),
                                        Double.toString(c.modelAuc()),
                                        Double.toString(c.baselineAuc()),
                                        Double.toString(c.change()),
                                        c.sd() == null ? "" : Double.toString(c.sd()),
                                        Double.isNaN(c.pValue())
                                                ? ""
                                                : Double.toString(c.pValue())));
                        writer.newLine();
                    }
                });
    }

    /**
     * Returns the "Seesaw" section of {@code summary.md}; when the grid lacks a model the report
     * needs, the section says which.
     *
     * @return the markdown
     */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder("\n## Seesaw\n\n");
        if (!isAvailable()) {
            return md.append(unavailableReason()).append('\n').toString();
        }
        md.append(
                "The change in test AUC of each multi-scenario multi-task model against the best"
                        + " single-task model of the same (scenario, task) group: mean ± sd over"
                        + " the seeds both ran of the per-seed differences; \\*: a paired t-test"
                        + " gives p < 0.05, whichever the sign. Gain / loss: groups whose mean"
                        + " change is above / below 0 (significant ones in brackets). Seesaw"
                        + " index: the mean AUC loss per group, Σ max(0, −change) / groups, 0 when"
                        + " no group loses; gains elsewhere do not offset it. Chart: `seesaw.png`;"
                        + " every number: `seesaw.csv`.\n\n");
        md.append(
                "| Model | Against the best | Groups | Gain | Loss | Mean change | Worst loss |"
                        + " Seesaw index |\n");
        md.append("|---|---|---:|---:|---:|---:|---|---:|\n");
        for (String model : models) {
            for (PaperSetting reference : references) {
                ModelSeesaw s = seesaw(model, reference);
                if (s.groups() == 0) {
                    continue;
                }
                md.append("| ")
                        .append(model)
                        .append(" | ")
                        .append(reference.label())
                        .append(" | ")
                        .append(s.groups())
                        .append(" | ")
                        .append(s.gaining())
                        .append(" (")
                        .append(s.gainingSignificant())
                        .append(") | ")
                        .append(s.losing())
                        .append(" (")
                        .append(s.losingSignificant())
                        .append(") | ")
                        .append(signed(s.meanChange()))
                        .append(" | ")
                        .append(
                                s.worst() == null
                                        ? "none"
                                        : signed(s.worst().change())
                                                + " ("
                                                + s.worst().group().label()
                                                + ")")
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%.4f", s.index()))
                        .append(" |\n");
            }
        }
        for (PaperSetting reference : references) {
            md.append("\n### Against the best ").append(reference.label()).append(" model\n\n");
            md.append("| Group | Best ").append(reference.label()).append(" (AUC) |");
            for (String model : models) {
                md.append(' ').append(model).append(" |");
            }
            md.append("\n|---|---|").append("---:|".repeat(models.size())).append('\n');
            for (GroupColumn group : summary.getGroups()) {
                String baseline =
                        summary.best(group.column(), m -> summary.setting(m) == reference);
                if (baseline == null) {
                    continue;
                }
                md.append("| ")
                        .append(group.column())
                        .append(' ')
                        .append(group.label())
                        .append(" | ")
                        .append(baseline)
                        .append(' ')
                        .append(
                                String.format(
                                        Locale.ROOT,
                                        "%.4f",
                                        summary.mean(baseline, group.column())))
                        .append(" |");
                for (String model : models) {
                    md.append(' ').append(cell(change(model, reference, group))).append(" |");
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static String cell(Change c) {
        if (c == null) {
            return "n/a";
        }
        String text = signed(c.change());
        if (c.sd() != null) {
            text += String.format(Locale.ROOT, " ± %.4f", c.sd());
        }
        return c.isSignificant() ? text + "\\*" : text;
    }

    private static String signed(double value) {
        return String.format(Locale.ROOT, "%+.4f", value);
    }
}
