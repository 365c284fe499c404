/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.store.Split;

/**
 * The options of preparing a store from a user's files, whatever the format: where the files and
 * the store are, the split, the seed, the error policy, whether to replace a store, and the
 * vocabulary bounds several formats share. A {@link PreparerFactory} takes what its format uses;
 * unset values take the format's defaults. Settings of one format only are passed as named
 * arguments (e.g. KuaiSAR's {@code searchLabels}) and typed by that format's preparer.
 *
 * <pre>{@code
 * StoreManifest manifest = StorePreparers.of(SourceFormat.KUAISAR)
 *         .create(PrepareOptions.builder()
 *                 .optInput(Path.of("data/kuaisar"))
 *                 .setOutput(Path.of("stores/kuaisar"))
 *                 .build())
 *         .prepare();
 * }</pre>
 */
public final class PrepareOptions {

    /** The seed of every preparer's random choices (split, test halving) unless one is given. */
    public static final long DEFAULT_SEED = 2024;

    private final Path input;
    private final Map<Split, Path> files;
    private final Path output;
    private final boolean randomSplit;
    private final long seed;
    private final ErrorPolicy errorPolicy;
    private final boolean force;
    private final Long minCount;
    private final Integer maxVocab;
    private final Map<String, String> arguments;

    private PrepareOptions(Builder builder) {
        input = builder.input;
        files = Collections.unmodifiableMap(new EnumMap<>(builder.files));
        output = builder.output;
        randomSplit = builder.randomSplit;
        seed = builder.seed;
        errorPolicy = builder.errorPolicy;
        force = builder.force;
        minCount = builder.minCount;
        maxVocab = builder.maxVocab;
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(builder.arguments));
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
     * Returns the input: the folder of the source files, or one file (a format's choice).
     *
     * @return the path, or null when unset
     */
    public Path getInput() {
        return input;
    }

    /**
     * Returns the files named per split.
     *
     * @return the files by split, empty when none is named
     */
    public Map<Split, Path> getFiles() {
        return files;
    }

    /**
     * Returns the store folder to create.
     *
     * @return the folder
     */
    public Path getOutput() {
        return output;
    }

    /**
     * Returns whether all rows are split 8:1:1 at random instead of by file (the official split).
     *
     * @return true for the random split
     */
    public boolean isRandomSplit() {
        return randomSplit;
    }

    /**
     * Returns the seed of the preparer's random choices.
     *
     * @return the seed, {@value #DEFAULT_SEED} unless set
     */
    public long getSeed() {
        return seed;
    }

    /**
     * Returns what to do with bad rows.
     *
     * @return the policy, {@link ErrorPolicy#FAIL} unless set
     */
    public ErrorPolicy getErrorPolicy() {
        return errorPolicy;
    }

    /**
     * Returns whether an existing store may be replaced.
     *
     * @return true to replace
     */
    public boolean isForce() {
        return force;
    }

    /**
     * Returns the least training count a value needs for an id of its own.
     *
     * @return the count, empty for the format's default
     */
    public OptionalLong getMinCount() {
        return minCount == null ? OptionalLong.empty() : OptionalLong.of(minCount);
    }

    /**
     * Returns the bound on a field's ids.
     *
     * @return the bound, empty for the format's default
     */
    public OptionalInt getMaxVocab() {
        return maxVocab == null ? OptionalInt.empty() : OptionalInt.of(maxVocab);
    }

    /**
     * Returns a format's named setting.
     *
     * @param key the name, e.g. {@code searchLabels}
     * @return the value, or null when unset
     */
    public String getArgument(String key) {
        return arguments.get(key);
    }

    /**
     * Checks that the input is a folder, as formats reading several files of fixed names need.
     *
     * @param format the format's key, for the message
     * @return the folder
     * @throws IllegalArgumentException when the input is unset or not a folder
     */
    public Path requireInputFolder(String format) {
        if (input == null || !Files.isDirectory(input)) {
            throw new IllegalArgumentException(
                    "--format " + format + " needs --input DIR, the folder of its files");
        }
        return input;
    }

    /**
     * Refuses the random split, for formats whose split is fixed.
     *
     * @param what the format and how it splits, for the message
     * @throws IllegalArgumentException when the random split was asked for
     */
    public void refuseRandomSplit(String what) {
        if (randomSplit) {
            throw new IllegalArgumentException("--split does not apply to " + what);
        }
    }

    /** Configures {@link PrepareOptions}. */
    public static final class Builder {
        private Path input;
        private final EnumMap<Split, Path> files = new EnumMap<>(Split.class);
        private Path output;
        private boolean randomSplit;
        private long seed = DEFAULT_SEED;
        private ErrorPolicy errorPolicy = ErrorPolicy.FAIL;
        private boolean force;
        private Long minCount;
        private Integer maxVocab;
        private final Map<String, String> arguments = new LinkedHashMap<>();

        Builder() {}

        /**
         * Sets the input: the folder of the source files, or one file where the format reads one.
         *
         * @param input the folder or file
         * @return this builder
         */
        public Builder optInput(Path input) {
            this.input = input;
            return this;
        }

        /**
         * Names the file of one split (for the formats that read a file per split).
         *
         * @param split the split
         * @param file the file
         * @return this builder
         */
        public Builder optFile(Split split, Path file) {
            files.put(split, Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * Sets the store folder to create.
         *
         * @param output the folder
         * @return this builder
         */
        public Builder setOutput(Path output) {
            this.output = output;
            return this;
        }

        /**
         * Asks for the seeded random 8:1:1 split of all rows instead of the official split (default
         * false).
         *
         * @param randomSplit whether to split at random
         * @return this builder
         */
        public Builder optRandomSplit(boolean randomSplit) {
            this.randomSplit = randomSplit;
            return this;
        }

        /**
         * Sets the seed of the preparer's random choices (default {@value #DEFAULT_SEED}).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets what to do with bad rows (default {@link ErrorPolicy#FAIL}).
         *
         * @param errorPolicy the policy
         * @return this builder
         */
        public Builder optErrorPolicy(ErrorPolicy errorPolicy) {
            this.errorPolicy = Objects.requireNonNull(errorPolicy, "errorPolicy");
            return this;
        }

        /**
         * Allows replacing an existing store (default false).
         *
         * @param force whether to replace
         * @return this builder
         */
        public Builder optForce(boolean force) {
            this.force = force;
            return this;
        }

        /**
         * Sets the least training count a value needs for an id of its own (default: the format's).
         *
         * @param minCount the count
         * @return this builder
         */
        public Builder optMinCount(long minCount) {
            this.minCount = minCount;
            return this;
        }

        /**
         * Sets the bound on a field's ids (default: the format's).
         *
         * @param maxVocab the bound
         * @return this builder
         */
        public Builder optMaxVocab(int maxVocab) {
            this.maxVocab = maxVocab;
            return this;
        }

        /**
         * Sets a setting of one format, which that format's preparer parses.
         *
         * @param key the name, e.g. {@code searchLabels}
         * @param value the value; null removes it
         * @return this builder
         */
        public Builder optArgument(String key, String value) {
            if (value == null) {
                arguments.remove(key);
            } else {
                arguments.put(key, value);
            }
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public PrepareOptions build() {
            return new PrepareOptions(this);
        }
    }
}
