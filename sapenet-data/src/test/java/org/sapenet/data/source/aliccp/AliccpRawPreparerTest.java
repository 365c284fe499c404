/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.aliccp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.ErrorReason;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.synth.SyntheticAliccpRaw;
import org.sapenet.data.vocab.Vocabulary;

/** The raw AliCCP files give the store the processed CSVs of the same rows give. */
class AliccpRawPreparerTest {

    @TempDir static Path shared;

    static Path raw;

    @BeforeAll
    static void synthesise() throws IOException {
        raw = shared.resolve("raw");
        SyntheticAliccpRaw.write(raw, 6000, 11, false);
    }

    private static StoreManifest prepareRaw(Path input, Path out, ErrorPolicy policy)
            throws IOException {
        return AliccpRawPreparer.builder()
                .setInput(input)
                .setOutput(out)
                .optSeed(5)
                .optErrorPolicy(policy)
                .build()
                .prepare();
    }

    @Test
    void sameStoreAsProcessedCsvsOfTheSameRows(@TempDir Path temp) throws IOException {
        StoreManifest fromRaw = prepareRaw(raw, temp.resolve("raw-store"), ErrorPolicy.FAIL);
        RawReference.process(raw, temp.resolve("processed"), 10, 5);
        StoreManifest fromCsv =
                AliccpPreparer.builder()
                        .setInput(temp.resolve("processed"))
                        .setOutput(temp.resolve("csv-store"))
                        .build()
                        .prepare();
        assertEquals(AliccpSchema.SPARSE_FIELDS.size(), fromRaw.getSchema().getSparse().size());
        assertArrayEquals(fromCsv.vocabularySizes(), fromRaw.vocabularySizes());
        for (Split split : Split.values()) {
            StoreManifest.SplitInfo a = fromRaw.split(split);
            StoreManifest.SplitInfo b = fromCsv.split(split);
            assertTrue(a.getRows() > 100, split + " rows " + a.getRows());
            assertEquals(b.getRows(), a.getRows(), split.key());
            for (int c = 0; c < a.getColumns().size(); c++) {
                StoreManifest.ColumnInfo ca = a.getColumns().get(c);
                StoreManifest.ColumnInfo cb = b.getColumns().get(c);
                assertEquals(cb.getName(), ca.getName());
                assertArrayEquals(
                        Files.readAllBytes(
                                temp.resolve("csv-store/" + split.key()).resolve(cb.getFile())),
                        Files.readAllBytes(
                                temp.resolve("raw-store/" + split.key()).resolve(ca.getFile())),
                        split.key() + " " + ca.getName());
            }
        }
        long dropped =
                ((Number) fromRaw.getSource().get("droppedClickZeroConversionOne")).longValue();
        assertTrue(dropped > 0, "the synthetic data has click=0 conversion=1 rows to drop");
        PreparedStore store = PreparedStore.open(temp.resolve("raw-store"));
        Vocabulary scenario = Vocabulary.load(store, "301");
        assertEquals(4, scenario.size());
        for (int s = 1; s <= 3; s++) {
            assertEquals(s, scenario.id(Long.toString(SyntheticAliccpRaw.rawId("301", s))));
        }
        Vocabulary users = Vocabulary.load(store, "101");
        assertEquals(0, users.id("no such user"));
        assertEquals(users.size(), store.vocabularySizes()[0]);
        // the decoy 109_14 entry (earlier in the list, raw id = real raw id + 1) never wins
        Vocabulary behaviour = Vocabulary.load(store, "109_14");
        for (int id = 1; id < behaviour.size(); id++) {
            long value = Long.parseLong(behaviour.value(id));
            assertEquals(0, (value - SyntheticAliccpRaw.rawId("109_14", 0)) % 3, "decoy won");
        }
    }

    private static Path copyRaw(Path temp, String file, UnaryOperator<List<String>> edit)
            throws IOException {
        Path input = temp.resolve("in");
        Files.createDirectories(input);
        for (String name :
                List.of(
                        AliccpRawPreparer.SKELETON_TRAIN,
                        AliccpRawPreparer.COMMON_TRAIN,
                        AliccpRawPreparer.SKELETON_TEST,
                        AliccpRawPreparer.COMMON_TEST)) {
            List<String> lines = Files.readAllLines(raw.resolve(name), StandardCharsets.UTF_8);
            if (name.equals(file)) {
                lines = edit.apply(new ArrayList<>(lines));
            }
            Files.write(input.resolve(name), lines, StandardCharsets.UTF_8);
        }
        return input;
    }

    private static UnaryOperator<List<String>> cell(int line, int column, String value) {
        return lines -> {
            String[] cells = lines.get(line - 1).split(",", -1);
            cells[column - 1] = value;
            lines.set(line - 1, String.join(",", cells));
            return lines;
        };
    }

