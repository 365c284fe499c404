/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.aliccp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.SkipReport;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.source.PrepareOptions;
import org.sapenet.data.source.PreparerBuilder;
import org.sapenet.data.source.SplitPolicy;
import org.sapenet.data.source.StorePreparer;
import org.sapenet.data.store.SourceFormat;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.store.StoreRow;
import org.sapenet.data.store.StoreWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a store from the processed AliCCP CSVs ({@code ali_ccp_train.csv}, {@code
 * ali_ccp_val.csv}, {@code ali_ccp_test.csv}, or the {@code *_sample.csv} names, or files named per
 * split), streaming: one row buffer, one CSV buffer and the column writers' buffers, whatever the
 * row count.
 *
 * <pre>{@code
 * StoreManifest manifest = AliccpPreparer.builder()
 *         .setInput(Path.of("data/ali-ccp"))
 *         .setOutput(Path.of("stores/aliccp"))
 *         .optSplitPolicy(SplitPolicy.random(7))
 *         .build()
 *         .prepare();
 * }</pre>
 */
public final class AliccpPreparer implements StorePreparer {

    private static final Logger LOGGER = LoggerFactory.getLogger(AliccpPreparer.class);

    /**
     * The default bound on a field's ids ({@link Builder#optMaxVocab}): 10 million, about 20 times
     * the largest field of the processed AliCCP files (item id 205, about 470 k ids).
     */
    public static final int DEFAULT_MAX_VOCAB = 10_000_000;

    private final Path input;
    private final EnumMap<Split, Path> files;
    private final Path output;
    private final SplitPolicy splitPolicy;
    private final ErrorPolicy errorPolicy;
    private final boolean force;
    private final long halvingSeed;
    private final int maxVocab;

