/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.sapenet.data.error.DataException;
import org.sapenet.train.metrics.EvaluationResult;
import scala.Tuple2;

/**
 * Exact metrics of scored rows with labels, computed by Spark: per (scenario, task) the number of
 * labelled rows, positives, ROC-AUC (ties as mid-ranks) and LogLoss, per task the AUC pooled over
 * scenarios, and the summaries of {@code sapenet evaluate} (All AUC, mean group AUC, overall
 * LogLoss), in the same {@link EvaluationResult}.
 *
 * <p>The AUC is exact at any size without collecting rows: the (group, probability) pairs are
 * counted, sorted across partitions by Spark, each partition's negatives per group are summed, and
 * a second pass adds, for each probability value, its positives times the negatives ranked below it
 * (from the earlier partitions' sums) plus half the negatives tied with it.
 *
 * <p>It reads probabilities, not logits: the LogLoss is {@code -log p} or {@code -log(1 - p)} of
 * the stored float probability, clipped to [1e-15, 1 - 1e-15], so it equals {@code evaluate}'s
 * (which works on the logits) within float rounding; two logits whose probabilities round to the
 * same float tie here.
 */
public final class SparkEvaluation {

    private static final double EPS = 1e-15;

    private SparkEvaluation() {}

    /**
     * Evaluates scored rows.
     *
     * @param scored rows with {@code scenario}, {@code p_<task>} per task and a label column per
     *     task (text or numbers: above 0.5 is positive; empty or null is unlabelled and left out)
     * @param labelColumns the label column of a task, when not named as the task
     * @return the metrics; scenarios in sorted order, tasks in the order of the {@code p_} columns
     * @throws DataException when a column is missing or a label or probability is not a number
     */
    public static EvaluationResult evaluate(Dataset<Row> scored, Map<String, String> labelColumns) {
        List<String> tasks = new ArrayList<>();
        List<String> fields = List.of(scored.schema().fieldNames());
        for (String name : fields) {
            if (name.startsWith(SapenetSpark.PROBABILITY_PREFIX)) {
                tasks.add(name.substring(SapenetSpark.PROBABILITY_PREFIX.length()));
            }
        }
        if (tasks.isEmpty() || !fields.contains(SapenetSpark.SCENARIO_COLUMN)) {
            throw new DataException(
                    "The scored rows need a 'scenario' column and a p_<task> column per task, as"
                            + " spark-score writes them; found: "
                            + String.join(",", fields));
        }
        List<org.apache.spark.sql.Column> selected = new ArrayList<>();
        selected.add(org.apache.spark.sql.functions.col(SapenetSpark.SCENARIO_COLUMN));
        for (String task : tasks) {
            selected.add(
                    org.apache.spark.sql.functions.col(SapenetSpark.PROBABILITY_PREFIX + task));
        }
        for (String task : tasks) {
            String label = labelColumns.getOrDefault(task, task);
            if (!fields.contains(label)) {
                throw new DataException(
                        "The scored rows lack the label column '"
                                + label
                                + "' of task '"
                                + task
                                + "' (name another with --label "
                                + task
                                + "=COLUMN); found: "
                                + String.join(",", fields));
            }
            selected.add(org.apache.spark.sql.functions.col(label));
        }
        Dataset<Row> rows = scored.select(selected.toArray(new org.apache.spark.sql.Column[0]));
        List<String> scenarios = new ArrayList<>();
        for (Row r : rows.select(SapenetSpark.SCENARIO_COLUMN).distinct().collectAsList()) {
            scenarios.add(r.getString(0));
        }
        Collections.sort(scenarios);
        int s = scenarios.size();
        int t = tasks.size();
        int groups = s * t + t;
        Map<String, Integer> scenarioIndex = new HashMap<>();
        for (int i = 0; i < s; i++) {
            scenarioIndex.put(scenarios.get(i), i);
        }
        JavaSparkContext context =
                JavaSparkContext.fromSparkContext(scored.sparkSession().sparkContext());
        // Key: group in the high 32 bits, the probability's bits (ordered as the floats, p >= 0)
        // in the low 32; value: positives, negatives, summed loss.
        JavaPairRDD<Long, double[]> sorted =
                rows.javaRDD()
                        .flatMapToPair(row -> pairs(row, scenarioIndex, t))
                        .reduceByKey(SparkEvaluation::sum)
                        .sortByKey(true)
                        .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<Tuple2<Integer, double[]>> partTotals =
                    sorted.mapPartitionsWithIndex((index, it) -> totals(index, it, groups), true)
                            .collect();
            int partitions = sorted.getNumPartitions();
            double[][] below = new double[partitions][groups];
            double[] total = new double[3 * groups];
            List<Tuple2<Integer, double[]>> ordered = new ArrayList<>(partTotals);
            ordered.sort((a, b) -> Integer.compare(a._1, b._1));
            for (Tuple2<Integer, double[]> part : ordered) {
                int p = part._1;
                for (int g = 0; g < groups; g++) {
                    below[p][g] = total[3 * g + 1];
                }
                for (int i = 0; i < total.length; i++) {
                    total[i] += part._2[i];
                }
            }
            Broadcast<double[][]> offsets = context.broadcast(below);
            List<Tuple2<Integer, double[]>> numerators =
                    sorted.mapPartitionsWithIndex(
                                    (index, it) ->
                                            numerators(index, it, offsets.value()[index], groups),
                                    true)
                            .collect();
            double[] numerator = new double[groups];
            List<Tuple2<Integer, double[]>> byIndex = new ArrayList<>(numerators);
            byIndex.sort((a, b) -> Integer.compare(a._1, b._1));
            for (Tuple2<Integer, double[]> part : byIndex) {
                for (int g = 0; g < groups; g++) {
                    numerator[g] += part._2[g];
                }
            }
            long[] count = new long[s * t];
            long[] positives = new long[s * t];
            double[] loss = new double[s * t];
            double[] groupAuc = new double[s * t];
            double[] taskAuc = new double[t];
            for (int g = 0; g < groups; g++) {
                double pos = total[3 * g];
                double neg = total[3 * g + 1];
                double auc = pos == 0 || neg == 0 ? Double.NaN : numerator[g] / (pos * neg);
                if (g < s * t) {
                    count[g] = (long) (pos + neg);
                    positives[g] = (long) pos;
                    loss[g] = total[3 * g + 2];
                    groupAuc[g] = auc;
                } else {
                    taskAuc[g - s * t] = auc;
                }
            }
            return EvaluationResult.of(scenarios, tasks, count, positives, loss, groupAuc, taskAuc);
        } finally {
            sorted.unpersist(false);
        }
    }

    private static Iterator<Tuple2<Long, double[]>> pairs(
            Row row, Map<String, Integer> scenarioIndex, int tasks) {
        List<Tuple2<Long, double[]>> out = new ArrayList<>(2 * tasks);
        int s = scenarioIndex.get(row.getString(0));
        for (int t = 0; t < tasks; t++) {
            Object label = row.get(1 + tasks + t);
            if (label == null || label.toString().isEmpty()) {
                continue;
            }
            boolean positive = number(label, "label") > 0.5;
            float p = (float) number(row.get(1 + t), "probability") + 0f;
            if (!(p >= 0f && p <= 1f)) {
                throw new DataException("A probability outside [0, 1]: " + p);
            }
            double loss =
                    positive ? -Math.log(Math.max(p, EPS)) : -Math.log(Math.max(1.0 - p, EPS));
            long bits = Float.floatToIntBits(p) & 0xffffffffL;
            double[] value = {positive ? 1 : 0, positive ? 0 : 1, loss};
            out.add(new Tuple2<>(((long) (s * tasks + t) << 32) | bits, value));
            long pooled = (long) (scenarioIndex.size() * tasks + t) << 32;
            out.add(new Tuple2<>(pooled | bits, new double[] {value[0], value[1], 0}));
        }
        return out.iterator();
    }

    private static double number(Object value, String what) {
        if (value instanceof Number) {
            return ((Number) value).doubleValue();
        }
        try {
            return Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            throw new DataException("Expected a number as " + what + ", got '" + value + "'");
        }
    }

    private static double[] sum(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    private static Iterator<Tuple2<Integer, double[]>> totals(
            int index, Iterator<Tuple2<Long, double[]>> it, int groups) {
        double[] total = new double[3 * groups];
        while (it.hasNext()) {
            Tuple2<Long, double[]> e = it.next();
            int g = (int) (e._1 >>> 32);
            total[3 * g] += e._2[0];
            total[3 * g + 1] += e._2[1];
            total[3 * g + 2] += e._2[2];
        }
        return List.of(new Tuple2<>(index, total)).iterator();
    }

    private static Iterator<Tuple2<Integer, double[]>> numerators(
            int index, Iterator<Tuple2<Long, double[]>> it, double[] negativesBelow, int groups) {
        double[] below = negativesBelow.clone();
        double[] numerator = new double[groups];
        while (it.hasNext()) {
            Tuple2<Long, double[]> e = it.next();
            int g = (int) (e._1 >>> 32);
            double pos = e._2[0];
            double neg = e._2[1];
            numerator[g] += pos * below[g] + 0.5 * pos * neg;
            below[g] += neg;
        }
        return List.of(new Tuple2<>(index, numerator)).iterator();
    }
}