    private static DataException fails(Path temp, String file, UnaryOperator<List<String>> edit)
            throws IOException {
        Path input = copyRaw(temp, file, edit);
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> prepareRaw(input, temp.resolve("store"), ErrorPolicy.FAIL));
        assertEquals(input.resolve(file), e.getFile(), e.getMessage());
        assertTrue(
                e.getMessage().startsWith(input.resolve(file) + ":" + e.getLine()), e.getMessage());
        assertTrue(Files.notExists(temp.resolve("store")), "no store after a failure");
        return e;
    }

    @Test
    void badLabelNamesFileLineColumn(@TempDir Path temp) throws IOException {
        DataException e = fails(temp, AliccpRawPreparer.SKELETON_TRAIN, cell(7, 2, "2"));
        assertEquals(7, e.getLine());
        assertEquals(2, e.getColumn());
        assertEquals(ErrorReason.BAD_LABEL, e.getReason());
    }

    @Test
    void unknownCommonIndex(@TempDir Path temp) throws IOException {
        DataException e = fails(temp, AliccpRawPreparer.SKELETON_TEST, cell(3, 4, "deadbeef"));
        assertEquals(3, e.getLine());
        assertEquals(4, e.getColumn());
        assertEquals(ErrorReason.MISSING_REFERENCE, e.getReason());
    }

    @Test
    void malformedEntryAndWrongCount(@TempDir Path temp) throws IOException {
        DataException e =
                fails(temp, AliccpRawPreparer.SKELETON_TRAIN, cell(5, 6, "205\u00021234"));
        assertEquals(5, e.getLine());
        assertEquals(6, e.getColumn());
        assertEquals(ErrorReason.BAD_FEATURE, e.getReason());
        e = fails(temp, AliccpRawPreparer.SKELETON_TRAIN, cell(9, 5, "77"));
        assertEquals(9, e.getLine());
        assertEquals(5, e.getColumn());
        assertTrue(e.getMessage().contains("feature_num"), e.getMessage());
    }

    @Test
    void badDenseValueInCommonFile(@TempDir Path temp) throws IOException {
        DataException e =
                fails(
                        temp,
                        AliccpRawPreparer.COMMON_TRAIN,
                        lines -> {
                            lines.set(
                                    1,
                                    lines.get(1)
                                            .replaceFirst(
                                                    "(109_14\u0002[0-9]+\u0003)[0-9.]+", "$1abc"));
                            return lines;
                        });
        assertEquals(2, e.getLine());
        assertEquals(3, e.getColumn());
        assertEquals(ErrorReason.BAD_NUMBER, e.getReason());
    }

    @Test
    void wrongColumnCountAndSkipMode(@TempDir Path temp) throws IOException {
        UnaryOperator<List<String>> edit =
                lines -> {
                    lines.set(10, lines.get(10) + ",extra");
                    lines.set(20, "7,1,0");
                    return lines;
                };
        DataException e = fails(temp, AliccpRawPreparer.SKELETON_TRAIN, edit);
        assertEquals(11, e.getLine());
        assertEquals(ErrorReason.COLUMN_COUNT, e.getReason());
        Path input = copyRaw(temp.resolve("skip"), AliccpRawPreparer.SKELETON_TRAIN, edit);
        StoreManifest manifest = prepareRaw(input, temp.resolve("skip-store"), ErrorPolicy.SKIP);
        assertEquals(2, manifest.getErrors().getSkippedTotal());
        assertEquals(2L, manifest.getErrors().getSkipped().get("column-count"));
    }

    /**
     * The training skeleton is parsed once and its rows encoded from the spill: an error found at
     * encoding still names the line, and each bad row is counted once.
     */
    @Test
    void trainingScenarioErrorNamesItsLineAndRowsAreSkippedOnce(@TempDir Path temp)
            throws IOException {
        Path file = raw.resolve(AliccpRawPreparer.SKELETON_TRAIN);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Integer> kept = new ArrayList<>(); // lines of rows that are not dropped
        for (int line = 1; line <= lines.size() && kept.size() < 2; line++) {
            if (lines.get(line - 1).split(",")[1].equals("1")) {
                kept.add(line);
            }
        }
        int scenarioLine = kept.get(0);
        int labelLine = kept.get(1);
        // a scenario value seen once: id 0 only once the vocabularies are frozen
        UnaryOperator<List<String>> scenario =
                rows -> {
                    String row = rows.get(scenarioLine - 1);
                    rows.set(
                            scenarioLine - 1,
                            row.replaceFirst("301\u0002[0-9]+", "301\u000299999999"));
                    return rows;
                };
        DataException e = fails(temp, AliccpRawPreparer.SKELETON_TRAIN, scenario);
        assertEquals(ErrorReason.BAD_SCENARIO, e.getReason());
        assertEquals(scenarioLine, e.getLine());
        assertEquals(6, e.getColumn());
        assertTrue(e.getMessage().contains("column 'feature_list'"), e.getMessage());

        StoreManifest clean = prepareRaw(raw, temp.resolve("clean"), ErrorPolicy.SKIP);
        Path input =
                copyRaw(
                        temp.resolve("skip"),
                        AliccpRawPreparer.SKELETON_TRAIN,
                        scenario.andThen(cell(labelLine, 2, "x"))::apply);
        StoreManifest skipped = prepareRaw(input, temp.resolve("skip-store"), ErrorPolicy.SKIP);
        StoreManifest.Errors errors = skipped.getErrors();
        assertEquals(2, errors.getSkippedTotal(), errors.getSkipped().toString());
        assertEquals(1L, errors.getSkipped().get("bad-scenario"));
        assertEquals(1L, errors.getSkipped().get("bad-label"));
        Path skippedFile = input.resolve(AliccpRawPreparer.SKELETON_TRAIN);
        assertTrue(
                errors.getExamples()
                        .get("bad-scenario")
                        .startsWith(skippedFile + ":" + scenarioLine + ":6: "),
                errors.getExamples().get("bad-scenario"));
        assertEquals(clean.split(Split.TRAIN).getRows() - 2, skipped.split(Split.TRAIN).getRows());
        assertEquals(clean.getSource().get("rowsRead"), skipped.getSource().get("rowsRead"));
        assertEquals(
                clean.getSource().get("droppedClickZeroConversionOne"),
                skipped.getSource().get("droppedClickZeroConversionOne"));
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(
                    List.of(),
                    left.filter(p -> p.getFileName().toString().startsWith(".sapenet-rows-"))
                            .collect(Collectors.toList()),
                    "the spill file is deleted");
        }
    }
}
