/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.TestData;
import org.sapenet.data.error.DataException;
import org.sapenet.data.schema.AliccpSchema;

class SyntheticAliccpTest {

    private static final int ROWS = 40_000;

    @TempDir static Path temp;

    private static OracleReport report;

    @BeforeAll
    static void write() throws IOException {
        report = SyntheticAliccp.write(temp.resolve("a"), ROWS, 11);
    }

    /** Exact AUC with mid-rank ties, by sorting (independent of the histogram in the code). */
    static double exactAuc(double[] scores, boolean[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (labels[order[k]]) {
                    rankSum += midRank;
                    positives++;
                }
            }
            i = j;
        }
        long negatives = n - positives;
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    @Test
    void exactAucOfTheTestIsRight() {
        // hand-checked: pairs (pos, neg): (0.8>0.3) (0.8>0.5) (0.5=0.5 half) (0.5>0.3) -> 3.5 / 4
        double auc =
                exactAuc(
                        new double[] {0.3, 0.5, 0.5, 0.8},
                        new boolean[] {false, false, true, true});
        assertEquals(3.5 / 4, auc, 1e-15);
    }

    /** The reported oracle AUC equals a direct computation from the probability files. */
    @Test
    void oracleMatchesProbabilityFiles() throws IOException {
        Path dir = temp.resolve("a");
        JsonObject oracle =
                JsonParser.parseString(
                                Files.readString(
                                        dir.resolve(SyntheticAliccp.ORACLE_FILE),
                                        StandardCharsets.UTF_8))
                        .getAsJsonObject()
                        .getAsJsonObject("oracleAuc");
        for (int split = 0; split < 3; split++) {
            String name = OracleReport.SPLITS.get(split);
            List<String[]> data = TestData.readCsv(dir.resolve(SyntheticAliccp.dataFile(name)));
            List<String[]> truth = TestData.readCsv(dir.resolve(SyntheticAliccp.truthFile(name)));
            assertEquals(data.size(), truth.size(), "one truth line per data row");
            assertArrayEquals(AliccpSchema.HEADER.toArray(), data.get(0));
            int scenarioColumn = TestData.column(data.get(0), "301");
            for (int task = 0; task < 2; task++) {
                for (int s = -1; s < 3; s++) {
                    int n = 0;
                    for (int r = 1; r < data.size(); r++) {
                        if (s < 0 || Integer.parseInt(data.get(r)[scenarioColumn]) == s + 1) {
                            n++;
                        }
                    }
                    double[] scores = new double[n];
                    boolean[] labels = new boolean[n];
                    int at = 0;
                    for (int r = 1; r < data.size(); r++) {
                        if (s < 0 || Integer.parseInt(data.get(r)[scenarioColumn]) == s + 1) {
                            scores[at] = Float.parseFloat(truth.get(r)[task]);
                            labels[at++] = data.get(r)[task].equals("1");
                        }
                    }
                    double expected = exactAuc(scores, labels);
                    double reported =
                            s < 0 ? report.overallAuc(split, task) : report.auc(split, s, task);
                    assertEquals(expected, reported, 1e-12, name + " task " + task + " s " + s);
                    String cell = s < 0 ? "all" : "scenario " + (s + 1);
                    double inJson =
                            oracle.getAsJsonObject(name)
                                    .getAsJsonObject(OracleReport.TASKS.get(task))
                                    .getAsJsonObject(cell)
                                    .get("auc")
                                    .getAsDouble();
                    assertEquals(expected, inJson, 1e-12);
                }
            }
        }
    }

