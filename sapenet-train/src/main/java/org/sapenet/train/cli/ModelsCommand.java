/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.util.concurrent.Callable;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.ModelSpec;
import picocli.CommandLine.Command;

/** Lists the models the other commands accept, with the paper setting each belongs to. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "List model names, their paper setting and parameter counts.")
final class ModelsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.printf("%-24s %-30s %s%n", "model", "setting", "description");
        for (ModelSpec spec : ModelRegistry.all()) {
            System.out.printf(
                    "%-24s %-30s %s%n",
                    spec.getName(), spec.getSetting().label(), spec.getDescription());
        }
        return 0;
    }
}
