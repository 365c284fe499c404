/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sapenet.data.io.AtomicFiles;
import org.sapenet.model.registry.PaperSetting;

/**
 * Reads and writes a grid's {@code results.csv}: a header, then one line per run and group.
 *
 * <p>Columns: {@code model,setting,seed,scenario,task,scenario_name,task_name,n,positives,auc,
 * logloss}. {@code scenario} and {@code task} are indices, or {@code all} on a run's overall line;
 * {@code setting} is the {@link PaperSetting} constant; an empty {@code auc} means the group has no
 * AUC (one class). Text fields are quoted when they hold a comma or a quote.
 */
public final class ResultsCsv {

    /** The header line. */
    public static final String HEADER =
            "model,setting,seed,scenario,task,scenario_name,task_name,n,positives,auc,logloss";

    private ResultsCsv() {}

    /**
     * Writes the rows atomically (a temporary file, then a rename).
     *
     * @param file the file
     * @param rows the rows
     * @throws IOException when writing fails
     */
    public static void write(Path file, List<ResultRow> rows) throws IOException {
        AtomicFiles.write(
                file,
                writer -> {
                    writer.write(HEADER);
                    writer.newLine();
                    for (ResultRow row : rows) {
                        writer.write(format(row));
                        writer.newLine();
                    }
                });
    }

    private static String format(ResultRow row) {
        return String.join(
                ",",
                quote(row.model()),
                row.setting().name(),
                Long.toString(row.seed()),
                row.isOverall() ? "all" : Integer.toString(row.scenario()),
                row.isOverall() ? "all" : Integer.toString(row.task()),
                quote(row.scenarioName()),
                quote(row.taskName()),
                Long.toString(row.n()),
                Long.toString(row.positives()),
                number(row.auc()),
                number(row.logLoss()));
    }

    private static String number(Double value) {
        return value == null ? "" : Double.toString(value);
    }

    static String quote(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /**
     * Reads a results file.
     *
     * @param file the file
     * @return the rows in file order
     * @throws IOException when reading fails or a line is malformed (the message names the line)
     */
    public static List<ResultRow> read(Path file) throws IOException {
        List<ResultRow> rows = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            if (!HEADER.equals(header)) {
                throw new IOException(file + ":1: expected the header '" + HEADER + "'");
            }
            String line;
            int number = 1;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    rows.add(parse(split(line)));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ":" + number + ": " + e.getMessage(), e);
                }
            }
        }
        return rows;
    }

    private static ResultRow parse(List<String> fields) {
        if (fields.size() != 11) {
            throw new IllegalArgumentException("expected 11 fields, found " + fields.size());
        }
        boolean overall = "all".equals(fields.get(3));
        return new ResultRow(
                fields.get(0),
                PaperSetting.valueOf(fields.get(1)),
                Long.parseLong(fields.get(2)),
                overall ? ResultRow.ALL : Integer.parseInt(fields.get(3)),
                overall ? ResultRow.ALL : Integer.parseInt(fields.get(4)),
                fields.get(5),
                fields.get(6),
                Long.parseLong(fields.get(7)),
                Long.parseLong(fields.get(8)),
                fields.get(9).isEmpty() ? null : Double.valueOf(fields.get(9)),
                fields.get(10).isEmpty() ? null : Double.valueOf(fields.get(10)));
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        fields.add(field.toString());
        return fields;
    }
}
