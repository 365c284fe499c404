/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.aliccp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sapenet.data.TestData;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.source.SplitPolicy;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.store.StoreSplit;

class AliccpPreparerTest {

    @TempDir Path temp;

    /** Prepares the real samples and checks counts, rates, vocabularies and every value. */
    @ParameterizedTest
    @ValueSource(strings = {"torch-rechub", "scenario-wise-rec"})
    void samplesPrepareToIndependentCounts(String sample) throws IOException {
        Path input = TestData.aliccpSamples(sample);
        Path store = temp.resolve("store");
        StoreManifest manifest =
                AliccpPreparer.builder().setInput(input).setOutput(store).build().prepare();

        int[] maxIds = new int[AliccpSchema.SPARSE_FIELDS.size()];
        PreparedStore opened = PreparedStore.open(store);
        for (Split split : Split.values()) {
            List<String[]> csv =
                    TestData.readCsv(input.resolve("ali_ccp_" + split.key() + "_sample.csv"));
            String[] header = csv.get(0);
            List<String[]> rows = csv.subList(1, csv.size());
            long[] perScenario = new long[3];
            long[][] positives = new long[2][3];
            for (String[] row : rows) {
                int s = Integer.parseInt(row[TestData.column(header, "301")]) - 1;
                perScenario[s]++;
                positives[0][s] += Integer.parseInt(row[TestData.column(header, "click")]);
                positives[1][s] += Integer.parseInt(row[TestData.column(header, "purchase")]);
                for (int f = 0; f < maxIds.length; f++) {
                    String name = AliccpSchema.SPARSE_FIELDS.get(f);
                    maxIds[f] =
                            Math.max(
                                    maxIds[f],
                                    Integer.parseInt(row[TestData.column(header, name)]));
                }
            }
            StoreManifest.SplitInfo info = manifest.split(split);
            assertEquals(rows.size(), info.getRows(), split.key());
            assertArrayEquals(perScenario, info.getRowsPerScenario(), split.key());
            assertArrayEquals(positives[0], info.positives("click"));
            assertArrayEquals(positives[1], info.positives("purchase"));
            assertArrayEquals(perScenario, info.labelled("click"), "mask is all ones");
            double clickRate =
                    (double) (positives[0][0] + positives[0][1] + positives[0][2]) / rows.size();
            assertEquals(clickRate, info.getLabelRate().get("click"), 1e-12);

            StoreSplit columns = opened.split(split);
            for (int r = 0; r < rows.size(); r++) {
                String[] row = rows.get(r);
                for (int f = 0; f < maxIds.length; f++) {
                    String name = AliccpSchema.SPARSE_FIELDS.get(f);
                    assertEquals(
                            Integer.parseInt(row[TestData.column(header, name)]),
                            columns.sparse(f).getInt(r));
                }
                for (int f = 0; f < AliccpSchema.DENSE_FIELDS.size(); f++) {
                    String name = AliccpSchema.DENSE_FIELDS.get(f);
                    assertEquals(
                            Float.parseFloat(row[TestData.column(header, name)]),
                            columns.dense(f).getFloat(r));
                }
                assertEquals(
                        Integer.parseInt(row[TestData.column(header, "301")]) - 1,
                        columns.scenario().getInt(r));
                assertEquals(
                        Integer.parseInt(row[TestData.column(header, "click")]),
                        columns.label(0).getByte(r));
                assertEquals(1, columns.mask(1).getByte(r));
            }
        }
        int[] vocab = manifest.vocabularySizes();
        for (int f = 0; f < maxIds.length; f++) {
            assertEquals(maxIds[f] + 1, vocab[f], AliccpSchema.SPARSE_FIELDS.get(f));
        }
        assertEquals(0, manifest.getErrors().getSkippedTotal());
    }

