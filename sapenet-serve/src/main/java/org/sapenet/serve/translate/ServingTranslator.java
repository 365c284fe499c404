/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.translate;

import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sapenet.data.error.DataException;
import org.sapenet.data.source.CsvCursor;
import org.sapenet.data.source.HeaderIndex;

/**
 * Scores DJL's generic {@link Input} and answers an {@link Output}: what a plain {@code
 * Criteria.builder().setTypes(Input.class, Output.class).optModelPath(dir)} (and DJL Serving) use,
 * through the {@code translatorFactory} of the checkpoint's {@code serving.properties}.
 *
 * <p>The input body is either a JSON array of objects (column name to value) or CSV text with a
 * header line; label and extra columns are ignored. An input property {@code scenario} scores every
 * row in that scenario. The output is a JSON array with one object per row: {@code {"scenario":
 * "1", "click": 0.031, "purchase": 0.0012}}.
 */
public final class ServingTranslator implements NoBatchifyTranslator<Input, Output> {

    private final RowsTranslator rows;

    /**
     * Creates the translator.
     *
     * @param rows the translator of raw rows
     */
    public ServingTranslator(RowsTranslator rows) {
        this.rows = rows;
    }

    /** {@inheritDoc} */
    @Override
    public NDList processInput(TranslatorContext ctx, Input input) {
        String body = input.getData().getAsString().strip();
        List<Map<String, String>> parsed = body.startsWith("[") ? fromJson(body) : fromCsv(body);
        String scenario = input.getProperty("scenario", null);
        return rows.processInput(
                ctx, scenario == null ? ScoringRows.of(parsed) : ScoringRows.of(parsed, scenario));
    }

    private static List<Map<String, String>> fromJson(String body) {
        JsonArray array;
        try {
            array = JsonParser.parseString(body).getAsJsonArray();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("Input is not a JSON array of rows: " + e, e);
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (int r = 0; r < array.size(); r++) {
            JsonElement element = array.get(r);
            if (!element.isJsonObject()) {
                throw new IllegalArgumentException("Row " + r + " of the input is not an object");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
                if (e.getValue().isJsonPrimitive()) {
                    row.put(e.getKey(), e.getValue().getAsString());
                }
            }
            out.add(row);
        }
        return out;
    }

    /**
     * Reads a CSV body with the reader of {@code sapenet prepare} and {@code sapenet score}: the
     * same line ends, quoting (where the store's format allowed it) and column checks.
     */
    private List<Map<String, String>> fromCsv(String body) {
        Path name = Path.of("(request body)");
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        boolean quoted = rows.getEncoder().getSchema().isQuoted();
        List<Map<String, String>> out = new ArrayList<>();
        try (CsvCursor cursor = new CsvCursor(name, new ByteArrayInputStream(bytes), quoted)) {
            if (!cursor.next()) {
                return out;
            }
            List<String> header = cursor.texts();
            HeaderIndex index = new HeaderIndex(name, header);
            while (cursor.next()) {
                if (cursor.fieldCount() != header.size()) {
                    throw new IllegalArgumentException(
                            "Input line "
                                    + cursor.line()
                                    + ": expected "
                                    + header.size()
                                    + " columns as in the header, found "
                                    + cursor.fieldCount());
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(index.name(i), cursor.text(i));
                }
                out.add(row);
            }
        } catch (DataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** {@inheritDoc} */
    @Override
    public Output processOutput(TranslatorContext ctx, NDList list) {
        Scores scores = rows.processOutput(ctx, list);
        JsonArray array = new JsonArray();
        for (int r = 0; r < scores.size(); r++) {
            JsonObject row = new JsonObject();
            row.addProperty("scenario", scores.scenarioName(r));
            for (int t = 0; t < scores.getTasks().size(); t++) {
                row.addProperty(scores.getTasks().get(t), scores.probability(r, t));
            }
            array.add(row);
        }
        Output output = new Output();
        output.addProperty("Content-Type", "application/json");
        output.add(array.toString());
        return output;
    }
}
