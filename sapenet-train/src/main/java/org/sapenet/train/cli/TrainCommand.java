/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sapenet.train.console.MetricsTable;
import org.sapenet.train.options.EarlyStopping;
import org.sapenet.train.options.TrainingOptions;
import org.sapenet.train.run.RunMetrics;
import org.sapenet.train.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sapenet train}: trains one model on a prepared store into a run folder. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a model on a prepared store: Adam with weight decay and a learning-rate"
                    + " warm-up, early stopping on a validation score (--early-stopping) with the"
                    + " best weights restored, a resume state after every epoch.",
            "Writes RUN/model/ (the checkpoint), RUN/metrics.json and RUN/resume/.",
            "Unset --lr and --batch-size come from the dataset preset (AliCCP: 1e-2, 32768;"
                    + " KuaiSAR: 1e-4, 512; other stores: 1e-3, 4096); a --batch-size B without"
                    + " --lr gets the preset's rate times sqrt(B / preset batch)."
        })
final class TrainCommand implements Callable<Integer> {

    @Option(
            names = "--data",
            required = true,
            paramLabel = "STORE",
            description = "The prepared store (from `sapenet prepare`).")
    Path data;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "NAME",
            description = "The model to train (see `sapenet models`).")
    String model;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "RUN",
            description = "The run folder to create.")
    Path out;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Maximum epochs (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingOptions.DEFAULT_EPOCHS)
    int epochs;

    @Option(
            names = "--batch-size",
            paramLabel = "B",
            description = "Training batch size (default: the dataset preset's).")
    Integer batchSize;

    @Option(
            names = "--lr",
            paramLabel = "RATE",
            description = "Adam's learning rate (default: the dataset preset's).")
    Float learningRate;

    @Option(
            names = "--weight-decay",
            paramLabel = "WD",
            description = "L2 weight decay (default: ${DEFAULT-VALUE}).",
            defaultValue = "1e-5")
    float weightDecay;

    @Option(
            names = "--sparse-embedding-updates",
            description =
                    "Row-sparse (lazy) Adam for the embedding tables: each step updates only the"
                            + " rows of the batch's ids (moments, weight decay and weights), with"
                            + " the global step's bias correction, as torch's SparseAdam; untouched"
                            + " rows keep their weights and moments. Much faster with large"
                            + " vocabularies; off by default (dense Adam, as the PyTorch"
                            + " baselines).")
    boolean sparseEmbeddingUpdates;

    @Option(
            names = "--seed",
            paramLabel = "SEED",
            description = "Seed of initialisation and shuffling (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingOptions.DEFAULT_SEED)
    long seed;

    @Option(
            names = "--patience",
            paramLabel = "N",
            description =
                    "Stop after N epochs without a better validation score (default:"
                            + " ${DEFAULT-VALUE}).",
            defaultValue = "" + TrainingOptions.DEFAULT_PATIENCE)
    int patience;

    @Option(
            names = "--warmup-steps",
            paramLabel = "W",
            description =
                    "Linear learning-rate warm-up over the first W steps (default:"
                            + " ${DEFAULT-VALUE}; 0 for none).",
            defaultValue = "" + TrainingOptions.DEFAULT_WARMUP_STEPS)
    int warmupSteps;

    @Option(
            names = "--early-stopping",
            paramLabel = "CRITERION",
            description =
                    "Validation score that picks the best epoch: weighted-group-auc (per-group"
                            + " AUCs weighted by min(positives, negatives)), mean-group-auc (the"
                            + " paper's plain mean) or logloss (default: ${DEFAULT-VALUE}).",
            defaultValue = "weighted-group-auc")
    String earlyStopping;

    @Option(
            names = "--bilevel",
            description =
                    "M3oE's bi-level update: after each epoch, one validation batch updates only"
                            + " the mixing weights alpha/lambda with a second Adam (lr 1e-3);"
                            + " m3oe and sapenet only (default: off).")
    boolean bilevel;

    @Option(
            names = "--resume",
            description = "Continue the run in --out after its last completed epoch.")
    boolean resume;

    @Option(names = "--force", description = "Replace an existing run in --out.")
    boolean force;

    @Option(
            names = "--no-progress",
            negatable = true,
            description = "Do not print the progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        RunMetrics metrics =
                TrainingRun.builder()
                        .setStore(data)
                        .setModel(model)
                        .setOut(out)
                        .optOptions(
                                TrainingOptions.builder()
                                        .optEpochs(epochs)
                                        .optBatchSize(batchSize)
                                        .optLearningRate(learningRate)
                                        .optWeightDecay(weightDecay)
                                        .optSparseEmbeddingUpdates(sparseEmbeddingUpdates)
                                        .optSeed(seed)
                                        .optPatience(patience)
                                        .optWarmupSteps(warmupSteps)
                                        .optEarlyStopping(EarlyStopping.of(earlyStopping))
                                        .optBilevel(bilevel))
                        .optResume(resume)
                        .optForce(force)
                        .optProgress(!noProgress)
                        .build()
                        .run();
        System.out.print(MetricsTable.format("validation (best epoch)", metrics.getVal()));
        System.out.print(MetricsTable.format("test", metrics.getTest()));
        System.out.println("wrote " + out.resolve("model"));
        System.out.println("wrote " + out.resolve("metrics.json"));
        return 0;
    }
}
