/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Formats a manifest as a readable summary (what {@code sapenet inspect} prints). */
public final class StoreSummary {

    private StoreSummary() {}

    /**
     * Formats the manifest.
     *
     * @param manifest the manifest
     * @return rows per split and scenario, label rates, vocabulary sizes, options and skipped rows
     */
    public static String format(StoreManifest manifest) {
        StringBuilder out = new StringBuilder();
        StoreManifest.Schema schema = manifest.getSchema();
        List<String> scenarios = schema.getScenarios();
        List<String> tasks = schema.getTasks();
        out.append(
                String.format(
                        Locale.ROOT,
                        "format      %s v%d (%s, %s), written %s%n",
                        manifest.getFormat(),
                        manifest.getFormatVersion(),
                        manifest.getByteOrder(),
                        manifest.getChecksum(),
                        manifest.getCreatedAt()));
        out.append(
                String.format(
                        Locale.ROOT,
                        "source      %s %s%n",
                        manifest.getSourceFormat(),
                        manifest.getSource()));
        out.append(
                String.format(
                        Locale.ROOT,
                        "schema      %d sparse, %d dense fields; scenarios %s (from column %s);"
                                + " tasks %s%n%n",
                        schema.getSparse().size(),
                        schema.getDense().size(),
                        scenarios,
                        schema.getScenarioField(),
                        tasks));
        out.append(
                String.format(
                        Locale.ROOT, "%-6s %-10s %12s %9s", "split", "scenario", "rows", "share"));
        for (String task : tasks) {
            out.append(String.format(Locale.ROOT, " %12s", task + " rate"));
        }
        out.append('\n');
        for (Map.Entry<String, StoreManifest.SplitInfo> entry : manifest.getSplits().entrySet()) {
            StoreManifest.SplitInfo info = entry.getValue();
            long[] perScenario = info.getRowsPerScenario();
            row(out, entry.getKey(), "all", info.getRows(), info.getRows(), tasks, info, -1);
            for (int s = 0; s < scenarios.size(); s++) {
                row(out, "", scenarios.get(s), perScenario[s], info.getRows(), tasks, info, s);
            }
        }
        out.append("\nvocabulary sizes (max id + 1 over all splits):\n");
        int column = 0;
        for (StoreManifest.SparseField field : schema.getSparse()) {
            out.append(
                    String.format(
                            Locale.ROOT, "  %-8s %9d", field.getName(), field.getVocabularySize()));
            if (++column % 4 == 0) {
                out.append('\n');
            }
        }
        if (column % 4 != 0) {
            out.append('\n');
        }
        out.append("dense fields: ").append(String.join(", ", schema.getDense())).append('\n');
        StoreManifest.Errors errors = manifest.getErrors();
        if (errors != null) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "on error    %s; rows skipped: %d %s%n",
                            errors.getPolicy(),
                            errors.getSkippedTotal(),
                            errors.getSkipped().isEmpty() ? "" : errors.getSkipped()));
            for (Map.Entry<String, String> example : errors.getExamples().entrySet()) {
                out.append("  e.g. ").append(example.getValue()).append('\n');
            }
        }
        return out.toString();
    }

    private static void row(
            StringBuilder out,
            String split,
            String scenario,
            long rows,
            long total,
            List<String> tasks,
            StoreManifest.SplitInfo info,
            int s) {
        out.append(
                String.format(
                        Locale.ROOT,
                        "%-6s %-10s %12d %8.3f%%",
                        split,
                        scenario,
                        rows,
                        total == 0 ? 0.0 : 100.0 * rows / total));
        for (String task : tasks) {
            long positives = 0;
            long labelled = 0;
            long[] pos = info.positives(task);
            long[] lab = info.labelled(task);
            for (int i = 0; i < pos.length; i++) {
                if (s < 0 || i == s) {
                    positives += pos[i];
                    labelled += lab[i];
                }
            }
            out.append(
                    labelled == 0
                            ? String.format(Locale.ROOT, " %12s", "n/a")
                            : String.format(
                                    Locale.ROOT, " %11.4f%%", 100.0 * positives / labelled));
        }
        out.append('\n');
    }
}
