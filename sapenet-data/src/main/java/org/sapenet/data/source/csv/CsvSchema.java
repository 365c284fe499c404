/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.csv;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sapenet.data.error.DataException;
import org.sapenet.data.schema.StoreSchema;

/**
 * The JSON schema that describes a user's CSV (see sapenet-data/README.md for the format): which
 * columns are sparse fields, dense fields, the scenario and the labels, which texts mean "missing",
 * and the vocabulary options.
 *
 * <pre>{@code
 * {
 *   "missing": ["", "NA", "\\N"],
 *   "vocabulary": {"minCount": 5, "maxVocab": 100000},
 *   "sparse": ["user_id", {"name": "city", "column": "city_name", "minCount": 1}],
 *   "dense": [{"name": "price", "scaling": "minmax", "fill": 0}],
 *   "scenario": {"column": "domain", "values": ["search", "feed"]},
 *   "tasks": [{"name": "click", "column": "clicked"}, {"name": "buy", "missing": "mask"}]
 * }
 * }</pre>
 */
public final class CsvSchema {

    /** One sparse field. */
    public record Sparse(String name, String column, long minCount, int maxVocab) {}

    /** One dense field. */
    public record Dense(String name, String column, boolean minMax, float fill) {}

    /** One task. */
    public record Task(
            String name,
            String column,
            List<String> positive,
            List<String> negative,
            boolean mask) {}

    private static final Set<String> TOP_KEYS =
            Set.of("missing", "vocabulary", "sparse", "dense", "scenario", "tasks");

    private final List<String> missing;
    private final List<Sparse> sparse;
    private final List<Dense> dense;
    private final String scenarioColumn;
    private final List<String> scenarios;
    private final List<Task> tasks;

    private CsvSchema(
            List<String> missing,
            List<Sparse> sparse,
            List<Dense> dense,
            String scenarioColumn,
            List<String> scenarios,
            List<Task> tasks) {
        this.missing = missing;
        this.sparse = sparse;
        this.dense = dense;
        this.scenarioColumn = scenarioColumn;
        this.scenarios = scenarios;
        this.tasks = tasks;
    }

