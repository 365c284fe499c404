/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.bench;

import java.nio.file.Path;
import java.util.List;
import org.sapenet.data.synth.SyntheticVocabulary;

/**
 * What {@link BenchRun} measures: which models at which batch sizes, how many steps, and on what
 * data.
 *
 * @param models registry names to measure, or null or empty for every registered model
 * @param batchSizes the batch sizes, each at least 1
 * @param steps measured steps per model and batch size, at least 1
 * @param warmup unmeasured steps first, 0 or more
 * @param rows synthetic rows to generate, or null for enough for two full batches of the largest
 *     size in the training split (at least 20000); unused with {@code data}
 * @param data a prepared store to measure on, or null for synthetic AliCCP-shaped data
 * @param vocabulary the vocabulary sizes of the synthetic data; unused with {@code data}
 * @param sparseEmbeddingUpdates whether embedding tables get row-sparse (lazy) Adam updates
 */
public record BenchOptions(
        List<String> models,
        List<Integer> batchSizes,
        int steps,
        int warmup,
        Long rows,
        Path data,
        SyntheticVocabulary vocabulary,
        boolean sparseEmbeddingUpdates) {}
