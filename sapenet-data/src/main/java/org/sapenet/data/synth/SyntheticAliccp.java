/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.synth;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sapenet.data.error.DataException;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.data.schema.AliccpSchema;

/**
 * Synthetic data in exactly the processed AliCCP format, drawn from a known model ({@link
 * SyntheticModel}: scenario-specific effects, user x category and user x brand interactions,
 * field-pair tables, purchase only after click; by default AliCCP's shape, a 1% scenario and a CTR
 * of a few percent, see {@link SyntheticProfile}), with each row's true probabilities, so the best
 * achievable AUC per (scenario, task) is known.
 *
 * <p>Writes into the output folder: {@code ali_ccp_train.csv}, {@code ali_ccp_val.csv}, {@code
 * ali_ccp_test.csv} (the 33-column header; rows split 2:1:1 in order), {@code
 * ali_ccp_{split}_truth.csv} ({@code p_click,p_purchase}, line i for data row i of the split) and
 * {@code oracle.json}. Deterministic for a seed; streams (constant memory for any row count); each
 * file is written under a temporary name and renamed when complete.
 *
 * <pre>{@code
 * OracleReport oracle = SyntheticAliccp.write(Path.of("/tmp/synth"), 200_000, 42);
 * double best = oracle.auc(2, 0, 0); // test split, scenario "1", click
 * }</pre>
 */
public final class SyntheticAliccp {

    /** The oracle file name. */
    public static final String ORACLE_FILE = "oracle.json";

    private SyntheticAliccp() {}

    /**
     * Writes synthetic data, refusing to replace existing files.
     *
     * @param dir the output folder (created if missing)
     * @param rows the total row count, at least 4
     * @param seed the seed
     * @return the oracle AUCs
     * @throws IOException when writing fails
     */
    public static OracleReport write(Path dir, long rows, long seed) throws IOException {
        return write(dir, rows, seed, false);
    }

    /**
     * Writes synthetic data.
     *
     * @param dir the output folder (created if missing)
     * @param rows the total row count, at least 4
     * @param seed the seed
     * @param force whether existing files of the same names may be replaced
     * @return the oracle AUCs
     * @throws IOException when writing fails
     * @throws DataException when output files exist and {@code force} is not set
     */
    public static OracleReport write(Path dir, long rows, long seed, boolean force)
            throws IOException {
        return write(dir, rows, seed, force, SyntheticProfile.ALICCP);
    }

    /**
     * Writes synthetic data with a chosen scenario mix and label rates.
     *
     * @param dir the output folder (created if missing)
     * @param rows the total row count, at least 4
     * @param seed the seed
     * @param force whether existing files of the same names may be replaced
     * @param profile the scenario shares and label rates
     * @return the oracle AUCs
     * @throws IOException when writing fails
     * @throws DataException when output files exist and {@code force} is not set
     */
    public static OracleReport write(
            Path dir, long rows, long seed, boolean force, SyntheticProfile profile)
            throws IOException {
        return write(dir, rows, seed, force, profile, SyntheticVocabulary.SMALL);
    }

