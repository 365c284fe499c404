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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.sapenet.data.error.DataException;
import org.sapenet.data.io.AtomicFiles;

/**
 * Synthetic data in the raw KuaiSAR format, drawn from a known model, with each row's true
 * probabilities.
 *
 * <p>Model (U_u, C_c 4-dimensional latent vectors; c the item's first-level category; h the hour):
 *
 * <pre>
 *   recommendation: p_click = q(sigmoid(-0.6 + bu_u + bi_i + 1.2 U_u.C_c + H_h))
 *                   p_like  = q(sigmoid(-3.0 + 0.9 U_u.C_c + ba_author))
 *                   p_share = q(sigmoid(-4.2 + 0.7 U_u.C_c + bt_type))
 *   search:         p_click = q(sigmoid(-1.2 + bu_u + 1.6 [query token = 100 + c] + 1.0 U_u.C_c))
 * </pre>
 *
 * Labels are drawn independently from these probabilities. About 30% of search rows repeat the
 * (user, item) of a recent recommendation row (so the label join has pairs to find).
 *
 * <p>Files, with the column order of each shuffled by the seed and the leaking columns present
 * (playing_time is derived from click): {@code rec_inter.csv}, {@code src_inter.csv} (keyword as a
 * quoted list such as {@code "[103, 7, 55]"}), {@code user_features.csv} (about 2% of users
 * missing), {@code item_features.csv} (about 3% of items missing; captions quoted, with commas,
 * doubled quotes and line breaks); truth {@code rec_inter_truth.csv} ({@code
 * p_click,p_like,p_share} for data line i) and {@code src_inter_truth.csv} ({@code p_click});
 * {@code oracle.json} with the AUC of the true probabilities over all rows per (scenario, task).
 */
public final class SyntheticKuaisar {

    static final int USERS = 400;
    static final int ITEMS = 2500;
    private static final int AUTHORS = 300;
    private static final int CATEGORIES = 12;
    private static final int LATENT = 4;
    private static final String[] ITEM_TYPES = {"VIDEO", "IMAGE_ATLAS", "LIVE"};
    private static final String[] UPLOAD_TYPES = {"ShortImport", "LongImport", "Web", "Camera"};
    private static final String[] SOURCES = {"USER_INPUT", "HISTORY", "SUGGEST"};
    private static final long START_SECONDS = 1_684_000_000L;

    private SyntheticKuaisar() {}

