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
import java.util.Locale;
import java.util.Map;
import org.sapenet.data.error.DataException;
import org.sapenet.data.io.AtomicFiles;

/**
 * Synthetic data in the raw Tianchi AliCCP format, drawn from the same known model as {@link
 * SyntheticAliccp} ({@link SyntheticModel}), with each kept row's true probabilities.
 *
 * <p>Writes {@code sample_skeleton_{train,test}.csv} (no header, like the real files; the first
 * half of the rows is the training file) and {@code common_features_{train,test}.csv} (one row per
 * user seen in the file, keyed by a 16-hex-digit {@code common_feature_index}). User fields (101,
 * 121..129, 109_14..150_14 with their values) are common features; item, cross and scenario fields
 * are skeleton features. Raw feature_ids are {@code 1000000 * (field position + 1) + 3 * id + 1}
 * (increasing in the model's id, like the real global ids); dense values are stored as {@code 0.7 +
 * 2.5 * D} with 5 decimals. To exercise the processing, each 109_14 entry is preceded by a decoy
 * entry of the same field with a raw id that is never a real one (the last one wins), an unused
 * field 999 appears in every list, and about 0.3% of the non-click rows carry conversion = 1
 * (dropped by the processing, left out of the truth).
 *
 * <p>Truth: {@code sample_skeleton_{train,test}_truth.csv} ({@code sample_id,p_click,p_purchase}
 * for each kept row) and {@code oracle.json}, whose "train" split is the training file and whose
 * "test" split covers the whole test file ("val" is empty: the halving into val and test happens at
 * prepare time with its own seed).
 */
public final class SyntheticAliccpRaw {

    /** Store field names in the order of {@link org.sapenet.data.schema.AliccpSchema}. */
    private static final String[] PROFILE_FIELDS = {
        "121", "122", "124", "125", "126", "127", "128", "129"
    };

    private static final String[] BEHAVIOUR_FIELDS = {"109_14", "110_14", "127_14", "150_14"};
    private static final String[] ITEM_FIELDS = {"206", "207", "210", "216"};
    private static final String[] CROSS_FIELDS = {"508", "509", "702", "853"};
    private static final List<String> ALL_FIELDS =
            List.of(
                    "101", "121", "122", "124", "125", "126", "127", "128", "129", "205", "206",
                    "207", "210", "216", "508", "509", "702", "853", "301", "109_14", "110_14",
                    "127_14", "150_14");

    private SyntheticAliccpRaw() {}

    /**
     * Returns the raw feature_id the generator writes for a model id of a field.
     *
     * @param field the field name
     * @param id the model's id (at least 1)
     * @return the raw feature_id
     */
    public static long rawId(String field, int id) {
        return 1_000_000L * (ALL_FIELDS.indexOf(field) + 1) + 3L * id + 1;
    }

