/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.synth;

import com.google.gson.GsonBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The oracle AUCs of synthetic KuaiSAR ({@link SyntheticKuaisar}): per scenario ({@code search},
 * {@code recommendation}) and task ({@code click}; {@code like} and {@code share} on recommendation
 * rows), over all rows.
 */
public final class KuaisarOracle implements SynthReport {

    private final Map<String, Map<String, Double>> aucs;

    /**
     * Creates the report.
     *
     * @param aucs the AUC per scenario and task, in print order
     */
    KuaisarOracle(Map<String, Map<String, Double>> aucs) {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        aucs.forEach((scenario, tasks) -> copy.put(scenario, Collections.unmodifiableMap(tasks)));
        this.aucs = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the AUCs.
     *
     * @return the AUC per scenario and task, NaN where a cell has no positive or no negative
     */
    public Map<String, Map<String, Double>> getAucs() {
        return aucs;
    }

    /**
     * Returns the AUC of one scenario and task.
     *
     * @param scenario {@code search} or {@code recommendation}
     * @param task the task
     * @return the AUC
     * @throws IllegalArgumentException for a pair without an AUC
     */
    public double auc(String scenario, String task) {
        Double auc = aucs.getOrDefault(scenario, Map.of()).get(task);
        if (auc == null) {
            throw new IllegalArgumentException("no oracle AUC for " + scenario + "/" + task);
        }
        return auc;
    }

    /** {@inheritDoc} One line per (scenario, task). */
    @Override
    public String toTable() {
        StringBuilder lines = new StringBuilder();
        aucs.forEach(
                (scenario, tasks) ->
                        tasks.forEach(
                                (task, auc) ->
                                        lines.append(
                                                String.format(
                                                        Locale.ROOT,
                                                        "  %-15s %-6s %.4f%n",
                                                        scenario,
                                                        task,
                                                        auc))));
        return lines.toString();
    }

    /** {@inheritDoc} {@code {scenario: {task: auc}}}. */
    @Override
    public String toJson() {
        return new GsonBuilder()
                .setPrettyPrinting()
                .serializeSpecialFloatingPointValues()
                .create()
                .toJson(aucs);
    }
}