    /** AliCCP-like: split 2:1:1, a ~1% scenario, CTR a few %, purchase only after click. */
    @Test
    void dataLooksLikeAliccp() throws IOException {
        Path dir = temp.resolve("a");
        long[] rows = new long[3];
        long clicks = 0;
        long purchases = 0;
        long[] scenarios = new long[3];
        for (int split = 0; split < 3; split++) {
            List<String[]> data =
                    TestData.readCsv(
                            dir.resolve(SyntheticAliccp.dataFile(OracleReport.SPLITS.get(split))));
            rows[split] = data.size() - 1;
            for (String[] row : data.subList(1, data.size())) {
                assertEquals(33, row.length);
                clicks += Integer.parseInt(row[0]);
                purchases += Integer.parseInt(row[1]);
                assertFalse(row[0].equals("0") && row[1].equals("1"), "purchase without click");
                scenarios[Integer.parseInt(row[20]) - 1]++;
            }
        }
        assertArrayEquals(new long[] {ROWS / 2, ROWS / 4, ROWS / 4}, rows);
        double ctr = clicks / (double) ROWS;
        double cvr = purchases / (double) clicks;
        assertTrue(ctr > 0.02 && ctr < 0.08, "CTR " + ctr);
        assertTrue(cvr > 0.03 && cvr < 0.2, "CVR " + cvr);
        assertEquals(0.01, scenarios[1] / (double) ROWS, 0.003);
        assertTrue(report.overallAuc(0, 0) > 0.65 && report.overallAuc(0, 0) < 0.85);
    }

    /** The balanced profile: 0.40/0.20/0.40, a click rate near 25%, a purchase rate near 11%. */
    @Test
    void balancedProfileMakesEveryScenarioMeasurable() throws IOException {
        Path dir = temp.resolve("balanced");
        OracleReport balanced =
                SyntheticAliccp.write(dir, ROWS, 11, false, SyntheticProfile.BALANCED);
        assertEquals(SyntheticProfile.BALANCED, balanced.getProfile());
        assertEquals(SyntheticProfile.ALICCP, report.getProfile());
        long clicks = 0;
        long purchases = 0;
        long[] scenarios = new long[3];
        for (String split : OracleReport.SPLITS) {
            List<String[]> data = TestData.readCsv(dir.resolve(SyntheticAliccp.dataFile(split)));
            for (String[] row : data.subList(1, data.size())) {
                clicks += Integer.parseInt(row[0]);
                purchases += Integer.parseInt(row[1]);
                scenarios[Integer.parseInt(row[20]) - 1]++;
            }
        }
        assertEquals(0.40, scenarios[0] / (double) ROWS, 0.02);
        assertEquals(0.20, scenarios[1] / (double) ROWS, 0.02);
        assertEquals(0.25, clicks / (double) ROWS, 0.05);
        assertEquals(0.11, purchases / (double) ROWS, 0.03);
        String json = Files.readString(dir.resolve(SyntheticAliccp.ORACLE_FILE));
        assertTrue(json.contains("\"profile\": \"balanced\""), json);
        // The same users, items and effects: the oracle still ranks far better than a coin.
        assertTrue(balanced.auc(2, 1, 0) > 0.6, "scenario 2 click " + balanced.auc(2, 1, 0));
        assertEquals(SyntheticProfile.BALANCED, SyntheticProfile.of("Balanced"));
        assertThrows(IllegalArgumentException.class, () -> SyntheticProfile.of("kuaisar"));
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherData() throws IOException {
        SyntheticAliccp.write(temp.resolve("b"), 2000, 11);
        SyntheticAliccp.write(temp.resolve("c"), 2000, 11);
        SyntheticAliccp.write(temp.resolve("d"), 2000, 12);
        for (String file : List.of("ali_ccp_train.csv", "ali_ccp_test_truth.csv")) {
            byte[] b = Files.readAllBytes(temp.resolve("b").resolve(file));
            assertArrayEquals(b, Files.readAllBytes(temp.resolve("c").resolve(file)));
            assertFalse(Arrays.equals(b, Files.readAllBytes(temp.resolve("d").resolve(file))));
        }
    }

    @Test
    void existingFilesAreNotReplacedWithoutForce() throws IOException {
        Path dir = temp.resolve("e");
        SyntheticAliccp.write(dir, 100, 1);
        DataException e =
                assertThrows(DataException.class, () -> SyntheticAliccp.write(dir, 100, 2));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        SyntheticAliccp.write(dir, 100, 2, true);
    }
}