    /**
     * Reads and validates a schema file.
     *
     * @param file the JSON file
     * @param minCountDefault the minimum count when the schema names none
     * @param maxVocabDefault the cap when the schema names none (0 = none)
     * @return the schema
     * @throws DataException naming the file and the entry when the schema is invalid
     * @throws IOException when the file cannot be read
     */
    public static CsvSchema read(Path file, long minCountDefault, int maxVocabDefault)
            throws IOException {
        JsonObject root;
        try {
            JsonElement element =
                    JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!element.isJsonObject()) {
                throw bad(file, "", "expected a JSON object");
            }
            root = element.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new DataException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        for (String key : root.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                throw bad(file, key, "unknown key; expected one of " + TOP_KEYS);
            }
        }
        List<String> missing = strings(file, root, "missing", List.of(""));
        long minCount = minCountDefault;
        int maxVocab = maxVocabDefault;
        if (root.has("vocabulary")) {
            JsonObject vocabulary = object(file, root.get("vocabulary"), "vocabulary");
            minCount =
                    vocabulary.has("minCount")
                            ? longOf(file, vocabulary, "vocabulary.minCount")
                            : minCount;
            maxVocab =
                    vocabulary.has("maxVocab")
                            ? (int) longOf(file, vocabulary, "vocabulary.maxVocab")
                            : maxVocab;
        }
        List<Sparse> sparse = new ArrayList<>();
        JsonArray sparseArray = array(file, root, "sparse", true);
        for (int i = 0; i < sparseArray.size(); i++) {
            String where = "sparse[" + i + "]";
            JsonObject o = entry(file, sparseArray.get(i), where);
            String name = text(file, o, "name", where, null);
            sparse.add(
                    new Sparse(
                            name,
                            text(file, o, "column", where, name),
                            o.has("minCount") ? longOf(file, o, where + ".minCount") : minCount,
                            o.has("maxVocab")
                                    ? (int) longOf(file, o, where + ".maxVocab")
                                    : maxVocab));
        }
        List<Dense> dense = new ArrayList<>();
        if (root.has("dense")) {
            JsonArray denseArray = array(file, root, "dense", false);
            for (int i = 0; i < denseArray.size(); i++) {
                String where = "dense[" + i + "]";
                JsonObject o = entry(file, denseArray.get(i), where);
                String name = text(file, o, "name", where, null);
                String scaling = text(file, o, "scaling", where, "none");
                if (!scaling.equals("none") && !scaling.equals("minmax")) {
                    throw bad(
                            file,
                            where + ".scaling",
                            "expected 'none' or 'minmax', got '" + scaling + "'");
                }
                float fill = o.has("fill") ? (float) doubleOf(file, o, where + ".fill") : 0f;
                dense.add(
                        new Dense(
                                name,
                                text(file, o, "column", where, name),
                                scaling.equals("minmax"),
                                fill));
            }
        }
        String scenarioColumn = null;
        List<String> scenarios = List.of("all");
        if (root.has("scenario")) {
            JsonObject o = object(file, root.get("scenario"), "scenario");
            scenarioColumn = text(file, o, "column", "scenario", null);
            scenarios = strings(file, o, "values", null);
            if (scenarios.isEmpty()) {
                throw bad(file, "scenario.values", "list at least one scenario value");
            }
        }
        List<Task> tasks = new ArrayList<>();
        JsonArray taskArray = array(file, root, "tasks", true);
        for (int i = 0; i < taskArray.size(); i++) {
            String where = "tasks[" + i + "]";
            JsonObject o = entry(file, taskArray.get(i), where);
            String name = text(file, o, "name", where, null);
            String onMissing = text(file, o, "missing", where, "error");
            if (!onMissing.equals("error") && !onMissing.equals("mask")) {
                throw bad(
                        file,
                        where + ".missing",
                        "expected 'error' or 'mask', got '" + onMissing + "'");
            }
            tasks.add(
                    new Task(
                            name,
                            text(file, o, "column", where, name),
                            strings(
                                    file,
                                    o,
                                    "positive",
                                    List.of("1", "1.0", "true", "True", "TRUE")),
                            strings(
                                    file,
                                    o,
                                    "negative",
                                    List.of("0", "0.0", "false", "False", "FALSE")),
                            onMissing.equals("mask")));
        }
        CsvSchema schema = new CsvSchema(missing, sparse, dense, scenarioColumn, scenarios, tasks);
        try {
            schema.toStoreSchema();
            for (Sparse s : sparse) {
                new org.sapenet.data.vocab.VocabularyRule(s.minCount(), s.maxVocab(), List.of());
            }
        } catch (IllegalArgumentException e) {
            throw new DataException(file + ": " + e.getMessage(), e);
        }
        return schema;
    }

    private static DataException bad(Path file, String where, String detail) {
        return new DataException(
                file + ": " + (where.isEmpty() ? "" : "'" + where + "': ") + detail);
    }

    private static JsonObject object(Path file, JsonElement e, String where) {
        if (e == null || !e.isJsonObject()) {
            throw bad(file, where, "expected an object");
        }
        return e.getAsJsonObject();
    }

    private static JsonObject entry(Path file, JsonElement e, String where) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", e.getAsString());
            return o;
        }
        return object(file, e, where);
    }

    private static JsonArray array(Path file, JsonObject o, String key, boolean required) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray() || required && e.getAsJsonArray().isEmpty()) {
            throw bad(file, key, required ? "required: a non-empty list" : "expected a list");
        }
        return e.getAsJsonArray();
    }

    private static String text(Path file, JsonObject o, String key, String where, String fallback) {
        JsonElement e = o.get(key);
        if (e == null) {
            if (fallback == null) {
                throw bad(file, where + "." + key, "required");
            }
            return fallback;
        }
        if (!e.isJsonPrimitive()
                || !e.getAsJsonPrimitive().isString()
                || e.getAsString().isEmpty()) {
            throw bad(file, where + "." + key, "expected a non-empty string");
        }
        return e.getAsString();
    }

    private static List<String> strings(
            Path file, JsonObject o, String key, List<String> fallback) {
        JsonElement e = o.get(key);
        if (e == null) {
            if (fallback == null) {
                throw bad(file, key, "required: a list of strings");
            }
            return fallback;
        }
        List<String> out = new ArrayList<>();
        if (!e.isJsonArray()) {
            throw bad(file, key, "expected a list of strings");
        }
        for (JsonElement item : e.getAsJsonArray()) {
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                throw bad(file, key, "expected a list of strings, found " + item);
            }
            out.add(item.getAsString());
        }
        return out;
    }

    private static long longOf(Path file, JsonObject o, String where) {
        String key = where.substring(where.lastIndexOf('.') + 1);
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive()
                || !e.getAsJsonPrimitive().isNumber()
                || e.getAsDouble() != Math.rint(e.getAsDouble())) {
            throw bad(file, where, "expected an integer, got " + e);
        }
        return e.getAsLong();
    }

    private static double doubleOf(Path file, JsonObject o, String where) {
        String key = where.substring(where.lastIndexOf('.') + 1);
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw bad(file, where, "expected a number, got " + e);
        }
        return e.getAsDouble();
    }

    /**
     * Returns the store schema.
     *
     * @return sparse and dense field names, scenarios and tasks
     */
    public StoreSchema toStoreSchema() {
        List<String> sparseNames = new ArrayList<>();
        sparse.forEach(s -> sparseNames.add(s.name()));
        List<String> denseNames = new ArrayList<>();
        dense.forEach(d -> denseNames.add(d.name()));
        List<String> taskNames = new ArrayList<>();
        tasks.forEach(t -> taskNames.add(t.name()));
        return new StoreSchema(sparseNames, denseNames, scenarios, taskNames, scenarioColumn);
    }

    /**
     * Returns the texts that mean "missing".
     *
     * @return the markers
     */
    public List<String> getMissing() {
        return missing;
    }

    /**
     * Returns the sparse fields.
     *
     * @return the fields in store order
     */
    public List<Sparse> getSparse() {
        return sparse;
    }

    /**
     * Returns the dense fields.
     *
     * @return the fields in store order
     */
    public List<Dense> getDense() {
        return dense;
    }

    /**
     * Returns the scenario column.
     *
     * @return the column, or null for a single scenario "all"
     */
    public String getScenarioColumn() {
        return scenarioColumn;
    }

    /**
     * Returns the scenario values; scenario id s is value s.
     *
     * @return the values
     */
    public List<String> getScenarios() {
        return scenarios;
    }

    /**
     * Returns the tasks.
     *
     * @return the tasks in store order
     */
    public List<Task> getTasks() {
        return tasks;
    }
}
