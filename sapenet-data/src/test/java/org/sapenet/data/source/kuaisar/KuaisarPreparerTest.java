/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.kuaisar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.ErrorReason;
import org.sapenet.data.source.SplitPolicy;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.store.StoreSplit;
import org.sapenet.data.synth.SyntheticKuaisar;
import org.sapenet.data.vocab.Vocabulary;

/** KuaiSAR end to end from synthetic files, checked row by row against a plain re-derivation. */
class KuaisarPreparerTest {

    private static final long SEED = 9;
    private static final int MIN_COUNT = 3;

    @TempDir static Path shared;

    static Path raw;

    @BeforeAll
    static void synthesise() throws IOException {
        raw = shared.resolve("raw");
        SyntheticKuaisar.write(raw, 12000, 3, false);
    }

    private static StoreManifest prepare(Path input, Path out, KuaisarPreparer.SearchLabels mode)
            throws IOException {
        return KuaisarPreparer.builder()
                .setInput(input)
                .setOutput(out)
                .optSeed(SEED)
                .optMinCount(MIN_COUNT)
                .optMaxVocab(0)
                .optSearchLabels(mode)
                .build()
                .prepare();
    }

    @Test
    void leakingColumnsAreNotFeatures() throws IOException {
        for (String leak : KuaisarSchema.LEAKING_COLUMNS) {
            assertFalse(KuaisarSchema.sparseFields(List.of("onehot_feat1")).contains(leak), leak);
        }
        String header = Files.readAllLines(raw.resolve("rec_inter.csv")).get(0);
        assertTrue(header.contains("playing_time"), "the synthetic file carries the leak");
    }