    /**
     * Writes synthetic data with a chosen scenario mix, label rates and vocabulary sizes. {@link
     * SyntheticVocabulary#SMALL} writes exactly what {@link #write(Path, long, long, boolean,
     * SyntheticProfile)} writes.
     *
     * @param dir the output folder (created if missing)
     * @param rows the total row count, at least 4
     * @param seed the seed
     * @param force whether existing files of the same names may be replaced
     * @param profile the scenario shares and label rates
     * @param vocabulary the vocabulary sizes of the id fields
     * @return the oracle AUCs
     * @throws IOException when writing fails
     * @throws DataException when output files exist and {@code force} is not set
     */
    public static OracleReport write(
            Path dir,
            long rows,
            long seed,
            boolean force,
            SyntheticProfile profile,
            SyntheticVocabulary vocabulary)
            throws IOException {
        if (rows < 4) {
            throw new IllegalArgumentException("rows must be at least 4, got " + rows);
        }
        Files.createDirectories(dir);
        List<Path> outputs = new ArrayList<>();
        for (String split : OracleReport.SPLITS) {
            outputs.add(dir.resolve(dataFile(split)));
            outputs.add(dir.resolve(truthFile(split)));
        }
        outputs.add(dir.resolve(ORACLE_FILE));
        if (!force) {
            for (Path out : outputs) {
                if (Files.exists(out)) {
                    throw new DataException(
                            out + " already exists: choose another folder or pass --force");
                }
            }
        }
        SyntheticModel model = new SyntheticModel(seed, profile, vocabulary);
        SyntheticModel.Row row = new SyntheticModel.Row();
        OracleReport report = new OracleReport(rows, seed, profile, vocabulary);
        long[] bounds = {0, rows / 2, rows / 2 + rows / 4, rows};
        Map<Path, Path> temps = new LinkedHashMap<>();
        try {
            for (int split = 0; split < 3; split++) {
                String name = OracleReport.SPLITS.get(split);
                Path data = temp(dir, dataFile(name), temps);
                Path truth = temp(dir, truthFile(name), temps);
                try (OutputStream dataOut = open(data);
                        OutputStream truthOut = open(truth)) {
                    dataOut.write(
                            (String.join(",", AliccpSchema.HEADER) + "\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                    truthOut.write("p_click,p_purchase\n".getBytes(StandardCharsets.US_ASCII));
                    LineBuilder line = new LineBuilder();
                    for (long r = bounds[split]; r < bounds[split + 1]; r++) {
                        model.draw(r, row);
                        report.add(
                                split,
                                row.scenario,
                                row.pClick,
                                row.click,
                                row.pPurchase,
                                row.purchase);
                        line.row(row);
                        dataOut.write(line.bytes, 0, line.length);
                        truthOut.write(
                                (Float.toString(row.pClick) + ',' + row.pPurchase + '\n')
                                        .getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
            Path oracle = temp(dir, ORACLE_FILE, temps);
            Files.writeString(oracle, report.toJson(), StandardCharsets.UTF_8);
            for (Map.Entry<Path, Path> temp : temps.entrySet()) {
                AtomicFiles.move(temp.getKey(), temp.getValue());
            }
            temps.clear();
        } finally {
            for (Path temp : temps.keySet()) {
                Files.deleteIfExists(temp);
            }
        }
        return report;
    }

    /**
     * Returns the data file name of a split.
     *
     * @param split {@code train}, {@code val} or {@code test}
     * @return e.g. {@code ali_ccp_train.csv}
     */
    public static String dataFile(String split) {
        return "ali_ccp_" + split + ".csv";
    }

    /**
     * Returns the truth (probability) file name of a split.
     *
     * @param split {@code train}, {@code val} or {@code test}
     * @return e.g. {@code ali_ccp_train_truth.csv}
     */
    public static String truthFile(String split) {
        return "ali_ccp_" + split + "_truth.csv";
    }

    private static Path temp(Path dir, String name, Map<Path, Path> temps) throws IOException {
        Path target = dir.resolve(name);
        Path temp = AtomicFiles.createTempFile(target);
        temps.put(temp, target);
        return temp;
    }

    private static OutputStream open(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
    }

    /** Formats one row in header order into a reusable byte buffer. */
    private static final class LineBuilder {
        final byte[] bytes = new byte[512];
        int length;

        void row(SyntheticModel.Row row) {
            length = 0;
            // click,purchase,101,121,122,124,125,126,127,128,129,
            digit(row.click ? 1 : 0);
            digit(row.purchase ? 1 : 0);
            integer(row.userId);
            for (int v : row.profile) {
                integer(v);
            }
            // 205,206,207,210,216
            integer(row.itemId);
            for (int v : row.item4) {
                integer(v);
            }
            // 508,509,702,853
            for (int v : row.cross) {
                integer(v);
            }
            // 301
            integer(row.scenario + 1);
            // 109_14,110_14,127_14,150_14
            for (int v : row.behaviour) {
                integer(v);
            }
            // D109_14 .. D150_14, D508 .. D853
            for (float v : row.behaviourDense) {
                decimal(v);
            }
            for (float v : row.crossDense) {
                decimal(v);
            }
            bytes[length - 1] = '\n';
        }

        private void digit(int d) {
            bytes[length++] = (byte) ('0' + d);
            bytes[length++] = ',';
        }

        private void integer(int value) {
            if (value == 0) {
                bytes[length++] = '0';
            } else {
                int start = length;
                while (value > 0) {
                    bytes[length++] = (byte) ('0' + value % 10);
                    value /= 10;
                }
                reverse(start, length - 1);
            }
            bytes[length++] = ',';
        }

        /** Writes a value in [0, 1] with 4 decimals (the value is already rounded to them). */
        private void decimal(float value) {
            int tenThousandths = (int) Math.rint(value * 10000.0);
            bytes[length++] = (byte) ('0' + tenThousandths / 10000);
            bytes[length++] = '.';
            int rest = tenThousandths % 10000;
            bytes[length++] = (byte) ('0' + rest / 1000);
            bytes[length++] = (byte) ('0' + rest / 100 % 10);
            bytes[length++] = (byte) ('0' + rest / 10 % 10);
            bytes[length++] = (byte) ('0' + rest % 10);
            bytes[length++] = ',';
        }

        private void reverse(int i, int j) {
            while (i < j) {
                byte t = bytes[i];
                bytes[i++] = bytes[j];
                bytes[j--] = t;
            }
        }
    }
}
