/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.translate;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.List;
import org.sapenet.model.ModelInputs;
import org.sapenet.serve.input.ScoringBatch;

/**
 * Scores a {@link ScoringBatch} in one forward pass: builds the model input [sparse ids (B, F_s)
 * int32, dense (B, F_d) float32, scenario (B) int32], and turns the logits (B, T) of each row's own
 * scenario into probabilities with the sigmoid, computed on the host in double precision.
 *
 * <p>Ids at or above their field's vocabulary size become 0 (unknown), as in training; a negative
 * id or a scenario outside 0..S-1 is an {@link IllegalArgumentException}. The input arrays are not
 * changed.
 */
public final class ScoringTranslator implements NoBatchifyTranslator<ScoringBatch, Scores> {

    private static final String SCENARIO = "scenario";

    private final int[] vocabularySizes;
    private final int denseFields;
    private final List<String> scenarios;
    private final List<String> tasks;

    /**
     * Creates the translator.
     *
     * @param vocabularySizes V_f of each of the F_s sparse fields
     * @param denseFields F_d
     * @param scenarios the S scenario names
     * @param tasks the T task names
     */
    public ScoringTranslator(
            int[] vocabularySizes, int denseFields, List<String> scenarios, List<String> tasks) {
        this.vocabularySizes = vocabularySizes.clone();
        this.denseFields = denseFields;
        this.scenarios = List.copyOf(scenarios);
        this.tasks = List.copyOf(tasks);
    }

    /** {@inheritDoc} */
    @Override
    public NDList processInput(TranslatorContext ctx, ScoringBatch batch) {
        int b = batch.size();
        int fs = vocabularySizes.length;
        if (batch.sparseFields() != fs || batch.denseFields() != denseFields) {
            throw new IllegalArgumentException(
                    "The batch has "
                            + batch.sparseFields()
                            + " sparse and "
                            + batch.denseFields()
                            + " dense fields; the model takes "
                            + fs
                            + " and "
                            + denseFields);
        }
        int[] ids = knownIds(batch.sparse(), b, fs);
        int[] scenario = new int[b];
        System.arraycopy(batch.scenario(), 0, scenario, 0, b);
        for (int r = 0; r < b; r++) {
            if (scenario[r] < 0 || scenario[r] >= scenarios.size()) {
                throw new IllegalArgumentException(
                        "Row "
                                + r
                                + " has scenario id "
                                + scenario[r]
                                + ": expected 0.."
                                + (scenarios.size() - 1)
                                + " "
                                + scenarios);
            }
        }
        ctx.setAttachment(SCENARIO, scenario);
        NDManager manager = ctx.getNDManager();
        if (b == 0) {
            // The blocks cannot run on 0 rows: run one row of unknown ids, whose scores
            // processOutput drops, so that an empty batch gets an empty result.
            return ModelInputs.of(
                    manager.zeros(new Shape(1, fs), DataType.INT32),
                    manager.zeros(new Shape(1, denseFields), DataType.FLOAT32),
                    manager.zeros(new Shape(1), DataType.INT32));
        }
        float[] dense = batch.dense();
        if (dense.length != b * denseFields) {
            float[] exact = new float[b * denseFields];
            System.arraycopy(dense, 0, exact, 0, exact.length);
            dense = exact;
        }
        return ModelInputs.of(
                manager.create(ids, new Shape(b, fs)),
                manager.create(dense, new Shape(b, denseFields)),
                manager.create(scenario, new Shape(b)));
    }

    private int[] knownIds(int[] sparse, int b, int fs) {
        int[] ids = null;
        int n = b * fs;
        for (int i = 0; i < n; i++) {
            int id = sparse[i];
            int f = i % fs;
            if (id < 0) {
                throw new IllegalArgumentException(
                        "Row " + i / fs + ", sparse field " + f + " has negative id " + id);
            }
            if (id >= vocabularySizes[f]) {
                if (ids == null) {
                    ids = new int[n];
                    System.arraycopy(sparse, 0, ids, 0, n);
                }
                ids[i] = 0;
            }
        }
        if (ids != null) {
            return ids;
        }
        if (sparse.length == n) {
            return sparse;
        }
        ids = new int[n];
        System.arraycopy(sparse, 0, ids, 0, n);
        return ids;
    }

    /** {@inheritDoc} */
    @Override
    public Scores processOutput(TranslatorContext ctx, NDList list) {
        int[] scenario = (int[]) ctx.getAttachment(SCENARIO);
        if (scenario.length == 0) {
            return new Scores(tasks, scenarios, new float[0], scenario);
        }
        float[] logits = list.get(0).toFloatArray();
        int t = tasks.size();
        if (logits.length != scenario.length * t) {
            throw new IllegalStateException(
                    "The model returned "
                            + list.get(0).getShape()
                            + " logits for "
                            + scenario.length
                            + " rows and "
                            + t
                            + " tasks");
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (1.0 / (1.0 + Math.exp(-(double) logits[i])));
        }
        return new Scores(tasks, scenarios, p, scenario);
    }
}
