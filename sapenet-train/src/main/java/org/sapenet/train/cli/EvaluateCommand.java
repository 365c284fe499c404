/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sapenet.data.store.Split;
import org.sapenet.model.runtime.Engines;
import org.sapenet.train.console.MetricsTable;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.run.CheckpointEvaluation;
import org.sapenet.train.state.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sapenet evaluate}: the metrics of a saved model on a split of a prepared store. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Compute AUC and LogLoss per (scenario, task), per task, All AUC, mean group AUC and"
                    + " overall LogLoss of a saved model on a split of a prepared store.",
            "A group with one class has no AUC: printed as n/a, null in JSON."
        })
final class EvaluateCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description = "The checkpoint folder, e.g. RUN/model.")
    Path model;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "STORE",
            description = "The prepared store.")
    Path data;

    @Option(
            names = "--split",
            paramLabel = "train|val|test",
            defaultValue = "test",
            description = "The split to evaluate (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(
            names = "--batch-size",
            paramLabel = "B",
            description =
                    "Evaluation batch size (default: the run's, from RUN/metrics.json beside"
                            + " RUN/model, else 4096). Another batch size can change the last"
                            + " digits of the metrics: PyTorch rounds differently for other batch"
                            + " shapes.")
    Integer batchSize;

    @Option(
            names = "--out",
            paramLabel = "FILE.json",
            description = "Also write the metrics as JSON (the layout of metrics.json's \"test\").")
    Path out;

    @Override
    public Integer call() throws Exception {
        Split which = Split.parse(split);
        EvaluationResult result =
                CheckpointEvaluation.evaluate(
                        model,
                        data,
                        which,
                        batchSize != null ? batchSize : CheckpointEvaluation.runBatchSize(model),
                        Engines.device());
        System.out.print(MetricsTable.format(which.key() + " (" + model + ")", result));
        if (out != null) {
            RunFolder.writeJson(out, result);
            System.out.println("wrote " + out);
        }
        return 0;
    }
}
