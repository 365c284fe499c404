/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RocAucTest {

    /** The definition: over all (positive, negative) pairs, 1 if ordered, 1/2 if tied. */
    private static double bruteForce(float[] scores, float[] labels) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            if (labels[i] != 1f) {
                continue;
            }
            for (int j = 0; j < scores.length; j++) {
                if (labels[j] != 0f) {
                    continue;
                }
                pairs++;
                if (scores[i] > scores[j]) {
                    wins += 1;
                } else if (scores[i] == scores[j]) {
                    wins += 0.5;
                }
            }
        }
        return wins / pairs;
    }

    @Test
    void handComputedWithTies() {
        // Positives 0.8, 0.5; negatives 0.5, 0.2: pairs (0.8>0.5)=1, (0.8>0.2)=1, (0.5=0.5)=0.5,
        // (0.5>0.2)=1 -> 3.5 / 4.
        float[] scores = {0.8f, 0.5f, 0.5f, 0.2f};
        float[] labels = {1, 1, 0, 0};
        assertEquals(0.875, RocAuc.of(scores, labels), 1e-12);
    }

    @Test
    void matchesPairCountOnRandomDataWithManyTies() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + random.nextInt(400);
            float[] scores = new float[n];
            float[] labels = new float[n];
            for (int i = 0; i < n; i++) {
                // Few distinct values, both signs and both zeros: ties everywhere.
                scores[i] = (random.nextInt(9) - 4) * 0.25f;
                if (scores[i] == 0f && random.nextBoolean()) {
                    scores[i] = -0f;
                }
                labels[i] = random.nextDouble() < 0.3 + 0.05 * scores[i] ? 1f : 0f;
            }
            labels[0] = 1f;
            labels[1] = 0f;
            assertEquals(bruteForce(scores, labels), RocAuc.of(scores, labels), 1e-12);
        }
    }

    @Test
    void oneClassHasNoAuc() {
        assertTrue(Double.isNaN(RocAuc.of(new float[] {0.1f, 0.9f}, new float[] {1, 1})));
        assertTrue(Double.isNaN(RocAuc.of(new float[] {0.1f, 0.9f}, new float[] {0, 0})));
    }

    @Test
    void nanScoreIsAnError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> RocAuc.of(new float[] {Float.NaN}, new float[] {1}));
        assertTrue(e.getMessage().contains("NaN"));
    }

    @Test
    void accumulatorGroupsPooledAndLogLoss() {
        Random random = new Random(11);
        int rows = 3000;
        int tasks = 2;
        float[] logits = new float[rows * tasks];
        float[] labels = new float[rows * tasks];
        float[] mask = new float[rows * tasks];
        int[] scenario = new int[rows];
        for (int b = 0; b < rows; b++) {
            scenario[b] = random.nextInt(3);
            for (int t = 0; t < tasks; t++) {
                int i = b * tasks + t;
                logits[i] = Math.round(random.nextGaussian() * 4) / 4f;
                labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-logits[i])) ? 1 : 0;
                mask[i] = random.nextDouble() < 0.9 ? 1 : 0;
                // Scenario 2 of task 1 has only negatives: no AUC.
                if (scenario[b] == 2 && t == 1) {
                    labels[i] = 0;
                }
            }
        }
        MetricsAccumulator accumulator =
                new MetricsAccumulator(List.of("a", "b", "c"), List.of("click", "buy"));
        // Two batches, to cover growth and accumulation.
        int half = rows / 2;
        accumulator.add(
                java.util.Arrays.copyOfRange(logits, 0, half * tasks),
                java.util.Arrays.copyOfRange(labels, 0, half * tasks),
                java.util.Arrays.copyOfRange(mask, 0, half * tasks),
                java.util.Arrays.copyOfRange(scenario, 0, half));
        accumulator.add(
                java.util.Arrays.copyOfRange(logits, half * tasks, rows * tasks),
                java.util.Arrays.copyOfRange(labels, half * tasks, rows * tasks),
                java.util.Arrays.copyOfRange(mask, half * tasks, rows * tasks),
                java.util.Arrays.copyOfRange(scenario, half, rows));
        EvaluationResult result = accumulator.result();

        double allAucSum = 0;
        double lossSum = 0;
        long pairs = 0;
        double groupAucSum = 0;
        int groupAucs = 0;
        for (int t = 0; t < tasks; t++) {
            Selection pooled = select(logits, labels, mask, scenario, tasks, -1, t);
            allAucSum += bruteForce(pooled.scores, pooled.labels);
            assertEquals(
                    bruteForce(pooled.scores, pooled.labels), result.getTaskAuc().get(t), 1e-12);
            for (int s = 0; s < 3; s++) {
                Selection group = select(logits, labels, mask, scenario, tasks, s, t);
                GroupMetrics metrics = result.group(s, t);
                assertEquals(group.scores.length, metrics.getN());
                long positives = 0;
                double loss = 0;
                for (int i = 0; i < group.scores.length; i++) {
                    positives += (long) group.labels[i];
                    double p = 1 / (1 + Math.exp(-group.scores[i]));
                    loss -= group.labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
                }
                assertEquals(positives, metrics.getPositives());
                assertEquals(loss / group.scores.length, metrics.getLogLoss(), 1e-9);
                lossSum += loss;
                pairs += group.scores.length;
                if (s == 2 && t == 1) {
                    assertNull(metrics.getAuc(), "one class: no AUC");
                } else {
                    double expected = bruteForce(group.scores, group.labels);
                    assertEquals(expected, metrics.getAuc(), 1e-12);
                    groupAucSum += expected;
                    groupAucs++;
                }
            }
        }
        assertEquals(allAucSum / tasks, result.getAllAuc(), 1e-12);
        assertEquals(groupAucSum / groupAucs, result.getMeanGroupAuc(), 1e-12);
        assertEquals(lossSum / pairs, result.getLogLoss(), 1e-9);
        assertEquals(pairs, result.getLabelledPairs());
    }

    private static final class Selection {
        float[] scores;
        float[] labels;
    }

    private static Selection select(
            float[] logits, float[] labels, float[] mask, int[] scenario, int tasks, int s, int t) {
        int count = 0;
        for (int b = 0; b < scenario.length; b++) {
            if ((s < 0 || scenario[b] == s) && mask[b * tasks + t] == 1) {
                count++;
            }
        }
        Selection selection = new Selection();
        selection.scores = new float[count];
        selection.labels = new float[count];
        int k = 0;
        for (int b = 0; b < scenario.length; b++) {
            if ((s < 0 || scenario[b] == s) && mask[b * tasks + t] == 1) {
                selection.scores[k] = logits[b * tasks + t];
                selection.labels[k++] = labels[b * tasks + t];
            }
        }
        return selection;
    }
}
