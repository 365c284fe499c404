/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.Batch;
import ai.djl.util.Pair;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sapenet.model.baselines.m3oe.M3oe;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.loss.MultiTaskLoss;
import org.sapenet.train.optim.ResumableAdam;
import org.sapenet.train.state.ParameterSnapshot;

/** Row-sparse embedding updates in a real training step, against dense Adam from the same start. */
class TrainingStepTest {

    private static final int DIM = 4;
    private static final Pattern TABLE = Pattern.compile("embedding_table(\\d+)$");

    /** The parameters before and after each step, their names, and each batch's sparse ids. */
    private record Run(List<ParameterSnapshot> snapshots, List<String> names, List<int[]> ids) {}

    /** Trains two steps, on the batches of rows 0-3 and 4-7. */
    private static Run twoSteps(boolean rowSparse) throws IOException {
        ModelConfig config = ArrayBatchSource.config();
        M3oe block = M3oe.of(config);
        try (Model model = TrainingLoop.initialise("m3oe", block, config, 11, Device.cpu())) {
            TrainingStep step =
                    new TrainingStep(
                            block,
                            MultiTaskLoss.of(config),
                            ResumableAdam.builder().optLearningRate(0.01f).build(),
                            model.getNDManager(),
                            Device.cpu(),
                            rowSparse);
            List<ParameterSnapshot> snapshots = new ArrayList<>();
            List<int[]> ids = new ArrayList<>();
            snapshots.add(ParameterSnapshot.of(block));
            Iterator<Batch> it = new ArrayBatchSource(8, 5).batches(model.getNDManager(), 4, null);
            for (int k = 0; k < 2; k++) {
                try (Batch batch = it.next()) {
                    ids.add(batch.getData().get(0).toIntArray());
                    assertTrue(Float.isFinite(step.run(batch, 0, null)));
                }
                snapshots.add(ParameterSnapshot.of(block));
                for (Pair<String, Parameter> pair : block.getParameters()) {
                    NDArray gradient = pair.getValue().getArray().getGradient();
                    for (float g : gradient.toFloatArray()) {
                        assertEquals(0f, g, pair.getKey() + " has no gradient left");
                    }
                    gradient.close();
                }
            }
            List<String> names = new ArrayList<>();
            block.getParameters().forEach(pair -> names.add(pair.getKey()));
            return new Run(snapshots, names, ids);
        }
    }

    private static boolean inBatch(int[] ids, int field, int row) {
        for (int r = 0; r < ids.length / ArrayBatchSource.SPARSE; r++) {
            if (ids[r * ArrayBatchSource.SPARSE + field] == row) {
                return true;
            }
        }
        return false;
    }

    private static float[] row(float[] table, int r) {
        return Arrays.copyOfRange(table, r * DIM, (r + 1) * DIM);
    }

    @Test
    void rowSparseStepsUpdateExactlyTheRowsEachBatchLookedUp() throws IOException {
        List<ParameterSnapshot> dense = twoSteps(false).snapshots();
        Run run = twoSteps(true);
        List<ParameterSnapshot> lazy = run.snapshots();
        int[] first = run.ids().get(0);
        int[] second = run.ids().get(1);
        assertArrayEquals(
                dense.get(0).get("01embedding_table0"), lazy.get(0).get("01embedding_table0"));
        int rowsInOnlyTheFirst = 0;
        int rowsInNeither = 0;
        for (String name : run.names()) {
            Matcher table = TABLE.matcher(name);
            if (!table.find()) {
                // The second batch reads only rows that both runs hold alike: same loss, same
                // gradients, so every other parameter ends bit for bit as under dense Adam.
                assertArrayEquals(dense.get(2).get(name), lazy.get(2).get(name), name);
                continue;
            }
            int field = Integer.parseInt(table.group(1));
            float[] start = lazy.get(0).get(name);
            float[] afterFirst = lazy.get(1).get(name);
            float[] end = lazy.get(2).get(name);
            float[] denseEnd = dense.get(2).get(name);
            for (int r = 0; r < ArrayBatchSource.VOCAB; r++) {
                boolean one = inBatch(first, field, r);
                boolean two = inBatch(second, field, r);
                String where = name + " row " + r;
                assertEquals(
                        one, !Arrays.equals(row(start, r), row(afterFirst, r)), "step 1 " + where);
                assertEquals(
                        two, !Arrays.equals(row(afterFirst, r), row(end, r)), "step 2 " + where);
                if (two || !one) {
                    // In the second batch: the same history as dense Adam. In neither batch: no
                    // gradient and no momentum yet, so dense Adam left it too.
                    assertArrayEquals(row(denseEnd, r), row(end, r), 0f, where);
                } else {
                    // Only in the first batch: dense Adam moves it again by its momentum.
                    assertFalse(Arrays.equals(row(denseEnd, r), row(end, r)), where);
                    rowsInOnlyTheFirst++;
                }
                if (!one && !two) {
                    rowsInNeither++;
                }
            }
        }
        assertTrue(rowsInOnlyTheFirst > 0 && rowsInNeither > 0, "the batches exercise both cases");
    }
}
