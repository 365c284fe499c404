/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** synth -> prepare -> inspect through the command line, and bad input exits 1 with the message. */
class DataCommandsTest {

    @TempDir Path temp;

    private static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = SapenetCli.execute(args);
            return new String[] {
                Integer.toString(code),
                outBytes.toString(StandardCharsets.UTF_8),
                errBytes.toString(StandardCharsets.UTF_8)
            };
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void synthPrepareInspect() {
        Path csv = temp.resolve("csv");
        Path store = temp.resolve("store");
        String[] synth = run("synth", "--rows", "4000", "--seed", "3", "--out", csv.toString());
        assertEquals("0", synth[0], synth[2]);
        assertTrue(synth[1].contains("oracle AUC"), synth[1]);
        assertTrue(Files.exists(csv.resolve("oracle.json")));
        String[] prepare =
                run(
                        "prepare",
                        "--format",
                        "aliccp",
                        "--input",
                        csv.toString(),
                        "--out",
                        store.toString());
        assertEquals("0", prepare[0], prepare[2]);
        assertTrue(prepare[1].contains("prepared"), prepare[1]);
        String[] again =
                run(
                        "prepare",
                        "--format",
                        "aliccp",
                        "--input",
                        csv.toString(),
                        "--out",
                        store.toString());
        assertEquals("1", again[0]);
        assertTrue(again[2].contains("already exists"), again[2]);
        String[] inspect = run("inspect", "--verify", store.toString());
        assertEquals("0", inspect[0], inspect[2]);
        assertTrue(inspect[1].contains("train  all"), inspect[1]);
        assertTrue(inspect[1].contains("verified"), inspect[1]);
    }

    @Test
    void synthProfileIsChosenAndCheckedOnTheCommandLine() throws IOException {
        Path csv = temp.resolve("balanced");
        String[] synth =
                run("synth", "--rows", "400", "--profile", "balanced", "--out", csv.toString());
        assertEquals("0", synth[0], synth[2]);
        assertTrue(synth[1].contains("profile balanced"), synth[1]);
        assertTrue(Files.readString(csv.resolve("oracle.json")).contains("\"balanced\""));
        String[] unknown =
                run("synth", "--rows", "400", "--profile", "even", "--out", csv.toString());
        assertNotEquals("0", unknown[0]);
        assertTrue(unknown[2].contains("expected aliccp or balanced"), unknown[2]);
        String[] raw =
                run(
                        "synth",
                        "--format",
                        "kuaisar",
                        "--rows",
                        "400",
                        "--profile",
                        "balanced",
                        "--out",
                        temp.resolve("k").toString());
        assertNotEquals("0", raw[0]);
        assertTrue(raw[2].contains("--format aliccp only"), raw[2]);
    }

    @Test
    void badInputExitsOneWithFileLineColumn() throws IOException {
        Path csv = temp.resolve("csv");
        run("synth", "--rows", "40", "--seed", "3", "--out", csv.toString());
        Path val = csv.resolve("ali_ccp_val.csv");
        List<String> lines = Files.readAllLines(val);
        lines.set(3, lines.get(3).replaceFirst("^0,0,", "0,x,"));
        Files.write(val, lines);
        String[] prepare =
                run(
                        "prepare",
                        "--format",
                        "aliccp",
                        "--input",
                        csv.toString(),
                        "--out",
                        temp.resolve("store").toString());
        assertEquals("1", prepare[0], prepare[1]);
        assertTrue(prepare[2].contains("ali_ccp_val.csv:4:2: column 'purchase'"), prepare[2]);
        String[] skip =
                run(
                        "prepare",
                        "--format",
                        "aliccp",
                        "--input",
                        csv.toString(),
                        "--out",
                        temp.resolve("store").toString(),
                        "--on-error",
                        "skip");
        assertEquals("0", skip[0], skip[2]);
        assertTrue(skip[1].contains("rows skipped: 1 {bad-label=1}"), skip[1]);
    }
}