    private AliccpPreparer(Builder builder) {
        PrepareOptions options = builder.getOptions();
        this.input = builder.input;
        this.files = builder.files;
        this.output = options.getOutput();
        this.splitPolicy = builder.splitPolicy;
        this.errorPolicy = options.getErrorPolicy();
        this.force = options.isForce();
        this.halvingSeed = options.getSeed();
        this.maxVocab = builder.maxVocab;
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes the preparer of generic options: the input folder and the files named per split, the
     * official split (its test halving seeded) or the random split by the seed, and the id bound
     * ({@link Builder#optMaxVocab}).
     *
     * @param options the options
     * @return the preparer
     * @throws IllegalArgumentException when neither an input folder nor a file is given
     */
    public static AliccpPreparer of(PrepareOptions options) {
        Builder builder =
                builder()
                        .setInput(options.getInput())
                        .optOptions(options)
                        .optSplitPolicy(
                                options.isRandomSplit()
                                        ? SplitPolicy.random(options.getSeed())
                                        : SplitPolicy.official());
        options.getMaxVocab().ifPresent(builder::optMaxVocab);
        options.getFiles().forEach(builder::optFile);
        return builder.build();
    }

    /**
     * Finds the input file of a split: the one named with {@link Builder#optFile}, else {@code
     * ali_ccp_SPLIT.csv}, else {@code ali_ccp_SPLIT_sample.csv} in the input folder.
     *
     * @param split the split
     * @return the file, or null when none exists
     */
    Path resolve(Split split) {
        Path named = files.get(split);
        if (named != null) {
            Path file = named.isAbsolute() || input == null ? named : input.resolve(named);
            if (!Files.isRegularFile(file) && Files.isRegularFile(named)) {
                file = named;
            }
            if (Files.isDirectory(file)) {
                throw new DataException(
                        file
                                + ": is a folder, given as the "
                                + split.key()
                                + " split's file: name the CSV file, or give the folder with"
                                + " --input");
            }
            if (!Files.isRegularFile(file)) {
                throw new DataException(
                        file + ": no such file (given for the " + split.key() + " split)");
            }
            return file;
        }
        if (input == null) {
            return null;
        }
        for (String name :
                List.of(
                        "ali_ccp_" + split.key() + ".csv",
                        "ali_ccp_" + split.key() + "_sample.csv")) {
            Path file = input.resolve(name);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }

    /**
     * Reads the inputs and writes the store.
     *
     * @return the manifest of the new store
     * @throws DataException on bad input (with {@link ErrorPolicy#FAIL}) or a missing file
     * @throws IOException when reading or writing fails
     */
    @Override
    public StoreManifest prepare() throws IOException {
        EnumMap<Split, Path> inputs = new EnumMap<>(Split.class);
        List<String> missing = new ArrayList<>();
        for (Split split : Split.values()) {
            Path file = resolve(split);
            if (file == null) {
                missing.add(split.key());
            } else {
                inputs.put(split, file);
            }
        }
        SplitPolicy policy = splitPolicy;
        if (!policy.isRandom() && missing.equals(List.of(Split.VAL.key()))) {
            policy = policy.withTestHalved(halvingSeed);
            LOGGER.info("no validation file: halving the test file into val and test");
        }
        if (!policy.isRandom() && missing.size() > (missing.contains(Split.VAL.key()) ? 1 : 0)
                || inputs.isEmpty()) {
            throw new DataException(
                    "no AliCCP file for split(s) "
                            + missing
                            + " in "
                            + input
                            + ": expected"
                            + " ali_ccp_{train,val,test}.csv (or *_sample.csv), or name the files"
                            + " with --train/--val/--test"
                            + (policy.isRandom()
                                    ? ""
                                    : " (the official split needs train and test; without a val"
                                            + " file the test file is halved)"));
        }
        SkipReport skips = new SkipReport();
        Map<String, Object> source = new LinkedHashMap<>();
        Map<String, Object> inputNames = new LinkedHashMap<>();
        Map<String, Object> rowsRead = new LinkedHashMap<>();
        long blankLines = 0;
        long started = System.nanoTime();
        try (StoreWriter writer = StoreWriter.create(output, AliccpSchema.schema(), force)) {
            long[] blank = new long[1];
            SplitPolicy split = policy;
            ParsingPipeline.run(
                    writer,
                    sink -> {
                        int fileIndex = 0;
                        for (Map.Entry<Split, Path> entry : inputs.entrySet()) {
                            Split fileSplit = entry.getKey();
                            Path file = entry.getValue();
                            int index = fileIndex++;
                            LOGGER.info("reading {} ({})", file, fileSplit.key());
                            AliccpCsvReader reader =
                                    new AliccpCsvReader(file, errorPolicy, skips, maxVocab);
                            reader.read(
                                    new AliccpCsvReader.RowSink() {
                                        @Override
                                        public StoreRow row() {
                                            return sink.row();
                                        }

                                        @Override
                                        public void accept(StoreRow row, long line) {
                                            sink.accept(split.assign(fileSplit, index, line));
                                        }
                                    });
                            inputNames.put(fileSplit.key(), file.toAbsolutePath().toString());
                            rowsRead.put(fileSplit.key(), reader.rows());
                            blank[0] += reader.blankLines();
                        }
                    });
            blankLines = blank[0];
            source.put("inputs", inputNames);
            source.put("rowsRead", rowsRead);
            source.put("blankLines", blankLines);
            source.putAll(policy.describe());
            source.put("onError", errorPolicy.key());
            source.put("maxVocab", maxVocab);
            StoreManifest manifest =
                    writer.commit(SourceFormat.ALICCP, source, null, null, errorPolicy, skips);
            LOGGER.info(
                    "prepared {} in {} s ({} rows skipped)",
                    output,
                    String.format("%.1f", (System.nanoTime() - started) / 1e9),
                    skips.total());
            return manifest;
        }
    }

    /**
     * Configures an {@link AliccpPreparer}; its seed ({@link #optSeed}) halves the test file into
     * val and test when the official split has no validation file.
     */
    public static final class Builder extends PreparerBuilder<Builder> {
        private Path input;
        private final EnumMap<Split, Path> files = new EnumMap<>(Split.class);
        private SplitPolicy splitPolicy = SplitPolicy.official();
        private int maxVocab = DEFAULT_MAX_VOCAB;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the folder holding the CSV files (optional when every split's file is named).
         *
         * @param input the folder
         * @return this builder
         */
        public Builder setInput(Path input) {
            this.input = input;
            return this;
        }

        /**
         * Names the file of one split (relative names resolve against the input folder).
         *
         * @param split the split
         * @param file the CSV file
         * @return this builder
         */
        public Builder optFile(Split split, Path file) {
            files.put(split, file);
            return this;
        }

        /**
         * Sets the split policy (default {@link SplitPolicy#official()}).
         *
         * @param splitPolicy the policy
         * @return this builder
         */
        public Builder optSplitPolicy(SplitPolicy splitPolicy) {
            this.splitPolicy = splitPolicy;
            return this;
        }

        /**
         * Bounds the ids of every sparse field: an id at or above {@code maxVocab} is a bad row
         * ({@code bad-id}, refused with file, line and column, or skipped and counted). The
         * processed files' ids are dense indexes (1..n, 0 unknown), and a field's embedding table
         * has max id + 1 rows: without a bound one stray id (2147483646) would ask for a table of
         * 2^31 rows. Default {@value #DEFAULT_MAX_VOCAB}.
         *
         * @param maxVocab the largest vocabulary size, at least 2
         * @return this builder
         */
        public Builder optMaxVocab(int maxVocab) {
            if (maxVocab < 2) {
                throw new IllegalArgumentException(
                        "--max-vocab must be at least 2 (id 0 and one id), got " + maxVocab);
            }
            this.maxVocab = maxVocab;
            return this;
        }

        /**
         * Builds the preparer.
         *
         * @return the preparer
         * @throws IllegalArgumentException when the output or every input is missing
         */
        public AliccpPreparer build() {
            requireOutput();
            if (input == null && files.isEmpty()) {
                throw new IllegalArgumentException(
                        "setInput: the input folder is required unless files are named per split");
            }
            if (input != null && !Files.isDirectory(input)) {
                throw new IllegalArgumentException(input + " is not a folder");
            }
            return new AliccpPreparer(this);
        }
    }
}
