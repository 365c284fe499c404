/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.aliccp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.TestData;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.ErrorReason;
import org.sapenet.data.error.StoreException;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;

/** Each kind of bad input gets its error, naming file, line and column. */
class BadInputTest {

    @TempDir Path temp;

    private List<String> lines;

    @BeforeEach
    void readSample() throws IOException {
        lines =
                Files.readAllLines(
                                TestData.aliccpSamples("torch-rechub")
                                        .resolve("ali_ccp_train_sample.csv"))
                        .subList(0, 6);
    }

    /** Writes train (lines changed by edit), val and test; returns the input folder. */
    private Path input(UnaryOperator<List<String>> edit) throws IOException {
        Path input = temp.resolve("in");
        TestData.write(input.resolve("ali_ccp_train.csv"), edit.apply(new ArrayList<>(lines)));
        TestData.write(input.resolve("ali_ccp_val.csv"), lines);
        TestData.write(input.resolve("ali_ccp_test.csv"), lines);
        return input;
    }

    private static List<String> setCell(List<String> lines, int line, int column, String value) {
        String[] cells = lines.get(line - 1).split(",", -1);
        cells[column - 1] = value;
        lines.set(line - 1, String.join(",", cells));
        return lines;
    }

    private DataException fail(Path input) {
        return assertThrows(
                DataException.class,
                () ->
                        AliccpPreparer.builder()
                                .setInput(input)
                                .setOutput(temp.resolve("store"))
                                .build()
                                .prepare());
    }

