/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.demo;

import java.io.IOException;
import java.nio.file.Path;
import org.sapenet.data.source.aliccp.AliccpPreparer;
import org.sapenet.data.synth.OracleReport;
import org.sapenet.data.synth.SyntheticAliccp;
import org.sapenet.data.synth.SyntheticProfile;
import org.sapenet.data.synth.SyntheticVocabulary;

/**
 * Synthesises AliCCP-format CSVs with known truth ({@link SyntheticAliccp}) and prepares them into
 * a column store, as {@code sapenet synth} followed by {@code sapenet prepare} would.
 */
public final class SyntheticStore {

    private final Path csvDir;
    private final Path storeDir;
    private final OracleReport oracle;

    private SyntheticStore(Path csvDir, Path storeDir, OracleReport oracle) {
        this.csvDir = csvDir;
        this.storeDir = storeDir;
        this.oracle = oracle;
    }

    /**
     * Writes {@code dir/synthetic/} (CSVs, truth, oracle.json) and {@code dir/store/}.
     *
     * @param dir the parent folder
     * @param rows the total rows (split 2:1:1 into train, val, test)
     * @param seed the seed
     * @return the paths and the oracle AUCs
     * @throws IOException when writing fails (or the outputs exist)
     */
    public static SyntheticStore create(Path dir, long rows, long seed) throws IOException {
        return create(dir, rows, seed, SyntheticProfile.ALICCP);
    }

    /**
     * Writes {@code dir/synthetic/} (CSVs, truth, oracle.json) and {@code dir/store/}.
     *
     * @param dir the parent folder
     * @param rows the total rows (split 2:1:1 into train, val, test)
     * @param seed the seed
     * @param profile the scenario mix and label rates
     * @return the paths and the oracle AUCs
     * @throws IOException when writing fails (or the outputs exist)
     */
    public static SyntheticStore create(Path dir, long rows, long seed, SyntheticProfile profile)
            throws IOException {
        return create(dir, rows, seed, profile, SyntheticVocabulary.SMALL);
    }

    /**
     * Writes {@code dir/synthetic/} (CSVs, truth, oracle.json) and {@code dir/store/}.
     *
     * @param dir the parent folder
     * @param rows the total rows (split 2:1:1 into train, val, test)
     * @param seed the seed
     * @param profile the scenario mix and label rates
     * @param vocabulary the vocabulary sizes of the id fields
     * @return the paths and the oracle AUCs
     * @throws IOException when writing fails (or the outputs exist)
     */
    public static SyntheticStore create(
            Path dir,
            long rows,
            long seed,
            SyntheticProfile profile,
            SyntheticVocabulary vocabulary)
            throws IOException {
        Path csv = dir.resolve("synthetic");
        Path store = dir.resolve("store");
        OracleReport oracle = SyntheticAliccp.write(csv, rows, seed, false, profile, vocabulary);
        AliccpPreparer.builder().setInput(csv).setOutput(store).build().prepare();
        return new SyntheticStore(csv, store, oracle);
    }

    /**
     * Returns the folder of the synthetic CSVs.
     *
     * @return the folder
     */
    public Path csvDir() {
        return csvDir;
    }

    /**
     * Returns the prepared store.
     *
     * @return the store folder
     */
    public Path storeDir() {
        return storeDir;
    }

    /**
     * Returns the oracle AUCs (the best achievable, from the true probabilities).
     *
     * @return the report
     */
    public OracleReport oracle() {
        return oracle;
    }
}
