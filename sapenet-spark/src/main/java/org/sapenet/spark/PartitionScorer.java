/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.serve.input.RowEncoder;
import org.sapenet.serve.input.ScoringBatch;
import org.sapenet.serve.input.ValueException;
import org.sapenet.serve.translate.Scores;

/**
 * Scores one partition: encodes its rows with the checkpoint's {@link RowEncoder} (the rules and
 * messages of {@code sapenet score}), batches of up to the configured size through one forward pass
 * of a predictor borrowed from this executor's pool, and returns each valid row with its scenario's
 * name and one probability per task. A bad row fails the task naming where it came from (under
 * {@link ErrorPolicy#FAIL}) or is counted and left out ({@link ErrorPolicy#SKIP}).
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    /** Which columns of the input rows the model reads and where their origin is recorded. */
    static final class Columns implements Serializable {
        private static final long serialVersionUID = 1L;

        int[] kept;
        int[] sparse;
        int[] dense;
        int scenario = -1;
        int file = -1;
        int blockStart = -1;
        int rowIndex = -1;
        String[] names;
    }

    private final String checkpoint;
    private final String fingerprint;
    private final SparkScoreOptions options;
    private final Columns columns;
    private final LongAccumulator scored;
    private final SkipAccumulator skips;

    PartitionScorer(
            String checkpoint,
            String fingerprint,
            SparkScoreOptions options,
            Columns columns,
            LongAccumulator scored,
            SkipAccumulator skips) {
        this.checkpoint = checkpoint;
        this.fingerprint = fingerprint;
        this.options = options;
        this.columns = columns;
        this.scored = scored;
        this.skips = skips;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        TaskContext task = TaskContext.get();
        int threads =
                options.getThreadsPerPredictor() > 0
                        ? options.getThreadsPerPredictor()
                        : task == null ? 1 : task.cpus();
        ExecutorModels.Loaded model = ExecutorModels.get(checkpoint, fingerprint, threads);
        Predictor<ScoringBatch, Scores> predictor = model.borrow();
        if (task != null) {
            task.addTaskCompletionListener(
                    (org.apache.spark.util.TaskCompletionListener)
                            context -> model.giveBack(predictor));
        }
        return new Batches(
                input,
                model.checkpoint().getEncoder(),
                predictor,
                task == null ? 0 : task.partitionId());
    }

    /** The scored rows of a partition, one batch at a time. */
    private final class Batches implements Iterator<Row> {
        private final Iterator<Row> input;
        private final RowEncoder encoder;
        private final Predictor<ScoringBatch, Scores> predictor;
        private final RowPosition position;
        private final int fixedScenario;
        private final int fixedScenarioFeature;
        private final List<Row> out = new ArrayList<>();
        private int next;

        Batches(
                Iterator<Row> input,
                RowEncoder encoder,
                Predictor<ScoringBatch, Scores> predictor,
                int partition) {
            this.input = input;
            this.encoder = encoder;
            this.predictor = predictor;
            this.position = new RowPosition(partition);
            fixedScenario = encoder.fixedScenario(options.getScenario());
            fixedScenarioFeature =
                    fixedScenario >= 0 && encoder.scenarioSparseField() >= 0
                            ? encoder.scenarioFeatureId(fixedScenario)
                            : -1;
        }

        @Override
        public boolean hasNext() {
            if (next < out.size()) {
                return true;
            }
            out.clear();
            next = 0;
            while (out.isEmpty() && input.hasNext()) {
                scoreBatch();
            }
            return !out.isEmpty();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return out.get(next++);
        }

        private void scoreBatch() {
            int max = options.getBatchSize();
            int fs = columns.sparse.length;
            int fd = columns.dense.length;
            int[] sparse = new int[max * fs];
            float[] dense = new float[max * fd];
            int[] scenario = new int[max];
            List<Row> rows = new ArrayList<>(max);
            while (rows.size() < max && input.hasNext()) {
                Row row = input.next();
                locate(row);
                if (encode(row, rows.size(), sparse, dense, scenario)) {
                    rows.add(row);
                }
            }
            int n = rows.size();
            if (n == 0) {
                return;
            }
            Scores scores;
            try {
                scores = predictor.predict(ScoringBatch.ofFlat(n, fs, sparse, fd, dense, scenario));
            } catch (TranslateException e) {
                throw new IllegalStateException("Scoring a batch failed: " + e, e);
            }
            int t = scores.getTasks().size();
            int kept = columns.kept.length;
            for (int r = 0; r < n; r++) {
                Row row = rows.get(r);
                Object[] values = new Object[kept + 1 + t];
                for (int i = 0; i < kept; i++) {
                    values[i] = row.get(columns.kept[i]);
                }
                values[kept] = scores.scenarioName(r);
                for (int k = 0; k < t; k++) {
                    values[kept + 1 + k] = scores.probability(r, k);
                }
                out.add(RowFactory.create(values));
            }
            scored.add(n);
        }

        private void locate(Row row) {
            if (columns.file >= 0 && columns.blockStart >= 0) {
                position.nextCsv(row.getString(columns.file), row.getLong(columns.blockStart));
            } else if (columns.file >= 0 && columns.rowIndex >= 0) {
                position.nextParquet(row.getString(columns.file), row.getLong(columns.rowIndex));
            } else {
                position.next();
            }
        }

        /** Encodes row n of the batch; false when it was bad and is skipped. */
        private boolean encode(Row row, int n, int[] sparse, float[] dense, int[] scenario) {
            int fs = columns.sparse.length;
            int fd = columns.dense.length;
            int column = -1;
            try {
                for (int f = 0; f < fs; f++) {
                    column = columns.sparse[f];
                    sparse[n * fs + f] =
                            column < 0
                                    ? fixedScenarioFeature
                                    : encoder.encodeSparse(f, text(row, column));
                }
                if (fixedScenario >= 0) {
                    scenario[n] = fixedScenario;
                    if (fixedScenarioFeature >= 0) {
                        sparse[n * fs + encoder.scenarioSparseField()] = fixedScenarioFeature;
                    }
                } else {
                    column = columns.scenario;
                    String raw = text(row, column);
                    scenario[n] = encoder.encodeScenario(raw, 0, raw.length());
                }
                for (int j = 0; j < fd; j++) {
                    column = columns.dense[j];
                    dense[n * fd + j] = encoder.encodeDense(j, text(row, column));
                }
                return true;
            } catch (ValueException e) {
                RowError error =
                        new RowError(
                                e.getReason(),
                                position,
                                column,
                                columns.names[column],
                                e.getMessage());
                if (options.getErrorPolicy() == ErrorPolicy.FAIL) {
                    throw error.toException();
                }
                skips.add(error);
                return false;
            }
        }
    }

    /** A value as the text {@code score} would read: null (an empty CSV field) is empty. */
    private static String text(Row row, int column) {
        Object value = row.get(column);
        return value == null ? "" : value.toString();
    }
}
