/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.kuaisar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plain, character-by-character RFC 4180 reader for test files (independent of CsvCursor). */
final class SimpleCsv {

    private SimpleCsv() {}

    /** Returns each record as header name to value, with its starting line under "#line". */
    static List<Map<String, String>> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<Integer> startLines = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int start = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                startLines.add(start);
                record = new ArrayList<>();
                line++;
                start = line;
            } else {
                cell.append(c);
            }
        }
        List<String> header = records.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), records.get(r).get(c));
            }
            row.put("#line", Integer.toString(startLines.get(r)));
            out.add(row);
        }
        return out;
    }

    /** Writes records with the given column order, quoting cells that need it. */
    static void write(Path file, List<String> columns, List<Map<String, String>> rows)
            throws IOException {
        StringBuilder out = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String column : columns) {
                String v = row.get(column);
                boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n");
                cells.add(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            out.append(String.join(",", cells)).append('\n');
        }
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }
}
