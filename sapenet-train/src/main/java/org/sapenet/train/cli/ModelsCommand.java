/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.util.concurrent.Callable;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.schema.StoreSchema;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.ModelSpec;
import org.sapenet.model.registry.ParameterCounts;
import org.sapenet.train.store.StoreModels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the models the other commands accept, with the paper setting each belongs to. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = {
            "List model names, their paper setting and parameter counts.",
            "Counts are for the AliCCP-shaped configuration: 23 sparse fields (22 id fields of"
                    + " --vocab ids each, plus 301 with 4), 8 dense fields, S = 3, T = 2, d = 16."
        })
final class ModelsCommand implements Callable<Integer> {

    @Option(
            names = "--vocab",
            paramLabel = "N",
            defaultValue = "100000",
            description =
                    "Assumed vocabulary size of each AliCCP id field (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Override
    public Integer call() {
        if (vocab < 2) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--vocab must be at least 2, got " + vocab);
        }
        // the AliCCP store's schema, with --vocab ids per id field and 301's unknown id and three
        // scenarios
        StoreSchema schema = AliccpSchema.schema();
        int[] sizes = new int[schema.sparseCount()];
        for (int f = 0; f < sizes.length; f++) {
            boolean scenario = schema.getSparseFields().get(f).equals(schema.getScenarioField());
            sizes[f] = scenario ? schema.scenarioCount() + 1 : vocab;
        }
        ModelConfig config = StoreModels.configOf(schema, sizes).build();
        System.out.printf(
                "AliCCP-shaped: 22 id fields x %d ids + 301 (4 ids), 8 dense, S = 3, T = 2, d = 16%n",
                vocab);
        System.out.printf(
                "%-22s %-38s %14s %14s  %s%n",
                "model", "setting", "params", "non-embedding", "description");
        for (ModelSpec spec : ModelRegistry.all()) {
            ParameterCounts counts = ParameterCounts.of(spec, config);
            String setting = spec.getSetting().label() + (spec.isAblation() ? " (ablation)" : "");
            System.out.printf(
                    "%-22s %-38s %,14d %,14d  %s%n",
                    spec.getName(),
                    setting,
                    counts.getTotal(),
                    counts.getNonEmbedding(),
                    spec.getDescription());
        }
        return 0;
    }
}