    @Test
    void everyRowMatchesAPlainDerivation(@TempDir Path temp) throws IOException {
        StoreManifest manifest =
                prepare(raw, temp.resolve("store"), KuaisarPreparer.SearchLabels.JOIN);
        List<String> fields = manifest.toSchema().getSparseFields();
        assertEquals(KuaisarSchema.sparseFields(List.of("onehot_feat1", "onehot_feat2")), fields);
        for (String leak : KuaisarSchema.LEAKING_COLUMNS) {
            assertFalse(fields.contains(leak), leak);
        }
        Map<String, Map<String, String>> users = byKey(raw.resolve("user_features.csv"), "user_id");
        Map<String, Map<String, String>> items = byKey(raw.resolve("item_features.csv"), "item_id");
        List<Map<String, String>> rec = SimpleCsv.read(raw.resolve("rec_inter.csv"));
        List<Map<String, String>> src = SimpleCsv.read(raw.resolve("src_inter.csv"));
        SplitPolicy policy = SplitPolicy.random(SEED);
        List<Expected> expected = new ArrayList<>();
        Map<String, Integer> pairLabels = new HashMap<>();
        for (Map<String, String> row : rec) {
            Expected e = new Expected();
            e.split = policy.assign(Split.TRAIN, 0, Long.parseLong(row.get("#line")));
            e.raw = rawValues(fields, row, false, users, items);
            e.scenario = 1;
            e.labels =
                    new int[] {
                        flag(row.get("click")), flag(row.get("like")), flag(row.get("forward"))
                    };
            e.masks = new int[] {1, 1, 1};
            expected.add(e);
            pairLabels.merge(
                    row.get("user_id") + "/" + row.get("item_id") + "/" + e.split,
                    1 | e.labels[1] << 1 | e.labels[2] << 2,
                    (a, b) -> a | b);
        }
        long joined = 0;
        for (Map<String, String> row : src) {
            Expected e = new Expected();
            e.split = policy.assign(Split.TRAIN, 1, Long.parseLong(row.get("#line")));
            e.raw = rawValues(fields, row, true, users, items);
            e.scenario = 0;
            Integer found =
                    pairLabels.get(row.get("user_id") + "/" + row.get("item_id") + "/" + e.split);
            e.labels = new int[] {flag(row.get("click_cnt")), 0, 0};
            e.masks = new int[] {1, 0, 0};
            if (found != null) {
                e.labels[1] = found >> 1 & 1;
                e.labels[2] = found >> 2 & 1;
                e.masks[1] = 1;
                e.masks[2] = 1;
                joined++;
            }
            expected.add(e);
        }
        assertTrue(joined > 100, "joined " + joined);
        assertEquals(joined, ((Number) manifest.getSource().get("searchRowsJoined")).longValue());
        assertTrue(((Number) manifest.getSource().get("rowsWithoutUserFeatures")).longValue() > 0);
        assertTrue(((Number) manifest.getSource().get("rowsWithoutItemFeatures")).longValue() > 0);
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int f = 0; f < fields.size(); f++) {
            Map<String, Integer> c = new HashMap<>();
            for (Expected e : expected) {
                if (e.split == Split.TRAIN && e.raw[f] != null) {
                    c.merge(e.raw[f], 1, Integer::sum);
                }
            }
            counts.add(c);
        }
        PreparedStore store = PreparedStore.open(temp.resolve("store"));
        List<Vocabulary> vocabularies = new ArrayList<>();
        for (String field : fields) {
            vocabularies.add(Vocabulary.load(store, field));
        }
        assertEquals(1, vocabularies.get(fields.indexOf("keyword_token")).id(""));
        assertEquals(1, vocabularies.get(fields.indexOf("search_source")).id(""));
        long zeros = 0;
        for (Split split : Split.values()) {
            StoreSplit columns = store.split(split);
            int r = 0;
            for (Expected e : expected) {
                if (e.split != split) {
                    continue;
                }
                assertEquals(e.scenario, columns.scenario().getInt(r));
                for (int t = 0; t < 3; t++) {
                    assertEquals(
                            e.labels[t], columns.label(t).getByte(r), "label " + t + " row " + r);
                    assertEquals(e.masks[t], columns.mask(t).getByte(r), "mask " + t + " row " + r);
                }
                for (int f = 0; f < fields.size(); f++) {
                    int id = columns.sparse(f).getInt(r);
                    String value = e.raw[f];
                    if (id == 0) {
                        zeros++;
                        assertTrue(
                                value == null || counts.get(f).getOrDefault(value, 0) < MIN_COUNT,
                                fields.get(f) + " '" + value + "' got 0");
                    } else {
                        assertEquals(value, vocabularies.get(f).value(id), fields.get(f));
                        assertTrue(value.isEmpty() || counts.get(f).get(value) >= MIN_COUNT);
                    }
                }
                r++;
            }
            assertEquals(columns.rows(), r);
        }
        assertTrue(zeros > 0, "some values are rare or missing");
    }

    @Test
    void headerOrderDoesNotMatterAndMaskModeMasks(@TempDir Path temp) throws IOException {
        Path input = temp.resolve("in");
        Files.createDirectories(input);
        for (String name :
                List.of(
                        "rec_inter.csv",
                        "src_inter.csv",
                        "user_features.csv",
                        "item_features.csv")) {
            List<Map<String, String>> rows = SimpleCsv.read(raw.resolve(name));
            List<String> columns = new ArrayList<>(rows.get(0).keySet());
            columns.remove("#line");
            Collections.reverse(columns);
            SimpleCsv.write(input.resolve(name), columns, rows);
        }
        StoreManifest a = prepare(raw, temp.resolve("a"), KuaisarPreparer.SearchLabels.JOIN);
        StoreManifest b = prepare(input, temp.resolve("b"), KuaisarPreparer.SearchLabels.JOIN);
        for (Split split : Split.values()) {
            for (StoreManifest.ColumnInfo column : a.split(split).getColumns()) {
                assertArrayEquals(
                        Files.readAllBytes(
                                temp.resolve("a/" + split.key()).resolve(column.getFile())),
                        Files.readAllBytes(
                                temp.resolve("b/" + split.key()).resolve(column.getFile())),
                        column.getName());
            }
        }
        StoreManifest masked = prepare(raw, temp.resolve("m"), KuaisarPreparer.SearchLabels.MASK);
        for (Split split : Split.values()) {
            assertEquals(0, masked.split(split).labelled("like")[0]);
            assertEquals(0, masked.split(split).labelled("share")[0]);
            assertTrue(masked.split(split).labelled("like")[1] > 0);
            assertEquals(a.split(split).getRows(), masked.split(split).getRows());
        }
    }

    @Test
    void vocabularyCap(@TempDir Path temp) throws IOException {
        StoreManifest manifest =
                KuaisarPreparer.builder()
                        .setInput(raw)
                        .setOutput(temp.resolve("store"))
                        .optMinCount(1)
                        .optMaxVocab(50)
                        .build()
                        .prepare();
        for (int size : manifest.vocabularySizes()) {
            assertTrue(size <= 50, "size " + size);
        }
        assertEquals(50, manifest.vocabularySizes()[1]); // item_id has far more than 49 values
    }

    private static Path copy(Path temp, String file, UnaryOperator<List<String>> edit)
            throws IOException {
        Path input = temp.resolve("in");
        Files.createDirectories(input);
        for (String name :
                List.of(
                        "rec_inter.csv",
                        "src_inter.csv",
                        "user_features.csv",
                        "item_features.csv")) {
            List<String> lines = Files.readAllLines(raw.resolve(name), StandardCharsets.UTF_8);
            if (name.equals(file)) {
                lines = edit.apply(new ArrayList<>(lines));
            }
            Files.write(input.resolve(name), lines, StandardCharsets.UTF_8);
        }
        return input;
    }

    private static DataException fails(Path temp, String file, UnaryOperator<List<String>> edit)
            throws IOException {
        Path input = copy(temp, file, edit);
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                prepare(
                                        input,
                                        temp.resolve("store"),
                                        KuaisarPreparer.SearchLabels.JOIN));
        assertTrue(e.getMessage().startsWith(input.resolve(file).toString() + ":"), e.getMessage());
        assertTrue(Files.notExists(temp.resolve("store")));
        return e;
    }

    private static int columnOf(String file, String name) throws IOException {
        List<String> header = List.of(Files.readAllLines(raw.resolve(file)).get(0).split(","));
        return header.indexOf(name) + 1;
    }

    private static UnaryOperator<List<String>> cell(int line, int column, String value) {
        return lines -> {
            String[] cells = lines.get(line - 1).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
            cells[column - 1] = value;
            lines.set(line - 1, String.join(",", cells));
            return lines;
        };
    }

    @Test
    void badIdInRecommendations(@TempDir Path temp) throws IOException {
        int column = columnOf("rec_inter.csv", "user_id");
        DataException e = fails(temp, "rec_inter.csv", cell(8, column, "u-12"));
        assertEquals(8, e.getLine());
        assertEquals(column, e.getColumn());
        assertEquals(ErrorReason.BAD_ID, e.getReason());
        assertTrue(e.getMessage().contains("'user_id'"), e.getMessage());
    }

    @Test
    void badTimestampAndClickCount(@TempDir Path temp) throws IOException {
        int column = columnOf("rec_inter.csv", "timestamp");
        DataException e = fails(temp.resolve("a"), "rec_inter.csv", cell(4, column, "yesterday"));
        assertEquals(4, e.getLine());
        assertEquals(column, e.getColumn());
        assertEquals(ErrorReason.BAD_TIMESTAMP, e.getReason());
        int click = columnOf("src_inter.csv", "click_cnt");
        e = fails(temp.resolve("b"), "src_inter.csv", cell(6, click, "-1"));
        assertEquals(6, e.getLine());
        assertEquals(click, e.getColumn());
        assertEquals(ErrorReason.BAD_LABEL, e.getReason());
    }

    @Test
    void unclosedQuoteAndMissingColumn(@TempDir Path temp) throws IOException {
        DataException e =
                fails(
                        temp.resolve("a"),
                        "item_features.csv",
                        lines -> {
                            lines.add("99999,\"never closed caption");
                            return lines;
                        });
        assertEquals(ErrorReason.BAD_QUOTE, e.getReason());
        e =
                fails(
                        temp.resolve("b"),
                        "src_inter.csv",
                        lines -> {
                            lines.set(0, lines.get(0).replace("click_cnt", "clicks"));
                            return lines;
                        });
        assertEquals(0, e.getLine());
        assertTrue(
                e.getMessage().contains(":1: missing required column 'click_cnt'"), e.getMessage());
        assertNull(e.getReason());
    }

    @Test
    void skipModeCountsBadRows(@TempDir Path temp) throws IOException {
        int column = columnOf("rec_inter.csv", "item_id");
        Path input = copy(temp, "rec_inter.csv", cell(10, column, "x"));
        StoreManifest manifest =
                KuaisarPreparer.builder()
                        .setInput(input)
                        .setOutput(temp.resolve("store"))
                        .optErrorPolicy(ErrorPolicy.SKIP)
                        .build()
                        .prepare();
        assertEquals(1, manifest.getErrors().getSkippedTotal());
        assertEquals(1L, manifest.getErrors().getSkipped().get("bad-id"));
    }

    private static final class Expected {
        Split split;
        String[] raw;
        int scenario;
        int[] labels;
        int[] masks;
    }

    private static int flag(String value) {
        return Integer.parseInt(value) > 0 ? 1 : 0;
    }

    private static Map<String, Map<String, String>> byKey(Path file, String key)
            throws IOException {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (Map<String, String> row : SimpleCsv.read(file)) {
            out.put(row.get(key), row);
        }
        return out;
    }

    private static String[] rawValues(
            List<String> fields,
            Map<String, String> row,
            boolean search,
            Map<String, Map<String, String>> users,
            Map<String, Map<String, String>> items) {
        String[] out = new String[fields.size()];
        Map<String, String> user = users.get(row.get("user_id"));
        Map<String, String> item = items.get(row.get("item_id"));
        for (int f = 0; f < out.length; f++) {
            String field = fields.get(f);
            String value;
            switch (field) {
                case "user_id":
                case "item_id":
                    value = row.get(field);
                    break;
                case "search_source":
                    value = search ? row.get(field) : "";
                    break;
                case "keyword_token":
                    value =
                            search
                                    ? row.get("keyword").replaceAll("^\\[\\s*([^,\\] ]*).*$", "$1")
                                    : "";
                    break;
                case "hour":
                    long ms =
                            Long.parseLong(
                                    row.get(search ? "search_session_timestamp" : "timestamp"));
                    value = Long.toString((ms / 1000 + 8 * 3600) / 3600 % 24);
                    break;
                default:
                    Map<String, String> side =
                            KuaisarSchema.ITEM_FEATURES.contains(field) ? item : user;
                    value = side == null ? null : side.get(field);
            }
            out[f] =
                    value == null
                                    || value.isEmpty()
                                            && !(field.equals("search_source")
                                                    || field.equals("keyword_token"))
                            ? null
                            : value;
        }
        return out;
    }
}
