/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.source.PrepareOptions;
import org.sapenet.data.source.PreparerFactory;
import org.sapenet.data.source.StorePreparers;
import org.sapenet.data.source.csv.SchemaCsvPreparer;
import org.sapenet.data.source.kuaisar.KuaisarPreparer;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.store.StoreSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Turns source files into a prepared (memory-mapped column) store. */
@Command(
        name = "prepare",
        mixinStandardHelpOptions = true,
        description = {
            "Prepare a column store from source files (streams: constant memory).",
            "AliCCP: the processed 33-column CSVs ali_ccp_{train,val,test}.csv (or *_sample.csv).",
            "aliccp-raw: the raw Tianchi files sample_skeleton_{train,test}.csv and",
            "  common_features_{train,test}.csv in DIR (test file halved into val/test by --seed).",
            "kuaisar: rec_inter.csv, src_inter.csv, user_features.csv, item_features.csv in DIR",
            "  (8:1:1 by --seed).",
            "csv: any CSV described by --schema FILE.json: --train/--val/--test, or --input FILE",
            "  split 8:1:1 by --seed."
        })
final class PrepareCommand implements Callable<Integer> {

    @Option(
            names = "--format",
            required = true,
            paramLabel = "FORMAT",
            description =
                    "Source format: aliccp (processed AliCCP CSVs), aliccp-raw (raw Tianchi"
                            + " files), kuaisar (raw KuaiSAR files), csv (with --schema).")
    String format;

    // ---- formats: options of aliccp-raw, kuaisar and csv ----

    @Option(
            names = "--min-count",
            paramLabel = "N",
            description =
                    "aliccp-raw, kuaisar, csv: values seen fewer than N times in training get id"
                            + " 0 (default 10; csv: the schema's, else 1).")
    Long minCount;

    @Option(
            names = "--max-vocab",
            paramLabel = "N",
            description =
                    "At most N ids per field, 0 included. kuaisar, csv: the most frequent values"
                            + " keep their ids, 0 = no cap (kuaisar default 100000, csv: the"
                            + " schema's, else none); aliccp: an id >= N is a bad row (bad-id),"
                            + " default 10000000.")
    Integer maxVocab;

    @Option(
            names = "--search-labels",
            defaultValue = "join",
            paramLabel = "join|mask",
            description =
                    "kuaisar: search rows take like/share from the same user's recommendation rows"
                            + " with the same item (join, default) or are masked (mask).")
    String searchLabels;

    @Option(
            names = "--schema",
            paramLabel = "FILE.json",
            description = "csv: the JSON schema naming the columns (see sapenet-data/README.md).")
    Path schema;

    // ---- end formats ----

    @Option(names = "--input", paramLabel = "DIR", description = "Folder with the source files.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "STORE", description = "Store folder.")
    Path out;

    @Option(
            names = "--train",
            paramLabel = "FILE",
            description = "Training file (default: found in DIR).")
    Path train;

    @Option(
            names = "--val",
            paramLabel = "FILE",
            description = "Validation file (default: found in DIR).")
    Path val;

    @Option(
            names = "--test",
            paramLabel = "FILE",
            description = "Test file (default: found in DIR).")
    Path test;

    @Option(
            names = "--split",
            defaultValue = "official",
            paramLabel = "official|random",
            description =
                    "official: each file is its split (default; without a val file the test"
                            + " file is halved into val and test); random: 8:1:1 over all rows.")
    String split;

    @Option(
            names = "--seed",
            defaultValue = "" + PrepareOptions.DEFAULT_SEED,
            paramLabel = "S",
            description = "Seed of the random split or test halving (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--on-error",
            defaultValue = "fail",
            paramLabel = "fail|skip",
            description = "Bad rows: fail (default) or skip and count them by reason.")
    String onError;

    @Option(names = "--force", description = "Replace an existing store.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        ErrorPolicy policy = ErrorPolicy.parse(onError);
        PreparerFactory factory = StorePreparers.of(format);
        PrepareOptions.Builder options =
                PrepareOptions.builder()
                        .optInput(input)
                        .setOutput(out)
                        .optRandomSplit(randomSplit())
                        .optSeed(seed)
                        .optErrorPolicy(policy)
                        .optForce(force)
                        .optArgument(KuaisarPreparer.SEARCH_LABELS, searchLabels)
                        .optArgument(
                                SchemaCsvPreparer.SCHEMA,
                                schema == null ? null : schema.toString());
        if (minCount != null) {
            options.optMinCount(minCount);
        }
        if (maxVocab != null) {
            options.optMaxVocab(maxVocab);
        }
        if (train != null) {
            options.optFile(Split.TRAIN, train);
        }
        if (val != null) {
            options.optFile(Split.VAL, val);
        }
        if (test != null) {
            options.optFile(Split.TEST, test);
        }
        long started = System.nanoTime();
        return report(factory.create(options.build()).prepare(), started);
    }

    private boolean randomSplit() {
        if ("official".equals(split)) {
            return false;
        }
        if ("random".equals(split)) {
            return true;
        }
        throw new IllegalArgumentException(
                "--split must be official or random, got '" + split + "'");
    }

    /** Prints the summary of a new store. */
    private Integer report(StoreManifest manifest, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        long rows = 0;
        for (StoreManifest.SplitInfo info : manifest.getSplits().values()) {
            rows += info.getRows();
        }
        System.out.print(StoreSummary.format(manifest));
        System.out.printf(
                Locale.ROOT,
                "%nprepared %s: %d rows in %.1f s (%.0f rows/s)%n",
                out,
                rows,
                seconds,
                rows / Math.max(seconds, 1e-9));
        return 0;
    }
}
