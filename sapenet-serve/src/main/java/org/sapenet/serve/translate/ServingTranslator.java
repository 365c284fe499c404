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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private static List<Map<String, String>> fromCsv(String body) {
        String[] lines = body.split("\r?\n");
        String[] header = lines[0].split(",", -1);
        List<Map<String, String>> out = new ArrayList<>();
        for (int l = 1; l < lines.length; l++) {
            if (lines[l].isEmpty()) {
                continue;
            }
            String[] cells = lines[l].split(",", -1);
            if (cells.length != header.length) {
                throw new IllegalArgumentException(
                        "Input line "
                                + (l + 1)
                                + ": expected "
                                + header.length
                                + " columns as in the header, found "
                                + cells.length);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            out.add(row);
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
