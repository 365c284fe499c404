/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.ErrorReason;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.store.StoreSplit;
import org.sapenet.data.vocab.Vocabulary;

/** A user CSV described by a JSON schema, checked value by value. */
class SchemaCsvPreparerTest {

    static final String SCHEMA =
            "{\n"
                    + "  \"missing\": [\"\", \"NA\"],\n"
                    + "  \"vocabulary\": {\"minCount\": 2},\n"
                    + "  \"sparse\": [\"user\", {\"name\": \"city\", \"column\": \"city name\","
                    + " \"minCount\": 1}],\n"
                    + "  \"dense\": [{\"name\": \"price\", \"scaling\": \"minmax\", \"fill\": 0.5},"
                    + " \"age\"],\n"
                    + "  \"scenario\": {\"column\": \"domain\", \"values\": [\"search\", \"feed\"]},\n"
                    + "  \"tasks\": [{\"name\": \"click\"}, {\"name\": \"buy\", \"column\": \"bought\","
                    + " \"missing\": \"mask\", \"positive\": [\"yes\"], \"negative\": [\"no\"]}]\n"
                    + "}\n";

    static final String HEADER = "domain,bought,age,\"city name\",user,click,price";

    /** Row i of a file: user u{i%7}, a city with a comma or a quote, prices 10..80. */
    static String row(int i) {
        String city = i % 3 == 0 ? "\"Paris, FR\"" : i % 3 == 1 ? "\"Big \"\"Apple\"\"\"" : "NA";
        String bought = i % 4 == 0 ? "yes" : i % 4 == 1 ? "no" : "";
        String price = i % 5 == 4 ? "NA" : Integer.toString(10 + 7 * (i % 11));
        return (i % 2 == 0 ? "search" : "feed")
                + ","
                + bought
                + ","
                + (20 + i % 9)
                + ","
                + city
                + ",u"
                + (i % 7 == 6 ? 100 + i : i % 7)
                + ","
                + (i % 3 == 0 ? "1" : "0")
                + ","
                + price;
    }

