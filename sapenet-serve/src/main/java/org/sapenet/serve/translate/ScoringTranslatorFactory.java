/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.translate;

import ai.djl.Model;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.model.runtime.Engines;
import org.sapenet.serve.checkpoint.CheckpointException;
import org.sapenet.serve.checkpoint.CheckpointFormat;
import org.sapenet.serve.checkpoint.CheckpointManifest;
import org.sapenet.serve.input.InputSchema;
import org.sapenet.serve.input.RowEncoder;
import org.sapenet.serve.input.ScoringBatch;

/**
 * The {@link TranslatorFactory} a checkpoint's {@code serving.properties} names. It reads the
 * checkpoint's input schema from the model folder, checks that the loaded parameters have the
 * shapes the checkpoint recorded, and offers two translators:
 *
 * <ul>
 *   <li>{@code (ScoringBatch, Scores)}: encoded ids, dense values and scenario ids;
 *   <li>{@code (ScoringRows, Scores)}: raw rows keyed by source column name;
 *   <li>{@code (Input, Output)}: JSON or CSV rows in, JSON scores out ({@link ServingTranslator}).
 * </ul>
 *
 * <p>DJL's model loader picks a translator factory before it reads {@code serving.properties}, so
 * for the typed pairs a DJL program names this factory ({@code
 * Criteria.Builder.optTranslatorFactory(new ScoringTranslatorFactory())}); the generic {@code
 * (Input, Output)} pair finds it through {@code serving.properties} with nothing but {@code
 * optModelPath}.
 */
public final class ScoringTranslatorFactory implements TranslatorFactory {

    private static final Set<Pair<Type, Type>> SUPPORTED =
            Set.of(
                    new Pair<>(ScoringBatch.class, Scores.class),
                    new Pair<>(ScoringRows.class, Scores.class),
                    new Pair<>(Input.class, Output.class));

    /** {@inheritDoc} */
    @Override
    public Set<Pair<Type, Type>> getSupportedTypes() {
        return SUPPORTED;
    }

    /**
     * {@inheritDoc}
     *
     * <p>DJL asks this before it creates the model, so it is the first SAPENet code a {@code
     * Criteria} load with this factory runs: it loads the engine here, and a class path without a
     * PyTorch native fails with what to add (see {@link Engines#pytorch()}) instead of DJL's
     * download error.
     */
    @Override
    public boolean isSupported(Class<?> input, Class<?> output) {
        Engines.pytorch();
        return TranslatorFactory.super.isSupported(input, output);
    }

    /** {@inheritDoc} */
    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Translator<I, O> newInstance(
            Class<I> input, Class<O> output, Model model, Map<String, ?> arguments)
            throws TranslateException {
        if (!isSupported(input, output)) {
            throw new IllegalArgumentException(
                    "Unsupported types ("
                            + input.getName()
                            + ", "
                            + output.getName()
                            + "): use (ScoringBatch, Scores), (ScoringRows, Scores) or (Input,"
                            + " Output)");
        }
        Path dir = model.getModelPath();
        CheckpointManifest manifest = CheckpointManifest.read(dir);
        manifest.checkParameters(model.getBlock(), dir);
        InputSchema schema = readSchema(dir);
        ScoringTranslator scoring = scoringTranslator(schema);
        if (input == ScoringBatch.class) {
            return (Translator<I, O>) scoring;
        }
        try {
            RowsTranslator rows = new RowsTranslator(RowEncoder.of(schema, dir), scoring);
            if (input == Input.class) {
                return (Translator<I, O>) new ServingTranslator(rows);
            }
            return (Translator<I, O>) rows;
        } catch (IOException e) {
            throw new TranslateException("Cannot read the vocabularies of " + dir, e);
        }
    }

    /**
     * Creates the translator of encoded batches for a schema.
     *
     * @param schema the checkpoint's input schema
     * @return the translator
     */
    public static ScoringTranslator scoringTranslator(InputSchema schema) {
        int[] sizes =
                schema.getSparseFields().stream()
                        .mapToInt(StoreManifest.SparseField::getVocabularySize)
                        .toArray();
        return new ScoringTranslator(
                sizes, schema.getDenseFields().size(), schema.getScenarios(), schema.getTasks());
    }

    private static InputSchema readSchema(Path dir) {
        Path file = dir.resolve(CheckpointFormat.SCHEMA_FILE);
        try {
            return InputSchema.fromJson(Files.readString(file));
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointException("Checkpoint " + dir + ": cannot read " + file + ": " + e);
        }
    }
}