    private void assertAt(
            DataException e, ErrorReason reason, long line, int column, String... fragments) {
        assertEquals(reason, e.getReason(), e.getMessage());
        assertEquals("ali_ccp_train.csv", e.getFile().getFileName().toString());
        assertEquals(line, e.getLine(), e.getMessage());
        assertEquals(column, e.getColumn(), e.getMessage());
        String prefix = "ali_ccp_train.csv:" + line + (column > 0 ? ":" + column : "") + ": ";
        assertTrue(e.getMessage().contains(prefix), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), e.getMessage());
        }
        assertFalse(Files.exists(temp.resolve("store")), "no store after a failed run");
    }

    @Test
    void wrongColumnCount() throws IOException {
        DataException e =
                fail(
                        input(
                                l -> {
                                    l.set(2, l.get(2) + ",7");
                                    return l;
                                }));
        assertAt(e, ErrorReason.COLUMN_COUNT, 3, 0, "expected 33 columns", "found 34");
    }

    @Test
    void nonNumericId() throws IOException {
        DataException e = fail(input(l -> setCell(l, 4, 12, "x7")));
        assertAt(e, ErrorReason.BAD_ID, 4, 12, "column '205'", "non-negative integer id", "'x7'");
    }

    @Test
    void negativeId() throws IOException {
        DataException e = fail(input(l -> setCell(l, 2, 3, "-1")));
        assertAt(e, ErrorReason.BAD_ID, 2, 3, "column '101'");
    }

    @Test
    void unknownScenario() throws IOException {
        DataException e = fail(input(l -> setCell(l, 5, 21, "4")));
        assertAt(e, ErrorReason.BAD_SCENARIO, 5, 21, "column '301'", "1, 2 or 3", "'4'");
    }

    @Test
    void nanDense() throws IOException {
        DataException e = fail(input(l -> setCell(l, 3, 26, "NaN")));
        assertAt(e, ErrorReason.NOT_FINITE, 3, 26, "column 'D109_14'", "finite");
    }

    @Test
    void nonNumericDense() throws IOException {
        DataException e = fail(input(l -> setCell(l, 6, 33, "0.1.2")));
        assertAt(e, ErrorReason.BAD_NUMBER, 6, 33, "column 'D853'", "decimal number");
    }

    @Test
    void badLabel() throws IOException {
        DataException e = fail(input(l -> setCell(l, 2, 1, "2")));
        assertAt(e, ErrorReason.BAD_LABEL, 2, 1, "column 'click'", "0 or 1");
    }

    @Test
    void purchaseWithoutClick() throws IOException {
        DataException e = fail(input(l -> setCell(setCell(l, 3, 1, "0"), 3, 2, "1")));
        assertAt(e, ErrorReason.PURCHASE_WITHOUT_CLICK, 3, 2, "column 'purchase'");
    }

    @Test
    void missingRequiredColumn() throws IOException {
        Path input =
                input(
                        l -> {
                            List<String> out = new ArrayList<>();
                            for (String line : l) {
                                out.add(line.substring(line.indexOf(',') + 1));
                            }
                            return out;
                        });
        DataException e = fail(input);
        assertTrue(
                e.getMessage()
                        .contains(
                                "ali_ccp_train.csv:1: missing required column 'click': the header"
                                        + " must name the 33 processed AliCCP columns (in any"
                                        + " order), found: "
                                        + lines.get(0).substring(lines.get(0).indexOf(',') + 1)),
                e.getMessage());
        assertNull(e.getReason());
    }

    @Test
    void duplicateHeaderColumnsAreErrorsLikeEveryOtherReader() throws IOException {
        // an AliCCP column twice, and (the rule of HeaderIndex, shared by every CSV reader) an
        // extra
        // column twice: both name the file, line 1 and the second column
        for (String extra : List.of("click", "note")) {
            Path input =
                    input(
                            l -> {
                                List<String> out = new ArrayList<>();
                                out.add(l.get(0) + ",note," + extra);
                                for (String line : l.subList(1, l.size())) {
                                    out.add(line + ",x,0");
                                }
                                return out;
                            });
            DataException e = fail(input);
            int first = extra.equals("note") ? 34 : 1;
            assertTrue(
                    e.getMessage()
                            .endsWith(
                                    "ali_ccp_train.csv:1:35: duplicate header column '"
                                            + extra
                                            + "' (also column "
                                            + first
                                            + ")"),
                    e.getMessage());
            assertNull(e.getReason());
        }
    }

    @Test
    void emptyFile() throws IOException {
        Path input = input(l -> l);
        Files.write(input.resolve("ali_ccp_val.csv"), new byte[0]);
        DataException e = fail(input);
        assertTrue(e.getMessage().contains("ali_ccp_val.csv: empty file"), e.getMessage());
    }

    @Test
    void headerOnly() throws IOException {
        Path input = input(l -> l.subList(0, 1));
        DataException e = fail(input);
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void truncatedLastLine() throws IOException {
        Path input = input(l -> l);
        Path train = input.resolve("ali_ccp_train.csv");
        String text = Files.readString(train, StandardCharsets.UTF_8);
        Files.writeString(train, text.substring(0, text.length() - 30), StandardCharsets.UTF_8);
        DataException e = fail(input);
        assertAt(e, ErrorReason.TRUNCATED_LINE, 6, 0, "truncated last line", "no final newline");
    }

    @Test
    void completeLastLineWithoutNewlineIsAccepted() throws IOException {
        Path input = input(l -> l);
        Path train = input.resolve("ali_ccp_train.csv");
        String text = Files.readString(train, StandardCharsets.UTF_8);
        Files.writeString(train, text.strip() + "\r", StandardCharsets.UTF_8);
        StoreManifest manifest =
                AliccpPreparer.builder()
                        .setInput(input)
                        .setOutput(temp.resolve("store"))
                        .build()
                        .prepare();
        assertEquals(5, manifest.split(Split.TRAIN).getRows());
    }

    /** Skip mode skips bad rows, counts them by reason and records the counts in the manifest. */
    @Test
    void skipCountsEveryReason() throws IOException {
        Path input =
                input(
                        l -> {
                            setCell(l, 2, 12, "abc");
                            setCell(l, 3, 21, "0");
                            setCell(l, 4, 12, "");
                            l.add(
                                    String.join(",", AliccpSchema.HEADER)
                                            .replaceAll("[^,]+", "1")
                                            .substring(2));
                            return l;
                        });
        StoreManifest manifest =
                AliccpPreparer.builder()
                        .setInput(input)
                        .setOutput(temp.resolve("store"))
                        .optErrorPolicy(ErrorPolicy.SKIP)
                        .build()
                        .prepare();
        assertEquals(2, manifest.split(Split.TRAIN).getRows());
        StoreManifest.Errors errors = manifest.getErrors();
        assertEquals("skip", errors.getPolicy());
        assertEquals(4, errors.getSkippedTotal());
        assertEquals(2L, errors.getSkipped().get("bad-id"));
        assertEquals(1L, errors.getSkipped().get("bad-scenario"));
        assertEquals(1L, errors.getSkipped().get("column-count"));
        assertTrue(errors.getExamples().get("bad-id").contains("ali_ccp_train.csv:2:12"));
    }

    /** An existing store is not replaced without force; with force it is, atomically. */
    @Test
    void existingStoreNeedsForce() throws IOException {
        Path input = input(l -> l);
        Path store = temp.resolve("store");
        AliccpPreparer.builder().setInput(input).setOutput(store).build().prepare();
        StoreException e =
                assertThrows(
                        StoreException.class,
                        () ->
                                AliccpPreparer.builder()
                                        .setInput(input)
                                        .setOutput(store)
                                        .build()
                                        .prepare());
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        AliccpPreparer.builder().setInput(input).setOutput(store).optForce(true).build().prepare();
        try (Stream<Path> entries = Files.list(temp)) {
            assertEquals(
                    List.of("in", "store"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary or old folder is left behind");
        }
    }

    /** A run that fails half way leaves neither the target nor a temporary folder. */
    @Test
    void failedRunLeavesNothing() throws IOException {
        Path input = input(l -> setCell(l, 6, 12, "bad"));
        fail(input);
        try (Stream<Path> entries = Files.list(temp)) {
            assertEquals(List.of("in"), entries.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** One stray id must not size a field's embedding table: it is a bad id past --max-vocab. */
    @Test
    void idAtOrAboveTheVocabularyBoundIsABadId() throws IOException {
        DataException e = fail(input(l -> setCell(l, 3, 3, "2147483646")));
        assertAt(
                e,
                ErrorReason.BAD_ID,
                3,
                3,
                "column '101'",
                "id 2147483646 is not below --max-vocab 10000000",
                "2147483647 rows");
        Path input = input(l -> setCell(l, 3, 3, "1000"));
        DataException bounded =
                assertThrows(
                        DataException.class,
                        () ->
                                AliccpPreparer.builder()
                                        .setInput(input)
                                        .setOutput(temp.resolve("store"))
                                        .optMaxVocab(1000)
                                        .build()
                                        .prepare());
        assertAt(bounded, ErrorReason.BAD_ID, 3, 3, "not below --max-vocab 1000");
        StoreManifest manifest =
                AliccpPreparer.builder()
                        .setInput(input)
                        .setOutput(temp.resolve("store"))
                        .optMaxVocab(1001)
                        .build()
                        .prepare();
        assertEquals(1001, manifest.getSchema().getSparse().get(0).getVocabularySize());
    }

    /** A split whose every row was skipped is an error, not an empty split. */
    @Test
    void splitEmptiedBySkippingIsAnError() throws IOException {
        Path input = input(l -> l);
        List<String> val = new ArrayList<>(lines);
        for (int line = 2; line <= val.size(); line++) {
            setCell(val, line, 21, "9");
        }
        TestData.write(input.resolve("ali_ccp_val.csv"), val);
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                AliccpPreparer.builder()
                                        .setInput(input)
                                        .setOutput(temp.resolve("store"))
                                        .optErrorPolicy(ErrorPolicy.SKIP)
                                        .build()
                                        .prepare());
        assertTrue(
                e.getMessage().startsWith("the val split has no rows left: every row for it was"),
                e.getMessage());
        assertTrue(e.getMessage().contains("{bad-scenario=5}"), e.getMessage());
        assertFalse(Files.exists(temp.resolve("store")));
    }

    /** A folder given as a split's file is named as a folder. */
    @Test
    void folderGivenAsASplitFile() throws IOException {
        Path input = input(l -> l);
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                AliccpPreparer.builder()
                                        .optFile(Split.TRAIN, input)
                                        .optFile(Split.TEST, input.resolve("ali_ccp_test.csv"))
                                        .setOutput(temp.resolve("store"))
                                        .build()
                                        .prepare());
        assertEquals(
                input
                        + ": is a folder, given as the train split's file: name the CSV file, or"
                        + " give the folder with --input",
                e.getMessage());
    }

    /** The store's folders and files get the permissions the umask gives any new ones. */
    @Test
    void storeFollowsTheUmask() throws IOException {
        Path probeFolder = Files.createDirectory(temp.resolve("probe-folder"));
        Path probeFile = Files.createFile(temp.resolve("probe-file"));
        Path store = temp.resolve("store");
        AliccpPreparer.builder().setInput(input(l -> l)).setOutput(store).build().prepare();
        assertEquals(
                Files.getPosixFilePermissions(probeFolder), Files.getPosixFilePermissions(store));
        assertEquals(
                Files.getPosixFilePermissions(probeFile),
                Files.getPosixFilePermissions(store.resolve("manifest.json")));
    }
}
