/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.SkipReport;
import org.sapenet.data.error.StoreException;
import org.sapenet.data.schema.StoreSchema;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.store.StoreRow;
import org.sapenet.data.store.StoreWriter;

/** Value tables, id rules, vocabulary files and the store's dense scaling. */
class VocabularyTest {

    private static ValueTable table(Object... valueCounts) {
        ValueTable table = new ValueTable();
        for (int i = 0; i < valueCounts.length; i += 2) {
            table.count(table.intern((String) valueCounts[i]), (Integer) valueCounts[i + 1]);
        }
        return table;
    }

    @Test
    void internFindsEqualBytesAndGrows() {
        ValueTable table = new ValueTable();
        for (int i = 0; i < 5000; i++) {
            assertEquals(i, table.intern("v" + i));
        }
        byte[] line = "xx,v4321,yy".getBytes(StandardCharsets.UTF_8);
        assertEquals(4321, table.find(line, 3, 8));
        assertEquals(-1, table.find(line, 0, 2));
        assertEquals(4321, table.intern(line, 3, 8));
        assertEquals(5000, table.size());
        assertEquals("v17", table.text(17));
    }

    @Test
    void idsFollowMinCountAndNumericThenByteOrder() {
        ValueTable table = table("10", 3, "9", 5, "b", 4, "a", 9, "007", 4, "rare", 1);
        FrozenVocabulary vocabulary = table.freeze(VocabularyRule.of(2, 0));
        // numbers by value (9 before 10), then other texts by bytes ("007" is not canonical)
        assertEquals(6, vocabulary.size());
        assertEquals(1, vocabulary.id(1)); // "9"
        assertEquals(2, vocabulary.id(0)); // "10"
        assertArrayEquals("007".getBytes(StandardCharsets.UTF_8), vocabulary.value(3));
        assertEquals(4, vocabulary.id(3)); // "a"
        assertEquals(5, vocabulary.id(2)); // "b"
        assertEquals(0, vocabulary.id(5)); // "rare"
        assertEquals(0, vocabulary.id(-1));
        assertEquals(25.0 / 26.0, vocabulary.coverage(), 1e-12);
    }

    @Test
    void capKeepsTheMostFrequentAndReservedIdsComeFirst() {
        ValueTable table = table("", 100, "x", 50, "y", 7, "z", 50, "w", 3);
        FrozenVocabulary vocabulary = table.freeze(new VocabularyRule(1, 4, List.of("")));
        // ids: 0 unknown, 1 reserved "", then the 2 most frequent of x, y, z, w (x and z tie at 50)
        assertEquals(4, vocabulary.size());
        assertEquals(1, vocabulary.id(0));
        assertEquals(2, vocabulary.id(1)); // x
        assertEquals(3, vocabulary.id(3)); // z
        assertEquals(0, vocabulary.id(2)); // y: beyond the cap
        assertThrows(IllegalArgumentException.class, () -> new VocabularyRule(1, 2, List.of("")));
        assertThrows(IllegalArgumentException.class, () -> VocabularyRule.of(0, 0));
    }

    private static Path store(Path temp) throws IOException {
        StoreSchema schema =
                new StoreSchema(
                        List.of("city", "id"), List.of("price"), List.of("s"), List.of("t"), null);
        ValueTable cities = table("Paris, FR", 3, "tab\there", 2, "line\nbreak\\", 2, "ünï", 5);
        Path root = temp.resolve("store");
        try (StoreWriter writer = StoreWriter.create(root, schema, false)) {
            writer.putVocabulary(0, cities.freeze(VocabularyRule.of(1, 0)));
            StoreRow row = new StoreRow(schema);
            row.setSparse(1, 7);
            row.setLabel(0, true);
            writer.append(Split.TRAIN, row);
            writer.append(Split.VAL, row);
            writer.append(Split.TEST, row);
            writer.commit(
                    null,
                    Map.of(),
                    Map.of("price", StoreManifest.DenseRange.minMax(10.0, 20.0, 0.0)),
                    null,
                    ErrorPolicy.FAIL,
                    new SkipReport());
        }
        return root;
    }

    @Test
    void fileRoundTripsAnyTextAndIsChecked(@TempDir Path temp) throws IOException {
        Path root = store(temp);
        PreparedStore store = PreparedStore.open(root);
        assertEquals(5, store.vocabularySizes()[0]);
        Vocabulary cities = Vocabulary.load(store, "city");
        assertEquals("city", cities.getField());
        assertEquals(1, cities.id("Paris, FR"));
        assertEquals(2, cities.id("line\nbreak\\"));
        assertEquals(3, cities.id("tab\there"));
        assertEquals(4, cities.id("ünï"));
        assertEquals(0, cities.id("Lyon"));
        assertNull(cities.value(0));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.load(store, "id"));
        String text = Files.readString(root.resolve("vocab/000-city.tsv"));
        assertTrue(text.startsWith("#sapenet-vocabulary 1\n#field city\n#size 5\n1\tParis, FR\n"));

        // the store's dense scaling: min-max with the training range, clipped, missing filled
        DenseScaling price = DenseScaling.fromManifest(store.getManifest()).get(0);
        assertEquals(0.25f, price.apply(12.5f));
        assertEquals(1f, price.apply(99f));
        assertEquals(0f, price.apply(Float.NaN));

        Files.writeString(root.resolve("vocab/000-city.tsv"), text.replace("Paris", "Parix"));
        StoreException e = assertThrows(StoreException.class, () -> Vocabulary.load(store, "city"));
        assertTrue(e.getMessage().contains("damaged store"), e.getMessage());
        assertThrows(StoreException.class, store::verifyChecksums);
        Files.writeString(
                root.resolve("vocab/000-city.tsv"), text.replace("vocabulary 1", "vocabulary 2"));
        e =
                assertThrows(
                        StoreException.class,
                        () -> Vocabulary.read(root.resolve("vocab/000-city.tsv")));
        assertTrue(e.getMessage().contains("prepare the store again"), e.getMessage());
    }
}
