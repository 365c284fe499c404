/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.translate;

import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import org.sapenet.serve.input.RowEncoder;

/**
 * Scores raw rows ({@link ScoringRows}) in one forward pass: encodes them with a {@link RowEncoder}
 * (the training rules for unknown values) and hands the batch to a {@link ScoringTranslator}.
 */
public final class RowsTranslator implements NoBatchifyTranslator<ScoringRows, Scores> {

    private final RowEncoder encoder;
    private final ScoringTranslator scoring;

    /**
     * Creates the translator.
     *
     * @param encoder the encoder of the checkpoint's input schema
     * @param scoring the translator of encoded batches
     */
    public RowsTranslator(RowEncoder encoder, ScoringTranslator scoring) {
        this.encoder = encoder;
        this.scoring = scoring;
    }

    /**
     * Returns the encoder of the checkpoint's input schema.
     *
     * @return the encoder
     */
    public RowEncoder getEncoder() {
        return encoder;
    }

    /** {@inheritDoc} */
    @Override
    public NDList processInput(TranslatorContext ctx, ScoringRows rows) {
        return scoring.processInput(ctx, encoder.encode(rows.getRows(), rows.getScenario()));
    }

    /** {@inheritDoc} */
    @Override
    public Scores processOutput(TranslatorContext ctx, NDList list) {
        return scoring.processOutput(ctx, list);
    }
}
