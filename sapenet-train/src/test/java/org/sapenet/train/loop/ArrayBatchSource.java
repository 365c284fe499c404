/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.loop;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.train.store.BatchSource;

/**
 * A small in-memory split for loop tests: F_s = 3 sparse fields of vocabulary 8, F_d = 2, S = 2, T
 * = 2, labels drawn from a logistic model of the ids so a model can learn them.
 */
public final class ArrayBatchSource implements BatchSource {

    static final int SPARSE = 3;
    static final int DENSE = 2;
    static final int VOCAB = 8;
    static final int TASKS = 2;

    /**
     * Returns the model config of this source's columns (fields a, b, c; x, y; scenarios s0, s1;
     * tasks click, buy; d = 4).
     *
     * @return the config
     */
    public static ModelConfig config() {
        int[] vocab = new int[SPARSE];
        Arrays.fill(vocab, VOCAB);
        return ModelConfig.builder()
                .setSparseFields(List.of("a", "b", "c"), vocab)
                .setDenseFields(List.of("x", "y"))
                .setScenarios(List.of("s0", "s1"))
                .setTasks(List.of("click", "buy"))
                .optEmbeddingDim(4)
                .build();
    }

    private final int rows;
    private final int[] sparse;
    private final float[] dense;
    private final int[] scenario;
    private final float[] y;
    private final float[] mask;

    ArrayBatchSource(int rows, long seed) {
        this.rows = rows;
        Random random = new Random(seed);
        sparse = new int[rows * SPARSE];
        dense = new float[rows * DENSE];
        scenario = new int[rows];
        y = new float[rows * TASKS];
        mask = new float[rows * TASKS];
        for (int r = 0; r < rows; r++) {
            double z = -0.5;
            for (int f = 0; f < SPARSE; f++) {
                int id = random.nextInt(VOCAB);
                sparse[r * SPARSE + f] = id;
                z += (id % 3 - 1) * 0.8;
            }
            for (int j = 0; j < DENSE; j++) {
                dense[r * DENSE + j] = random.nextFloat();
            }
            scenario[r] = random.nextInt(2);
            for (int t = 0; t < TASKS; t++) {
                double p = 1 / (1 + Math.exp(-(z + scenario[r] * 0.5 - t)));
                y[r * TASKS + t] = random.nextDouble() < p ? 1f : 0f;
                mask[r * TASKS + t] = t == 1 && y[r * TASKS] == 0 ? 0f : 1f;
            }
        }
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public Iterator<Batch> batches(NDManager manager, int batchSize, Long shuffleSeed) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        if (shuffleSeed != null) {
            Random random = new Random(shuffleSeed);
            for (int i = rows - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        List<Batch> batches = new ArrayList<>();
        for (int start = 0; start < rows; start += batchSize) {
            int b = Math.min(batchSize, rows - start);
            int[] s = new int[b * SPARSE];
            float[] d = new float[b * DENSE];
            int[] sc = new int[b];
            float[] yy = new float[b * TASKS];
            float[] mm = new float[b * TASKS];
            for (int i = 0; i < b; i++) {
                int r = order[start + i];
                System.arraycopy(sparse, r * SPARSE, s, i * SPARSE, SPARSE);
                System.arraycopy(dense, r * DENSE, d, i * DENSE, DENSE);
                sc[i] = scenario[r];
                System.arraycopy(y, r * TASKS, yy, i * TASKS, TASKS);
                System.arraycopy(mask, r * TASKS, mm, i * TASKS, TASKS);
            }
            NDManager sub = manager.newSubManager();
            NDList data =
                    ModelInputs.of(
                            sub.create(s, new Shape(b, SPARSE)),
                            sub.create(d, new Shape(b, DENSE)),
                            sub.create(sc));
            NDList labels =
                    new NDList(
                            sub.create(yy, new Shape(b, TASKS)),
                            sub.create(mm, new Shape(b, TASKS)),
                            sub.create(sc));
            batches.add(new Batch(sub, data, labels, b, null, null, start + b, rows));
        }
        return batches.iterator();
    }
}