    /**
     * Writes synthetic raw AliCCP files.
     *
     * @param dir the output folder (created if missing)
     * @param rows the skeleton rows in all, at least 4
     * @param seed the seed
     * @param force whether existing files may be replaced
     * @return the oracle AUCs
     * @throws IOException when writing fails
     * @throws DataException when output files exist and {@code force} is not set
     */
    public static OracleReport write(Path dir, long rows, long seed, boolean force)
            throws IOException {
        if (rows < 4) {
            throw new IllegalArgumentException("rows must be at least 4, got " + rows);
        }
        Files.createDirectories(dir);
        String[] names = {
            "sample_skeleton_train.csv",
            "common_features_train.csv",
            "sample_skeleton_train_truth.csv",
            "sample_skeleton_test.csv",
            "common_features_test.csv",
            "sample_skeleton_test_truth.csv",
            SyntheticAliccp.ORACLE_FILE
        };
        if (!force) {
            for (String name : names) {
                if (Files.exists(dir.resolve(name))) {
                    throw new DataException(
                            dir.resolve(name)
                                    + " already exists: choose another folder or pass --force");
                }
            }
        }
        SyntheticModel model = new SyntheticModel(seed);
        SyntheticModel.Row row = new SyntheticModel.Row();
        OracleReport report = new OracleReport(rows, seed);
        Map<Path, Path> temps = new LinkedHashMap<>();
        try {
            long[] bounds = {0, rows / 2, rows};
            for (int part = 0; part < 2; part++) {
                Path skeleton = temp(dir, names[3 * part], temps);
                Path common = temp(dir, names[3 * part + 1], temps);
                Path truth = temp(dir, names[3 * part + 2], temps);
                SyntheticModel.Row[] users = new SyntheticModel.Row[model.users()];
                try (OutputStream out = open(skeleton);
                        OutputStream truthOut = open(truth)) {
                    truthOut.write(
                            "sample_id,p_click,p_purchase\n".getBytes(StandardCharsets.US_ASCII));
                    StringBuilder line = new StringBuilder(512);
                    for (long r = bounds[part]; r < bounds[part + 1]; r++) {
                        model.draw(r, row);
                        if (users[row.user] == null) {
                            users[row.user] = copyUser(row);
                        }
                        long noise = SyntheticModel.SplitMix.mix(seed * 31 + r);
                        boolean dropped = !row.click && (noise & 1023) < 3;
                        line.setLength(0);
                        line.append(r + 1).append(',').append(row.click ? 1 : 0).append(',');
                        line.append(row.purchase || dropped ? 1 : 0).append(',');
                        line.append(commonKey(seed, row.user)).append(',');
                        List<String> entries = new ArrayList<>();
                        if (row.itemId != 0) {
                            entries.add(entry("205", row.itemId, "1.0"));
                        }
                        for (int k = 0; k < ITEM_FIELDS.length; k++) {
                            entries.add(entry(ITEM_FIELDS[k], row.item4[k], "1.0"));
                        }
                        entries.add("999\u0002" + (r % 7) + "\u00031.0");
                        for (int k = 0; k < CROSS_FIELDS.length; k++) {
                            if (row.cross[k] != 0) {
                                entries.add(
                                        entry(
                                                CROSS_FIELDS[k],
                                                row.cross[k],
                                                raw(row.crossDense[k])));
                            }
                        }
                        entries.add(entry("301", row.scenario + 1, "1.0"));
                        line.append(entries.size()).append(',');
                        line.append(String.join("\u0001", entries)).append('\n');
                        out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
                        if (!dropped) {
                            report.add(
                                    part == 0 ? 0 : 2,
                                    row.scenario,
                                    row.pClick,
                                    row.click,
                                    row.pPurchase,
                                    row.purchase);
                            truthOut.write(
                                    ((r + 1) + "," + row.pClick + "," + row.pPurchase + "\n")
                                            .getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                }
                try (OutputStream out = open(common)) {
                    for (int u = 1; u < users.length; u++) {
                        if (users[u] != null) {
                            out.write(
                                    commonLine(seed, u, users[u])
                                            .getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                }
            }
            Path oracle = temp(dir, SyntheticAliccp.ORACLE_FILE, temps);
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

    private static SyntheticModel.Row copyUser(SyntheticModel.Row row) {
        SyntheticModel.Row user = new SyntheticModel.Row();
        user.user = row.user;
        System.arraycopy(row.profile, 0, user.profile, 0, row.profile.length);
        System.arraycopy(row.behaviour, 0, user.behaviour, 0, row.behaviour.length);
        System.arraycopy(row.behaviourDense, 0, user.behaviourDense, 0, row.behaviourDense.length);
        return user;
    }

    private static String commonLine(long seed, int u, SyntheticModel.Row user) {
        List<String> entries = new ArrayList<>();
        entries.add(entry("101", u, "1.0"));
        for (int k = 0; k < PROFILE_FIELDS.length; k++) {
            entries.add(entry(PROFILE_FIELDS[k], user.profile[k], "1.0"));
        }
        for (int k = 0; k < BEHAVIOUR_FIELDS.length; k++) {
            if (user.behaviour[k] != 0) {
                if (k == 0) {
                    String field = BEHAVIOUR_FIELDS[k];
                    entries.add(
                            field + "\u0002" + (rawId(field, user.behaviour[k]) + 1) + "\u00039.5");
                }
                entries.add(
                        entry(BEHAVIOUR_FIELDS[k], user.behaviour[k], raw(user.behaviourDense[k])));
            }
        }
        return commonKey(seed, u)
                + ","
                + entries.size()
                + ","
                + String.join("\u0001", entries)
                + "\n";
    }

    /**
     * Returns the common_feature_index of a user.
     *
     * @param seed the seed
     * @param user the user
     * @return 16 hex digits
     */
    static String commonKey(long seed, int user) {
        return String.format(
                Locale.ROOT,
                "%016x",
                SyntheticModel.SplitMix.mix(seed ^ (user * 0x9E3779B97F4A7C15L)));
    }

    /** The raw value 0.7 + 2.5 * D, exact: D has 4 decimals, so the value has at most 5. */
    private static String raw(float dense) {
        long tenThousandths = Math.round(dense * 10000.0);
        long hundredThousandths = 70_000 + 25 * tenThousandths;
        return String.format(
                Locale.ROOT, "%d.%05d", hundredThousandths / 100_000, hundredThousandths % 100_000);
    }

    private static String entry(String field, int id, String value) {
        return field + "\u0002" + rawId(field, id) + "\u0003" + value;
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
}
