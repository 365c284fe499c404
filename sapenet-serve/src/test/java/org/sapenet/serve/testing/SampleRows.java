/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.serve.input.ScoringBatch;

/**
 * Reads a small processed AliCCP CSV the simple way (String.split), independently of the serve
 * module's reader, and encodes it with the training rules: ids at or above the vocabulary size
 * become 0, scenario = value of 301 minus 1.
 */
public final class SampleRows {

    private SampleRows() {}

    /**
     * Reads the rows as maps from column name to raw value.
     *
     * @param file the CSV
     * @return the rows
     * @throws IOException when reading fails
     */
    public static List<Map<String, String>> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Encodes rows for a config.
     *
     * @param config the config
     * @param rows the rows
     * @return the batch
     */
    public static ScoringBatch encode(ModelConfig config, List<Map<String, String>> rows) {
        int b = rows.size();
        int fs = config.numSparseFields();
        int fd = config.numDenseFields();
        int[] sparse = new int[b * fs];
        float[] dense = new float[b * fd];
        int[] scenario = new int[b];
        for (int r = 0; r < b; r++) {
            Map<String, String> row = rows.get(r);
            for (int f = 0; f < fs; f++) {
                int id = Integer.parseInt(row.get(config.getSparseFields().get(f)));
                sparse[r * fs + f] = id >= config.getVocabularySizes().get(f) ? 0 : id;
            }
            for (int j = 0; j < fd; j++) {
                dense[r * fd + j] = Float.parseFloat(row.get(config.getDenseFields().get(j)));
            }
            scenario[r] = Integer.parseInt(row.get("301")) - 1;
        }
        return ScoringBatch.ofFlat(b, fs, sparse, fd, dense, scenario);
    }
}