    static Path files(Path dir, int trainRows) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("schema.json"), SCHEMA);
        for (String split : List.of("train", "val", "test")) {
            List<String> lines = new ArrayList<>(List.of(HEADER));
            int n = split.equals("train") ? trainRows : 10;
            for (int i = 0; i < n; i++) {
                lines.add(row(split.equals("train") ? i : 1000 + i));
            }
            Files.write(dir.resolve(split + ".csv"), lines, StandardCharsets.UTF_8);
        }
        return dir;
    }

    static StoreManifest prepare(Path dir, Path out, ErrorPolicy policy) throws IOException {
        return SchemaCsvPreparer.builder()
                .setSchema(CsvSchema.read(dir.resolve("schema.json"), 10, 0), null)
                .optFile(Split.TRAIN, dir.resolve("train.csv"))
                .optFile(Split.VAL, dir.resolve("val.csv"))
                .optFile(Split.TEST, dir.resolve("test.csv"))
                .setOutput(out)
                .optErrorPolicy(policy)
                .build()
                .prepare();
    }

    @Test
    void valuesEncodedAsTheSchemaSays(@TempDir Path temp) throws IOException {
        Path dir = files(temp.resolve("in"), 60);
        StoreManifest manifest = prepare(dir, temp.resolve("store"), ErrorPolicy.FAIL);
        assertEquals(List.of("user", "city"), manifest.toSchema().getSparseFields());
        assertEquals(List.of("search", "feed"), manifest.toSchema().getScenarios());
        PreparedStore store = PreparedStore.open(temp.resolve("store"));
        Vocabulary users = Vocabulary.load(store, "user");
        Vocabulary cities = Vocabulary.load(store, "city");
        // users u0..u5 repeat (count >= 2); u106, u113, ... appear once: id 0. Sorted by bytes.
        assertEquals(7, users.size());
        assertEquals(1, users.id("u0"));
        assertEquals(6, users.id("u5"));
        assertEquals(0, users.id("u106"));
        assertEquals(3, cities.size());
        assertEquals(1, cities.id("Big \"Apple\""));
        assertEquals(2, cities.id("Paris, FR"));
        float min = 10;
        float max = 10 + 7 * 10;
        StoreSplit train = store.split(Split.TRAIN);
        for (int i = 0; i < 60; i++) {
            String user = i % 7 == 6 ? "u" + (100 + i) : "u" + i % 7;
            assertEquals(users.id(user), train.sparse(0).getInt(i));
            int city = i % 3 == 0 ? 2 : i % 3 == 1 ? 1 : 0;
            assertEquals(city, train.sparse(1).getInt(i));
            float price =
                    i % 5 == 4 ? 0.5f : (float) ((10 + 7 * (i % 11) - min) / (double) (max - min));
            assertEquals(price, train.dense(0).getFloat(i), 0f, "price row " + i);
            assertEquals(20 + i % 9, train.dense(1).getFloat(i), 0f);
            assertEquals(i % 2, train.scenario().getInt(i));
            assertEquals(i % 3 == 0 ? 1 : 0, train.label(0).getByte(i));
            assertEquals(i % 4 == 0 ? 1 : 0, train.label(1).getByte(i));
            assertEquals(i % 4 < 2 ? 1 : 0, train.mask(1).getByte(i));
        }
    }

    private static DataException fails(Path temp, int line, String replacement) throws IOException {
        Path dir = files(temp.resolve("in"), 30);
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("val.csv")));
        lines.set(line - 1, replacement);
        Files.write(dir.resolve("val.csv"), lines);
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> prepare(dir, temp.resolve("store"), ErrorPolicy.FAIL));
        assertEquals(dir.resolve("val.csv"), e.getFile());
        assertEquals(line, e.getLine());
        assertTrue(Files.notExists(temp.resolve("store")));
        return e;
    }

    @Test
    void badLabelScenarioNumberAndMissingLabel(@TempDir Path temp) throws IOException {
        DataException e = fails(temp.resolve("a"), 4, "search,maybe,30,x,u1,0,12");
        assertEquals(2, e.getColumn());
        assertEquals(ErrorReason.BAD_LABEL, e.getReason());
        e = fails(temp.resolve("b"), 5, "shop,no,30,x,u1,0,12");
        assertEquals(1, e.getColumn());
        assertEquals(ErrorReason.BAD_SCENARIO, e.getReason());
        e = fails(temp.resolve("c"), 6, "feed,no,thirty,\"a, b\",u1,0,12");
        assertEquals(3, e.getColumn());
        assertEquals(ErrorReason.BAD_NUMBER, e.getReason());
        assertTrue(e.getMessage().contains("column 'age'"), e.getMessage());
        e = fails(temp.resolve("d"), 7, "feed,no,30,x,u1,NA,12");
        assertEquals(6, e.getColumn());
        assertEquals(ErrorReason.MISSING_VALUE, e.getReason());
    }

    @Test
    void skipModeAndSchemaErrors(@TempDir Path temp) throws IOException {
        Path dir = files(temp.resolve("in"), 30);
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("test.csv")));
        lines.set(2, "feed,no,30,x,u1,2,12");
        lines.set(3, "feed,no,30,x,u1");
        Files.write(dir.resolve("test.csv"), lines);
        StoreManifest manifest = prepare(dir, temp.resolve("store"), ErrorPolicy.SKIP);
        assertEquals(2, manifest.getErrors().getSkippedTotal());
        assertEquals(8, manifest.split(Split.TEST).getRows());

        Files.writeString(dir.resolve("schema.json"), SCHEMA.replace("\"missing\"", "\"missin\""));
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> CsvSchema.read(dir.resolve("schema.json"), 1, 0));
        assertTrue(e.getMessage().contains("'missin': unknown key"), e.getMessage());
        Files.writeString(dir.resolve("schema.json"), SCHEMA.replace("city name", "town"));
        e =
                assertThrows(
                        DataException.class,
                        () -> prepare(dir, temp.resolve("store2"), ErrorPolicy.FAIL));
        assertTrue(
                e.getMessage().contains("train.csv:1: missing required column 'town'"),
                e.getMessage());
        assertNull(e.getReason());
        Files.writeString(dir.resolve("schema.json"), "{\"sparse\": [\"a\"], \"tasks\": [1]}");
        e =
                assertThrows(
                        DataException.class,
                        () -> CsvSchema.read(dir.resolve("schema.json"), 1, 0));
        assertTrue(e.getMessage().contains("'tasks[0]': expected an object"), e.getMessage());
    }
}
