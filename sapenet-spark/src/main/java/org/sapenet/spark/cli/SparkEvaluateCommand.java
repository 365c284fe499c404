/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark.cli;

import org.sapenet.spark.job.EvaluateJobOptions;
import org.sapenet.train.cli.ExtensionCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sapenet spark-evaluate}: exact metrics of scored rows with labels, on Spark. */
@Command(
        name = "spark-evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Compute exact AUC and LogLoss per (scenario, task), per task, All AUC, mean group AUC"
                    + " and overall LogLoss of scored rows with labels (spark-score's output), on"
                    + " Apache Spark.",
            "Rows with an empty label are unlabelled for that task. A group with one class has no"
                    + " AUC: printed as n/a, null in JSON."
        })
public final class SparkEvaluateCommand implements ExtensionCommand {

    @Mixin EvaluateJobOptions options;

    @Mixin SparkSessionOptions session;

    @Override
    public Integer call() throws Exception {
        LocalSpark.requireSpark("spark-evaluate");
        LocalSpark.evaluate(session, options);
        return 0;
    }
}