    /**
     * Writes synthetic KuaiSAR files.
     *
     * @param dir the output folder (created if missing)
     * @param rows the interaction rows in all (70% recommendation, 30% search), at least 10
     * @param seed the seed
     * @param force whether existing files may be replaced
     * @return the oracle AUC per scenario and task
     * @throws IOException when writing fails
     * @throws DataException when output files exist and {@code force} is not set
     */
    public static KuaisarOracle write(Path dir, long rows, long seed, boolean force)
            throws IOException {
        if (rows < 10) {
            throw new IllegalArgumentException("rows must be at least 10, got " + rows);
        }
        String[] names = {
            "rec_inter.csv",
            "src_inter.csv",
            "user_features.csv",
            "item_features.csv",
            "rec_inter_truth.csv",
            "src_inter_truth.csv",
            SyntheticAliccp.ORACLE_FILE
        };
        Files.createDirectories(dir);
        if (!force) {
            for (String name : names) {
                if (Files.exists(dir.resolve(name))) {
                    throw new DataException(
                            dir.resolve(name)
                                    + " already exists: choose another folder or pass --force");
                }
            }
        }
        Random random = new Random(seed);
        double[] userBias = new double[USERS];
        double[][] userLatent = new double[USERS][LATENT];
        double[] itemBias = new double[ITEMS];
        int[][] item = new int[ITEMS][6]; // author, type, upload, c1, c2, c3
        double[][] categoryLatent = new double[CATEGORIES + 1][LATENT];
        double[] authorBias = new double[AUTHORS];
        double[] hourEffect = new double[24];
        for (int u = 1; u < USERS; u++) {
            userBias[u] = 0.4 * random.nextGaussian();
            for (int k = 0; k < LATENT; k++) {
                userLatent[u][k] = 0.6 * random.nextGaussian();
            }
        }
        for (int c = 1; c <= CATEGORIES; c++) {
            for (int k = 0; k < LATENT; k++) {
                categoryLatent[c][k] = 0.6 * random.nextGaussian();
            }
        }
        for (int a = 0; a < AUTHORS; a++) {
            authorBias[a] = 0.5 * random.nextGaussian();
        }
        for (int h = 0; h < 24; h++) {
            hourEffect[h] = 0.3 * Math.sin(h * Math.PI / 12);
        }
        for (int i = 1; i < ITEMS; i++) {
            itemBias[i] = 0.3 * random.nextGaussian();
            item[i][0] = 1 + random.nextInt(AUTHORS - 1);
            item[i][1] = random.nextInt(ITEM_TYPES.length);
            item[i][2] = random.nextInt(UPLOAD_TYPES.length);
            item[i][3] = 1 + random.nextInt(CATEGORIES);
            item[i][4] = item[i][3] * 10 + random.nextInt(4);
            item[i][5] = item[i][4] * 10 + random.nextInt(5);
        }
        List<String> recColumns =
                shuffled(
                        random,
                        "user_id",
                        "item_id",
                        "duration_ms",
                        "playing_time",
                        "timestamp",
                        "time",
                        "click",
                        "forward",
                        "like",
                        "follow",
                        "search",
                        "search_item_related");
        List<String> srcColumns =
                shuffled(
                        random,
                        "user_id",
                        "search_session_id",
                        "search_session_time",
                        "search_session_timestamp",
                        "keyword",
                        "search_source",
                        "item_id",
                        "click_cnt",
                        "item_type");
        List<String> userColumns =
                shuffled(
                        random,
                        "user_id",
                        "search_active_level",
                        "rec_active_level",
                        "onehot_feat1",
                        "onehot_feat2");
        List<String> itemColumns =
                shuffled(
                        random,
                        "item_id",
                        "caption",
                        "author_id",
                        "item_type",
                        "upload_time",
                        "upload_type",
                        "first_level_category_id",
                        "second_level_category_id",
                        "third_level_category_id",
                        "fourth_level_category_id");
        QuantizedAuc[] auc = new QuantizedAuc[4];
        for (int k = 0; k < auc.length; k++) {
            auc[k] = new QuantizedAuc();
        }
        Map<Path, Path> temps = new LinkedHashMap<>();
        try {
            long recRows = rows * 7 / 10;
            int[] recentUser = new int[4096];
            int[] recentItem = new int[4096];
            try (OutputStream out = open(temp(dir, names[0], temps));
                    OutputStream truth = open(temp(dir, names[4], temps))) {
                line(out, recColumns);
                truth.write("p_click,p_like,p_share\n".getBytes(StandardCharsets.US_ASCII));
                for (long r = 0; r < recRows; r++) {
                    long state =
                            SyntheticModel.SplitMix.mix(
                                    seed ^ SyntheticModel.SplitMix.mix(r * 2 + 1));
                    int u = 1 + (int) ((USERS - 1) * square(uniform(state++)));
                    int i = 1 + (int) ((ITEMS - 1) * square(uniform(state++)));
                    long seconds = START_SECONDS + r * 37 + (long) (uniform(state++) * 3600);
                    int hour = (int) (((seconds + 8 * 3600) / 3600) % 24);
                    double uc = dot(userLatent[u], categoryLatent[item[i][3]]);
                    float pClick =
                            SyntheticModel.quantize(
                                    sigmoid(
                                            -0.6
                                                    + userBias[u]
                                                    + itemBias[i]
                                                    + 1.2 * uc
                                                    + hourEffect[hour]));
                    float pLike =
                            SyntheticModel.quantize(
                                    sigmoid(-3.0 + 0.9 * uc + authorBias[item[i][0]]));
                    float pShare =
                            SyntheticModel.quantize(sigmoid(-4.2 + 0.7 * uc + 0.4 * item[i][1]));
                    boolean click = uniform(state++) < pClick;
                    boolean like = uniform(state++) < pLike;
                    boolean share = uniform(state++) < pShare;
                    auc[0].add(pClick, click);
                    auc[1].add(pLike, like);
                    auc[2].add(pShare, share);
                    recentUser[(int) (r & 4095)] = u;
                    recentItem[(int) (r & 4095)] = i;
                    long duration = 5000 + (i * 7919L) % 60000;
                    Map<String, String> v = new LinkedHashMap<>();
                    v.put("user_id", Integer.toString(u));
                    v.put("item_id", Integer.toString(i));
                    v.put("duration_ms", Long.toString(duration));
                    v.put("playing_time", Long.toString(click ? duration * 7 / 10 : duration / 10));
                    v.put("timestamp", Long.toString(seconds * 1000));
                    v.put("time", "2023-05-" + (14 + (int) ((seconds - START_SECONDS) / 86400)));
                    v.put("click", click ? "1" : "0");
                    v.put("forward", share ? "1" : "0");
                    v.put("like", like ? "1" : "0");
                    v.put("follow", like && share ? "1" : "0");
                    v.put("search", "0");
                    v.put("search_item_related", "0");
                    row(out, recColumns, v);
                    truth.write(
                            (pClick + "," + pLike + "," + pShare + "\n")
                                    .getBytes(StandardCharsets.US_ASCII));
                }
            }
            try (OutputStream out = open(temp(dir, names[1], temps));
                    OutputStream truth = open(temp(dir, names[5], temps))) {
                line(out, srcColumns);
                truth.write("p_click\n".getBytes(StandardCharsets.US_ASCII));
                for (long r = 0; r < rows - recRows; r++) {
                    long state =
                            SyntheticModel.SplitMix.mix(
                                    seed ^ SyntheticModel.SplitMix.mix(r * 2 + 2));
                    int u;
                    int i;
                    if (uniform(state++) < 0.3 && recRows > 0) {
                        int k = (int) (uniform(state++) * Math.min(4096, recRows));
                        u = recentUser[k];
                        i = recentItem[k];
                    } else {
                        u = 1 + (int) ((USERS - 1) * square(uniform(state++)));
                        i = 1 + (int) ((ITEMS - 1) * square(uniform(state++)));
                    }
                    long seconds = START_SECONDS + r * 53;
                    int category = item[i][3];
                    int token =
                            uniform(state++) < 0.6
                                    ? 100 + category
                                    : 100 + 1 + (int) (uniform(state++) * CATEGORIES);
                    double uc = dot(userLatent[u], categoryLatent[category]);
                    float pClick =
                            SyntheticModel.quantize(
                                    sigmoid(
                                            -1.2
                                                    + userBias[u]
                                                    + (token == 100 + category ? 1.6 : 0)
                                                    + uc));
                    boolean click = uniform(state++) < pClick;
                    auc[3].add(pClick, click);
                    Map<String, String> v = new LinkedHashMap<>();
                    v.put("user_id", Integer.toString(u));
                    v.put("search_session_id", Long.toString(r / 3));
                    v.put("search_session_time", "2023-05-14 08:00:00");
                    v.put("search_session_timestamp", Long.toString(seconds * 1000));
                    v.put(
                            "keyword",
                            "\"[" + token + ", " + (int) (uniform(state++) * 50) + ", 3]\"");
                    v.put("search_source", SOURCES[(int) (r % SOURCES.length)]);
                    v.put("item_id", Integer.toString(i));
                    v.put("click_cnt", click ? Integer.toString(1 + (int) (r % 2)) : "0");
                    v.put("item_type", ITEM_TYPES[item[i][1]]);
                    row(out, srcColumns, v);
                    truth.write((pClick + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
            try (OutputStream out = open(temp(dir, names[2], temps))) {
                line(out, userColumns);
                for (int u = 1; u < USERS; u++) {
                    if (u % 50 == 7) {
                        continue; // about 2% of users have no features
                    }
                    Map<String, String> v = new LinkedHashMap<>();
                    v.put("user_id", Integer.toString(u));
                    v.put("search_active_level", Integer.toString(1 + u % 4));
                    v.put("rec_active_level", Integer.toString(1 + u % 5));
                    v.put("onehot_feat1", Integer.toString(u % 10));
                    v.put("onehot_feat2", Integer.toString(u % 3));
                    row(out, userColumns, v);
                }
            }
            try (OutputStream out = open(temp(dir, names[3], temps))) {
                line(out, itemColumns);
                for (int i = 1; i < ITEMS; i++) {
                    if (i % 33 == 5) {
                        continue; // about 3% of items have no features
                    }
                    Map<String, String> v = new LinkedHashMap<>();
                    v.put("item_id", Integer.toString(i));
                    v.put(
                            "caption",
                            i % 3 == 0
                                    ? "\"fun, \"\"great\"\" clip\nsecond line " + i + "\""
                                    : "clip " + i);
                    v.put("author_id", Integer.toString(item[i][0]));
                    v.put("item_type", ITEM_TYPES[item[i][1]]);
                    v.put("upload_time", "2023-05-01");
                    v.put("upload_type", UPLOAD_TYPES[item[i][2]]);
                    v.put("first_level_category_id", Integer.toString(item[i][3]));
                    v.put("second_level_category_id", Integer.toString(item[i][4]));
                    v.put("third_level_category_id", Integer.toString(item[i][5]));
                    v.put(
                            "fourth_level_category_id",
                            i % 4 == 0 ? "" : Integer.toString(item[i][5] % 7));
                    row(out, itemColumns, v);
                }
            }
            Map<String, Map<String, Double>> oracle = new LinkedHashMap<>();
            Map<String, Double> rec = new LinkedHashMap<>();
            rec.put("click", auc[0].auc());
            rec.put("like", auc[1].auc());
            rec.put("share", auc[2].auc());
            oracle.put("search", Map.of("click", auc[3].auc()));
            oracle.put("recommendation", rec);
            KuaisarOracle report = new KuaisarOracle(oracle);
            Files.writeString(temp(dir, names[6], temps), report.toJson(), StandardCharsets.UTF_8);
            for (Map.Entry<Path, Path> temp : temps.entrySet()) {
                AtomicFiles.move(temp.getKey(), temp.getValue());
            }
            temps.clear();
            return report;
        } finally {
            for (Path temp : temps.keySet()) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private static List<String> shuffled(Random random, String... names) {
        List<String> out = new ArrayList<>(List.of(names));
        Collections.shuffle(out, random);
        return out;
    }

    private static void line(OutputStream out, List<String> cells) throws IOException {
        out.write((String.join(",", cells) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void row(OutputStream out, List<String> columns, Map<String, String> values)
            throws IOException {
        List<String> cells = new ArrayList<>(columns.size());
        for (String column : columns) {
            cells.add(values.get(column));
        }
        line(out, cells);
    }

    private static double uniform(long state) {
        return SyntheticModel.SplitMix.uniform(state);
    }

    private static double square(double x) {
        return x * x;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
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
