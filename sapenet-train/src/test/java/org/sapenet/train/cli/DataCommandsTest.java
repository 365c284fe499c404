/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** synth -> prepare -> inspect through the command line, and bad input exits 1 with the message. */
class DataCommandsTest {

    @TempDir Path temp;

    @Test
    void synthPrepareInspect() {
        Path csv = temp.resolve("csv");
        Path store = temp.resolve("store");
        CliRun synth =
                CliRun.sapenet("synth", "--rows", "4000", "--seed", "3", "--out", csv.toString());
        assertEquals(0, synth.code(), synth.err());
        assertTrue(synth.out().contains("oracle AUC"), synth.out());
        assertTrue(Files.exists(csv.resolve("oracle.json")));
        CliRun prepare =
                CliRun.sapenet(
                        "prepare",
                        "--format",
                        "aliccp",
                        "--input",
                        csv.toString(),
                        "--out",
                        store.toString());
        assertEquals(0, prepare.code(), prepare.err());
        assertTrue(prepare.out().contains("prepared"), prepare.out());
        CliRun again =
                CliRun.sapenet(
                        "prepare",
                        "--format",
                        "aliccp",
                        "--input",
                        csv.toString(),
                        "--out",
                        store.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("already exists"), again.err());
        CliRun inspect = CliRun.sapenet("inspect", "--verify", store.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("train  all"), inspect.out());
        assertTrue(inspect.out().contains("verified"), inspect.out());
    }

    @Test
    void synthProfileIsChosenAndCheckedOnTheCommandLine() throws IOException {
        Path csv = temp.resolve("balanced");
        CliRun synth =
                CliRun.sapenet(
                        "synth", "--rows", "400", "--profile", "balanced", "--out", csv.toString());
        assertEquals(0, synth.code(), synth.err());
        assertTrue(synth.out().contains("profile balanced"), synth.out());
        assertTrue(Files.readString(csv.resolve("oracle.json")).contains("\"balanced\""));
        CliRun unknown =
                CliRun.sapenet(
                        "synth", "--rows", "400", "--profile", "even", "--out", csv.toString());
        assertNotEquals(0, unknown.code());
        assertTrue(unknown.err().contains("expected aliccp or balanced"), unknown.err());
        CliRun raw =
                CliRun.sapenet(
                        "synth",
                        "--format",
                        "kuaisar",
                        "--rows",
                        "400",
                        "--profile",
                        "balanced",
                        "--out",
                        temp.resolve("k").toString());
        assertNotEquals(0, raw.code());
        assertTrue(raw.err().contains("--format aliccp only"), raw.err());
    }

    @Test
    void badInputExitsOneWithFileLineColumn() throws IOException {
        Path csv = temp.resolve("csv");
        CliRun.sapenet("synth", "--rows", "40", "--seed", "3", "--out", csv.toString());
        Path val = csv.resolve("ali_ccp_val.csv");
        List<String> lines = Files.readAllLines(val);
        lines.set(3, lines.get(3).replaceFirst("^0,0,", "0,x,"));
        Files.write(val, lines);
        CliRun prepare =
                CliRun.sapenet(
                        "prepare",
                        "--format",
                        "aliccp",
                        "--input",
                        csv.toString(),
                        "--out",
                        temp.resolve("store").toString());
        assertEquals(1, prepare.code(), prepare.out());
        assertTrue(prepare.err().contains("ali_ccp_val.csv:4:2: column 'purchase'"), prepare.err());
        CliRun skip =
                CliRun.sapenet(
                        "prepare",
                        "--format",
                        "aliccp",
                        "--input",
                        csv.toString(),
                        "--out",
                        temp.resolve("store").toString(),
                        "--on-error",
                        "skip");
        assertEquals(0, skip.code(), skip.err());
        assertTrue(skip.out().contains("rows skipped: 1 {bad-label=1}"), skip.out());
    }
}
