/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.train.grid.GridConfig;
import org.sapenet.train.grid.GridRunner;
import org.sapenet.train.store.StoreModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs every model x seed and writes the paper's tables, significance marks and charts. */
@Command(
        name = "grid",
        mixinStandardHelpOptions = true,
        description = {
            "Train every model x seed one after another and write DIR/results.csv, DIR/summary.md"
                    + " (the paper's tables) and PNG charts; with a multi-scenario multi-task"
                    + " model and a single-task baseline also the seesaw report (DIR/seesaw.csv,"
                    + " DIR/seesaw.png and a section of the summary).",
            "Finished runs are skipped and an interrupted run resumes, so rerunning the same"
                    + " command continues a stopped grid."
        })
final class GridCommand implements Callable<Integer> {

    private static final Logger logger = LoggerFactory.getLogger(GridCommand.class);

    @Option(
            names = "--data",
            required = true,
            paramLabel = "STORE",
            description = "The prepared store.")
    Path data;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The grid folder (runs in DIR/runs/MODEL/seed-N).")
    Path out;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "An experiment file (e.g. configs/aliccp.json); options below override it.")
    Path config;

    @Option(
            names = "--models",
            split = ",",
            paramLabel = "LIST|all",
            description = "Models to run (default: the config's, else all).")
    List<String> models;

    @Option(
            names = "--seeds",
            split = ",",
            paramLabel = "LIST",
            description = "Seeds (default: the config's, else 1,2,3,4,5).")
    List<Long> seeds;

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs per run.")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Training batch size.")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate.")
    Float learningRate;

    @Option(names = "--weight-decay", paramLabel = "WD", description = "L2 weight decay.")
    Float weightDecay;

    @Option(
            names = "--patience",
            paramLabel = "N",
            description = "Early-stopping patience in epochs.")
    Integer patience;

    @Option(
            names = "--warmup-steps",
            paramLabel = "W",
            description = "Linear learning-rate warm-up steps (0 for none).")
    Integer warmupSteps;

    @Option(
            names = "--early-stopping",
            paramLabel = "CRITERION",
            description =
                    "weighted-group-auc (the default), mean-group-auc (the paper's) or logloss.")
    String earlyStopping;

    @Option(names = "--no-progress", description = "Do not print the progress bars.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        GridConfig file = config == null ? GridConfig.empty() : GridConfig.read(config);
        List<String> modelNames =
                models != null
                        ? GridConfig.expand(models)
                        : file.modelNames() != null
                                ? file.modelNames()
                                : GridConfig.expand(List.of("all"));
        List<Long> seedList =
                seeds != null
                        ? seeds
                        : file.getSeeds() != null ? file.getSeeds() : List.of(1L, 2L, 3L, 4L, 5L);
        if (file.getDataset() != null) {
            String mismatch = file.datasetMismatch(StoreModels.presetOf(PreparedStore.open(data)));
            if (mismatch != null) {
                logger.warn("{}: {}", config, mismatch);
            }
        }
        GridConfig.Train train = file.getTrain();
        train.override(
                epochs, batchSize, learningRate, weightDecay, patience, warmupSteps, earlyStopping);
        GridRunner.Outcome outcome =
                GridRunner.builder()
                        .setStore(data)
                        .setOut(out)
                        .setModels(modelNames)
                        .setSeeds(seedList)
                        .optTrain(train)
                        .optConfig(file::applyModel)
                        .optProgress(!noProgress)
                        .build()
                        .run();
        System.out.printf(
                "grid: %d runs trained now, %d finished before%n",
                outcome.getTrained(), outcome.getSkipped());
        for (Path written : outcome.getFiles()) {
            System.out.println("wrote " + written);
        }
        return 0;
    }
}
