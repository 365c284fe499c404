/*
 * SAPENet for the JVM.
 */
package org.sapenet.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the AliCCP samples the tests carry and parses CSVs the simple way, independently of the
 * reader.
 */
public final class TestData {

    private TestData() {}

    /**
     * Returns a folder of the AliCCP samples in the test resources ({@code ali-ccp/NAME}: the first
     * rows of the processed files as torch-rechub and Scenario-Wise-Rec ship them).
     *
     * @param name {@code torch-rechub} or {@code scenario-wise-rec}
     * @return the folder
     */
    public static Path aliccpSamples(String name) {
        return resource("ali-ccp/" + name);
    }

    /**
     * Returns a test resource as a path.
     *
     * @param name the resource name, relative to the class path root
     * @return its path
     */
    public static Path resource(String name) {
        URL url = TestData.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a CSV with a header by splitting every line on commas.
     *
     * @param file the file
     * @return the header followed by the data rows
     */
    public static List<String[]> readCsv(Path file) {
        try {
            List<String[]> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isEmpty()) {
                    out.add(line.split(",", -1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the index of a header column.
     *
     * @param header the header
     * @param name the column name
     * @return its index
     */
    public static int column(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    /**
     * Writes lines with a final newline.
     *
     * @param file the file
     * @param lines the lines
     * @return the file
     */
    public static Path write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
