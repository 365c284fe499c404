/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.basicdataset.tabular.CsvDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.source.SplitPolicy;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.SourceFormat;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.store.StoreSplit;

/** A DJL CsvDataset, described with its features and labels, becomes a store. */
class TabularStorePreparerTest {

    private static final int ROWS = 60;
    private static final long SEED = 11;

    @TempDir Path temp;

    /** Row r of the test data: user, item, scen, price, click, buy. */
    private static String[] row(int r, int newUserRow) {
        return new String[] {
            r == newUserRow ? "new-user" : "u" + (r % 7),
            r == 5 ? "" : "i" + (r % 3),
            r % 2 == 0 ? "a" : "b",
            Double.toString(r * 1.5),
            r % 3 == 0 ? "1" : "0",
            r == 10 ? "" : r % 5 == 0 ? "1.0" : "false"
        };
    }

    private static Split splitOf(int r) {
        return SplitPolicy.random(SEED).assign(Split.TRAIN, 0, r + 1);
    }

    private static int firstNotTrain() {
        for (int r = 0; r < ROWS; r++) {
            if (splitOf(r) != Split.TRAIN) {
                return r;
            }
        }
        throw new AssertionError("every row in train");
    }

    private CsvDataset dataset(Path csv) {
        return CsvDataset.builder()
                .optCsvFile(csv)
                .setCsvFormat(
                        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())
                .addCategoricalFeature("user")
                .addCategoricalFeature("item")
                .addCategoricalFeature("scen")
                .addNumericFeature("price")
                .addNumericLabel("click")
                .addNumericLabel("buy")
                .setSampling(16, false)
                .build();
    }

    private Path writeCsv(String name, int newUserRow, int badRow) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("user,item,scen,price,click,buy");
        for (int r = 0; r < ROWS; r++) {
            String[] cells = row(r, newUserRow);
            if (r == badRow) {
                cells[4] = "2";
            }
            lines.add(String.join(",", cells));
        }
        Path csv = temp.resolve(name);
        Files.write(csv, lines);
        return csv;
    }

    @Test
    void featuresBecomeFieldsLabelsTasksAndTheScenarioColumnPicksTheScenario() throws IOException {
        int newUserRow = firstNotTrain();
        TabularStorePreparer preparer =
                TabularStorePreparer.builder()
                        .setDataset(dataset(writeCsv("rows.csv", newUserRow, -1)))
                        .setScenario("scen", "a", "b")
                        .setOutput(temp.resolve("store"))
                        .optSeed(SEED)
                        .build();
        assertEquals(List.of("user", "item", "scen"), preparer.getSparseFields());
        assertEquals(List.of("price"), preparer.getDenseFields());
        StoreManifest manifest = preparer.prepare();
        assertEquals(SourceFormat.DJL_TABULAR, manifest.getSourceFormat());

        PreparedStore store = PreparedStore.open(temp.resolve("store"));
        assertEquals(List.of("click", "buy"), store.getSchema().getTasks());
        assertEquals(List.of("a", "b"), store.getSchema().getScenarios());

        // Vocabularies from the training rows only: 7 users, 3 items, 2 scenario values, plus id 0.
        Set<String> trainUsers = new HashSet<>();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < ROWS; r++) {
            if (splitOf(r) == Split.TRAIN) {
                trainUsers.add(row(r, newUserRow)[0]);
                min = Math.min(min, r * 1.5f);
                max = Math.max(max, r * 1.5f);
            }
        }
        assertEquals(trainUsers.size() + 1, store.vocabularySizes()[0]);
        assertEquals(4, store.vocabularySizes()[1]);
        assertEquals(3, store.vocabularySizes()[2]);

        Map<String, Integer> userIds = new HashMap<>();
        int[] next = new int[Split.values().length];
        for (int r = 0; r < ROWS; r++) {
            String[] cells = row(r, newUserRow);
            StoreSplit split = store.split(splitOf(r));
            int i = next[splitOf(r).ordinal()]++;
            int user = split.sparse(0).getInt(i);
            if (r == newUserRow) {
                assertEquals(0, user, "a user seen only outside train is unknown");
            } else {
                assertTrue(user > 0, "row " + r);
                assertEquals(userIds.computeIfAbsent(cells[0], k -> user), user, "row " + r);
            }
            assertEquals(r == 5 ? 0 : 1, Math.min(1, split.sparse(1).getInt(i)), "row " + r);
            assertEquals(r % 2, split.scenario().getInt(i), "row " + r);
            float scaled = Math.max(0f, Math.min(1f, (r * 1.5f - min) / (max - min)));
            assertEquals(scaled, split.dense(0).getFloat(i), 1e-6, "row " + r);
            assertEquals(r % 3 == 0 ? 1 : 0, split.label(0).getByte(i), "row " + r);
            assertEquals(1, split.mask(0).getByte(i), "row " + r);
            assertEquals(r == 10 ? 0 : 1, split.mask(1).getByte(i), "row " + r);
            if (r != 10) {
                assertEquals(r % 5 == 0 ? 1 : 0, split.label(1).getByte(i), "row " + r);
            }
        }
        assertEquals(userIds.size(), new HashSet<>(userIds.values()).size(), "one id per user");
        for (Split s : Split.values()) {
            assertEquals(next[s.ordinal()], store.split(s).rows(), s.toString());
        }
        assertNotEquals(0, next[Split.TRAIN.ordinal()]);
    }

    @Test
    void aBadLabelNamesRowAndColumnOrIsSkippedAndCounted() throws IOException {
        Path csv = writeCsv("bad.csv", -1, 7);
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                TabularStorePreparer.builder()
                                        .setDataset(dataset(csv))
                                        .setScenario("scen", "a", "b")
                                        .setOutput(temp.resolve("fail"))
                                        .optSourceName("bad.csv")
                                        .build()
                                        .prepare());
        assertTrue(e.getMessage().contains("bad.csv:8"), e.getMessage());
        assertTrue(e.getMessage().contains("'click'"), e.getMessage());
        assertTrue(e.getMessage().contains("got '2'"), e.getMessage());
        assertTrue(Files.notExists(temp.resolve("fail")), "no store on failure");

        StoreManifest skipped =
                TabularStorePreparer.builder()
                        .setDataset(dataset(csv))
                        .setScenario("scen", "a", "b")
                        .setOutput(temp.resolve("skip"))
                        .optErrorPolicy(ErrorPolicy.SKIP)
                        .build()
                        .prepare();
        assertEquals(1, skipped.getErrors().getSkippedTotal());
        long stored = 0;
        PreparedStore store = PreparedStore.open(temp.resolve("skip"));
        for (Split s : Split.values()) {
            stored += store.split(s).rows();
        }
        assertEquals(ROWS - 1, stored);
    }

    @Test
    void anUnknownScenarioValueIsAnError() throws IOException {
        Path csv = writeCsv("rows.csv", -1, -1);
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                TabularStorePreparer.builder()
                                        .setDataset(dataset(csv))
                                        .setScenario("scen", "a")
                                        .setOutput(temp.resolve("one-scenario"))
                                        .build()
                                        .prepare());
        assertTrue(e.getMessage().contains("'scen'"), e.getMessage());
        assertTrue(e.getMessage().contains("[a]"), e.getMessage());
    }
}
