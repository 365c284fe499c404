/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.console;

import java.util.List;
import java.util.Locale;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.metrics.GroupMetrics;

/** Prints an {@link EvaluationResult} as a plain-text table; a missing AUC prints as "n/a". */
public final class MetricsTable {

    private MetricsTable() {}

    /**
     * Formats the per-group rows and the overall figures.
     *
     * @param title a heading, e.g. {@code test}
     * @param result the metrics
     * @return the table, lines ending in a newline
     */
    public static String format(String title, EvaluationResult result) {
        StringBuilder out = new StringBuilder();
        out.append(title).append('\n');
        out.append(
                String.format(
                        Locale.ROOT,
                        "  %-10s %-10s %10s %9s %8s %9s%n",
                        "scenario",
                        "task",
                        "n",
                        "positives",
                        "AUC",
                        "LogLoss"));
        for (GroupMetrics g : result.getGroups()) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  %-10s %-10s %10d %9d %8s %9s%n",
                            g.getScenarioName(),
                            g.getTaskName(),
                            g.getN(),
                            g.getPositives(),
                            number(g.getAuc(), 4),
                            number(g.getLogLoss(), 5)));
        }
        List<Double> taskAuc = result.getTaskAuc();
        StringBuilder pooled = new StringBuilder();
        for (int t = 0; t < taskAuc.size(); t++) {
            String task = result.getGroups().isEmpty() ? "t" + t : result.group(0, t).getTaskName();
            pooled.append(pooled.length() == 0 ? "" : ", ")
                    .append(task)
                    .append(' ')
                    .append(number(taskAuc.get(t), 4));
        }
        out.append("  AUC pooled over scenarios: ").append(pooled).append('\n');
        out.append(
                String.format(
                        Locale.ROOT,
                        "  All AUC %s, mean group AUC %s, LogLoss %s (%d labelled pairs)%n",
                        number(result.getAllAuc(), 4),
                        number(result.getMeanGroupAuc(), 4),
                        number(result.getLogLoss(), 5),
                        result.getLabelledPairs()));
        return out.toString();
    }

    /**
     * Formats a metric, or "n/a" when it is undefined.
     *
     * @param value the value or null
     * @param digits the decimals
     * @return the text
     */
    public static String number(Double value, int digits) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", value);
    }
}
