/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurements of one {@link BenchRun} and the conditions they were taken under.
 *
 * @param device the device measured on
 * @param threads PyTorch's intra-op threads as set, or {@code default}
 * @param cores the available processors
 * @param versions the versions of this build and its libraries
 * @param store the store's path, or {@code synthetic}
 * @param vocabulary the synthetic vocabulary ({@code small}, {@code aliccp-full}) or {@code store}
 * @param embeddingRows the rows of all sparse fields' embedding tables together
 * @param embeddingUpdates {@code dense} or {@code row-sparse}
 * @param warmupSteps unmeasured steps per measurement
 * @param steps measured steps per measurement
 * @param results one measurement per model and batch size, models outermost
 */
public record BenchReport(
        String device,
        String threads,
        int cores,
        Map<String, String> versions,
        String store,
        String vocabulary,
        long embeddingRows,
        String embeddingUpdates,
        int warmupSteps,
        int steps,
        List<BenchResult> results) {

    /**
     * Formats the results as a table ({@link ThroughputBench#table(List)}).
     *
     * @return the table, one line per result after the header
     */
    public String table() {
        return ThroughputBench.table(results);
    }

    /**
     * Returns the report as the JSON document {@code sapenet bench} writes.
     *
     * @return the fields in their written order
     */
    public Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("device", device);
        document.put("threads", threads);
        document.put("cores", cores);
        document.put("versions", versions);
        document.put("store", store);
        document.put("vocabulary", vocabulary);
        document.put("embeddingRows", embeddingRows);
        document.put("embeddingUpdates", embeddingUpdates);
        document.put("warmupSteps", warmupSteps);
        document.put("steps", steps);
        document.put("results", results);
        return document;
    }
}
