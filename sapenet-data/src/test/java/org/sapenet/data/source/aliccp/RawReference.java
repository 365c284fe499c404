/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.aliccp;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.source.SplitPolicy;
import org.sapenet.data.store.Split;

/**
 * The standard raw AliCCP processing written the plain way (strings, hash maps, whole files in
 * memory) for small test inputs: it turns raw files into processed AliCCP CSVs, independently of
 * {@link AliccpRawPreparer}.
 */
final class RawReference {

    private RawReference() {}

    static void process(Path raw, Path out, int minCount, long seed) throws IOException {
        List<String> sparse = AliccpSchema.SPARSE_FIELDS;
        List<Map<String, String>> train = join(raw, "train");
        List<Map<String, String>> test = join(raw, "test");
        List<Map<String, Integer>> vocab = new ArrayList<>();
        for (String field : sparse) {
            Map<String, Integer> counts = new HashMap<>();
            for (Map<String, String> row : train) {
                String v = row.get(field);
                if (v != null) {
                    counts.merge(v.split("\u0003")[0], 1, Integer::sum);
                }
            }
            List<String> kept = new ArrayList<>();
            counts.forEach(
                    (v, c) -> {
                        if (c >= minCount) {
                            kept.add(v);
                        }
                    });
            kept.sort((a, b) -> new BigInteger(a).compareTo(new BigInteger(b)));
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < kept.size(); i++) {
                ids.put(kept.get(i), i + 1);
            }
            vocab.add(ids);
        }
        List<String> dense = AliccpSchema.DENSE_FIELDS;
        float[] min = new float[dense.size()];
        float[] max = new float[dense.size()];
        for (int d = 0; d < dense.size(); d++) {
            min[d] = Float.POSITIVE_INFINITY;
            max[d] = Float.NEGATIVE_INFINITY;
            for (Map<String, String> row : train) {
                String v = row.get(dense.get(d).substring(1));
                if (v != null) {
                    float x = Float.parseFloat(v.split("\u0003")[1]);
                    min[d] = Math.min(min[d], x);
                    max[d] = Math.max(max[d], x);
                }
            }
        }
        List<String> trainLines = new ArrayList<>();
        List<String> valLines = new ArrayList<>();
        List<String> testLines = new ArrayList<>();
        for (List<String> lines : List.of(trainLines, valLines, testLines)) {
            lines.add(String.join(",", AliccpSchema.HEADER));
        }
        for (Map<String, String> row : train) {
            trainLines.add(line(row, vocab, min, max));
        }
        for (Map<String, String> row : test) {
            long line = Long.parseLong(row.get("#line"));
            (SplitPolicy.officialHalvingTest(seed).assign(Split.TEST, 1, line) == Split.VAL
                            ? valLines
                            : testLines)
                    .add(line(row, vocab, min, max));
        }
        Files.createDirectories(out);
        Files.write(out.resolve("ali_ccp_train.csv"), trainLines, StandardCharsets.UTF_8);
        Files.write(out.resolve("ali_ccp_val.csv"), valLines, StandardCharsets.UTF_8);
        Files.write(out.resolve("ali_ccp_test.csv"), testLines, StandardCharsets.UTF_8);
    }

    private static String line(
            Map<String, String> row, List<Map<String, Integer>> vocab, float[] min, float[] max) {
        List<String> cells = new ArrayList<>();
        for (String column : AliccpSchema.HEADER) {
            if (column.equals("click") || column.equals("purchase")) {
                cells.add(row.get(column));
            } else if (column.startsWith("D")) {
                int d = AliccpSchema.DENSE_FIELDS.indexOf(column);
                String v = row.get(column.substring(1));
                float scaled = 0f;
                if (v != null && max[d] > min[d]) {
                    double x = Float.parseFloat(v.split("\u0003")[1]);
                    scaled =
                            (float)
                                    Math.min(
                                            1,
                                            Math.max(0, (x - min[d]) / ((double) max[d] - min[d])));
                }
                cells.add(Float.toString(scaled));
            } else {
                String v = row.get(column);
                int f = AliccpSchema.SPARSE_FIELDS.indexOf(column);
                Integer id = v == null ? null : vocab.get(f).get(v.split("\u0003")[0]);
                cells.add(Integer.toString(id == null ? 0 : id));
            }
        }
        return String.join(",", cells);
    }

    /** Joined rows: field to "id\u0003value", plus click, purchase and #line. */
    private static List<Map<String, String>> join(Path raw, String part) throws IOException {
        Map<String, Map<String, String>> common = new HashMap<>();
        for (String line : Files.readAllLines(raw.resolve("common_features_" + part + ".csv"))) {
            String[] cells = line.split(",", -1);
            common.put(cells[0], features(cells[2]));
        }
        List<Map<String, String>> rows = new ArrayList<>();
        long number = 0;
        for (String line : Files.readAllLines(raw.resolve("sample_skeleton_" + part + ".csv"))) {
            number++;
            String[] cells = line.split(",", -1);
            if (cells[1].equals("0") && cells[2].equals("1")) {
                continue;
            }
            Map<String, String> row = new HashMap<>(common.get(cells[3]));
            row.putAll(features(cells[5]));
            row.put("click", cells[1]);
            row.put("purchase", cells[2]);
            row.put("#line", Long.toString(number));
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, String> features(String list) {
        Map<String, String> out = new HashMap<>();
        for (String entry : list.split("\u0001")) {
            String[] parts = entry.split("\u0002");
            out.put(parts[0], parts[1]);
        }
        return out;
    }
}
