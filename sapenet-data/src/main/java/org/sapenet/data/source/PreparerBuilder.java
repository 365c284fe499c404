/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import java.nio.file.Path;
import org.sapenet.data.error.ErrorPolicy;

/**
 * The settings every {@link StorePreparer}'s builder shares: the store folder, the seed, the error
 * policy and whether to replace an existing store.
 *
 * @param <T> the concrete builder
 */
public abstract class PreparerBuilder<T extends PreparerBuilder<T>> {

    private final PrepareOptions.Builder options = PrepareOptions.builder();

    /** Creates a builder with the defaults. */
    protected PreparerBuilder() {}

    /**
     * Returns this builder as its concrete type.
     *
     * @return this builder
     */
    protected abstract T self();

    /**
     * Sets the store folder to create.
     *
     * @param output the store folder
     * @return this builder
     */
    public T setOutput(Path output) {
        options.setOutput(output);
        return self();
    }

    /**
     * Sets the seed of the preparer's random choices (default {@value
     * PrepareOptions#DEFAULT_SEED}): the split, or the halving of a test file into val and test.
     *
     * @param seed the seed
     * @return this builder
     */
    public T optSeed(long seed) {
        options.optSeed(seed);
        return self();
    }

    /**
     * Sets what to do with bad rows (default {@link ErrorPolicy#FAIL}).
     *
     * @param errorPolicy the policy
     * @return this builder
     */
    public T optErrorPolicy(ErrorPolicy errorPolicy) {
        options.optErrorPolicy(errorPolicy);
        return self();
    }

    /**
     * Allows replacing an existing store (default false).
     *
     * @param force whether to replace
     * @return this builder
     */
    public T optForce(boolean force) {
        options.optForce(force);
        return self();
    }

    /**
     * Takes the store folder, seed, error policy and force of generic options.
     *
     * @param options the options
     * @return this builder
     */
    public T optOptions(PrepareOptions options) {
        return setOutput(options.getOutput())
                .optSeed(options.getSeed())
                .optErrorPolicy(options.getErrorPolicy())
                .optForce(options.isForce());
    }

    /**
     * Checks that the store folder is set; builders call it first in {@code build()}.
     *
     * @throws IllegalArgumentException when it was not set
     */
    protected void requireOutput() {
        if (getOptions().getOutput() == null) {
            throw new IllegalArgumentException("setOutput: the store folder is required");
        }
    }

    /**
     * Returns the settings so far, for the preparer (the input-side fields of the options are
     * unset: each builder keeps its own typed inputs).
     *
     * @return the store folder (null when unset), seed, error policy and force
     */
    public PrepareOptions getOptions() {
        return options.build();
    }
}
