/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** synth -> prepare -> inspect for aliccp-raw, kuaisar and csv through the command line. */
class FormatCommandsTest {

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
    void aliccpRawEndToEnd() throws IOException {
        Path raw = temp.resolve("raw");
        Path store = temp.resolve("store");
        String[] synth =
                run("synth", "--format", "aliccp-raw", "--rows", "3000", "--out", raw.toString());
        assertEquals("0", synth[0], synth[2]);
        assertTrue(synth[1].contains("oracle AUC"), synth[1]);
        String[] prepare =
                run(
                        "prepare",
                        "--format",
                        "aliccp-raw",
                        "--input",
                        raw.toString(),
                        "--min-count",
                        "5",
                        "--out",
                        store.toString());
        assertEquals("0", prepare[0], prepare[2]);
        assertTrue(Files.isRegularFile(store.resolve("vocab/000-101.tsv")));
        String[] inspect = run("inspect", "--verify", store.toString());
        assertEquals("0", inspect[0], inspect[2]);
        assertTrue(inspect[1].contains("verified"), inspect[1]);
        // a damaged vocabulary is refused by inspect --verify
        Path vocab = store.resolve("vocab/000-101.tsv");
        Files.writeString(vocab, Files.readString(vocab).replace("\t", "\tx"));
        String[] damaged = run("inspect", "--verify", store.toString());
        assertEquals("1", damaged[0]);
        assertTrue(damaged[2].contains("000-101.tsv"), damaged[2]);
    }

    @Test
    void kuaisarEndToEndAndLocatedError() throws IOException {
        Path raw = temp.resolve("kuaisar");
        String[] synth =
                run("synth", "--format", "kuaisar", "--rows", "5000", "--out", raw.toString());
        assertEquals("0", synth[0], synth[2]);
        String[] prepare =
                run(
                        "prepare",
                        "--format",
                        "kuaisar",
                        "--input",
                        raw.toString(),
                        "--max-vocab",
                        "1000",
                        "--out",
                        temp.resolve("store").toString());
        assertEquals("0", prepare[0], prepare[2]);
        assertTrue(prepare[1].contains("recommendation"), prepare[1]);
        Path rec = raw.resolve("rec_inter.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(rec));
        List<String> header = List.of(lines.get(0).split(","));
        String[] cells = lines.get(2).split(",", -1);
        int like = header.indexOf("like");
        cells[like] = "often";
        lines.set(2, String.join(",", cells));
        Files.write(rec, lines);
        String[] bad =
                run(
                        "prepare",
                        "--format",
                        "kuaisar",
                        "--input",
                        raw.toString(),
                        "--out",
                        temp.resolve("bad").toString());
        assertEquals("1", bad[0]);
        assertTrue(bad[2].contains(rec + ":3:" + (like + 1) + ": column 'like'"), bad[2]);
        assertTrue(Files.notExists(temp.resolve("bad")));
    }

    @Test
    void csvWithSchema() throws IOException {
        Path in = temp.resolve("in");
        Files.createDirectories(in);
        Files.writeString(
                in.resolve("schema.json"),
                "{\"sparse\": [\"user\", \"item\"], \"dense\": [{\"name\": \"price\","
                        + " \"scaling\": \"minmax\"}], \"tasks\": [{\"name\": \"click\"}]}");
        StringBuilder csv = new StringBuilder("user,item,price,click\n");
        for (int i = 0; i < 200; i++) {
            csv.append("u").append(i % 13).append(",\"item, ").append(i % 17).append("\",");
            csv.append(i % 29).append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
        }
        Files.writeString(in.resolve("all.csv"), csv.toString());
        String[] prepare =
                run(
                        "prepare",
                        "--format",
                        "csv",
                        "--schema",
                        in.resolve("schema.json").toString(),
                        "--input",
                        in.resolve("all.csv").toString(),
                        "--out",
                        temp.resolve("store").toString());
        assertEquals("0", prepare[0], prepare[2]);
        assertTrue(Files.isRegularFile(temp.resolve("store/vocab/001-item.tsv")));
        String[] noSchema =
                run(
                        "prepare",
                        "--format",
                        "csv",
                        "--input",
                        in.resolve("all.csv").toString(),
                        "--out",
                        temp.resolve("x").toString());
        assertEquals("1", noSchema[0]);
        assertTrue(noSchema[2].contains("--schema"), noSchema[2]);
    }
}