    /** Columns are matched by header name: a permuted file prepares to the same columns. */
    @Test
    void columnOrderDoesNotMatter() throws IOException {
        Path input = TestData.aliccpSamples("scenario-wise-rec");
        Path shuffled = temp.resolve("shuffled");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < AliccpSchema.HEADER.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(7));
        for (Split split : Split.values()) {
            List<String> lines = new ArrayList<>();
            for (String[] row :
                    TestData.readCsv(input.resolve("ali_ccp_" + split.key() + "_sample.csv"))) {
                List<String> cells = new ArrayList<>();
                for (int i : order) {
                    cells.add(row[i]);
                }
                lines.add(String.join(",", cells));
            }
            TestData.write(shuffled.resolve("ali_ccp_" + split.key() + ".csv"), lines);
        }
        StoreManifest a =
                AliccpPreparer.builder()
                        .setInput(input)
                        .setOutput(temp.resolve("a"))
                        .build()
                        .prepare();
        StoreManifest b =
                AliccpPreparer.builder()
                        .setInput(shuffled)
                        .setOutput(temp.resolve("b"))
                        .build()
                        .prepare();
        for (Split split : Split.values()) {
            for (int c = 0; c < a.split(split).getColumns().size(); c++) {
                assertEquals(
                        a.split(split).getColumns().get(c).getCrc32c(),
                        b.split(split).getColumns().get(c).getCrc32c());
            }
        }
    }

    /** --train/--val/--test name files anywhere; relative names resolve against the input. */
    @Test
    void namedFiles() throws IOException {
        Path input = TestData.aliccpSamples("torch-rechub");
        StoreManifest manifest =
                AliccpPreparer.builder()
                        .setInput(input)
                        .optFile(Split.TRAIN, Path.of("ali_ccp_test_sample.csv"))
                        .optFile(Split.VAL, input.resolve("ali_ccp_val_sample.csv"))
                        .optFile(Split.TEST, Path.of("ali_ccp_train_sample.csv"))
                        .setOutput(temp.resolve("named"))
                        .build()
                        .prepare();
        assertEquals(50, manifest.split(Split.TRAIN).getRows());
        assertEquals(100, manifest.split(Split.TEST).getRows());
    }

    /** Without a val file, the official split halves the test file into val and test. */
    @Test
    void officialSplitHalvesTestWithoutVal() throws IOException {
        Path input = temp.resolve("two");
        List<String> test = new ArrayList<>();
        List<String[]> sample =
                TestData.readCsv(
                        TestData.aliccpSamples("torch-rechub").resolve("ali_ccp_train_sample.csv"));
        for (String[] row : sample) {
            test.add(String.join(",", row));
        }
        for (int copy = 0; copy < 9; copy++) {
            for (String[] row : sample.subList(1, sample.size())) {
                test.add(String.join(",", row));
            }
        }
        TestData.write(input.resolve("ali_ccp_test.csv"), test);
        Files.copy(
                TestData.aliccpSamples("torch-rechub").resolve("ali_ccp_train_sample.csv"),
                input.resolve("ali_ccp_train.csv"));
        StoreManifest manifest =
                AliccpPreparer.builder()
                        .setInput(input)
                        .setOutput(temp.resolve("halved"))
                        .build()
                        .prepare();
        assertEquals(100, manifest.split(Split.TRAIN).getRows());
        long val = manifest.split(Split.VAL).getRows();
        assertEquals(1000, val + manifest.split(Split.TEST).getRows());
        assertEquals(500, val, 60);
        assertEquals(Boolean.TRUE, manifest.getSource().get("valFromTest"));
    }

    /** The random split streams: deterministic for a seed, about 8:1:1, every row kept once. */
    @Test
    void randomSplitIsSeededAndComplete() throws IOException {
        Path input = temp.resolve("in");
        List<String> train = new ArrayList<>();
        train.add(String.join(",", AliccpSchema.HEADER));
        List<String[]> sample =
                TestData.readCsv(
                        TestData.aliccpSamples("scenario-wise-rec")
                                .resolve("ali_ccp_train_sample.csv"));
        for (int copy = 0; copy < 100; copy++) {
            for (int r = 1; r < sample.size(); r++) {
                String[] row = sample.get(r).clone();
                row[TestData.column(sample.get(0), "205")] = Integer.toString(copy * 1000 + r);
                train.add(String.join(",", row));
            }
        }
        TestData.write(input.resolve("ali_ccp_train.csv"), train);
        Files.copy(
                TestData.aliccpSamples("torch-rechub").resolve("ali_ccp_val_sample.csv"),
                input.resolve("ali_ccp_val.csv"));
        Files.copy(
                TestData.aliccpSamples("torch-rechub").resolve("ali_ccp_test_sample.csv"),
                input.resolve("ali_ccp_test.csv"));
        long total = 10000 + 50 + 50;
        StoreManifest a = randomSplit(input, "a", 2024);
        StoreManifest b = randomSplit(input, "b", 2024);
        StoreManifest c = randomSplit(input, "c", 7);
        long sum = 0;
        for (Split split : Split.values()) {
            sum += a.split(split).getRows();
            for (int col = 0; col < a.split(split).getColumns().size(); col++) {
                assertEquals(
                        a.split(split).getColumns().get(col).getCrc32c(),
                        b.split(split).getColumns().get(col).getCrc32c());
            }
        }
        assertEquals(total, sum);
        assertEquals(0.8, a.split(Split.TRAIN).getRows() / (double) total, 0.02);
        assertEquals(0.1, a.split(Split.VAL).getRows() / (double) total, 0.015);
        assertNotEquals(
                a.split(Split.TRAIN).getColumns().get(11).getCrc32c(),
                c.split(Split.TRAIN).getColumns().get(11).getCrc32c());
        assertEquals("random", a.getSource().get("split"));
        assertTrue(
                Files.readString(temp.resolve("a").resolve("manifest.json"), StandardCharsets.UTF_8)
                        .contains("\"seed\": 2024"));
    }

    private StoreManifest randomSplit(Path input, String name, long seed) throws IOException {
        return AliccpPreparer.builder()
                .setInput(input)
                .setOutput(temp.resolve(name))
                .optSplitPolicy(SplitPolicy.random(seed))
                .build()
                .prepare();
    }
}
