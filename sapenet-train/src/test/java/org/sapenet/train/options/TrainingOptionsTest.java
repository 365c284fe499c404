/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sapenet.data.store.SourceFormat;

class TrainingOptionsTest {

    @Test
    void presetsComeFromTheStoreFormat() {
        assertEquals(DatasetPreset.ALICCP, DatasetPreset.detect("aliccp"));
        assertEquals(DatasetPreset.ALICCP, DatasetPreset.detect("Ali-CCP raw"));
        assertEquals(DatasetPreset.KUAISAR, DatasetPreset.detect("kuaisar-small"));
        assertEquals(DatasetPreset.GENERIC, DatasetPreset.detect("csv"));
        assertEquals(DatasetPreset.GENERIC, DatasetPreset.detect(null));
        assertEquals(DatasetPreset.ALICCP, DatasetPreset.of(SourceFormat.ALICCP));
        assertEquals(DatasetPreset.ALICCP, DatasetPreset.of(SourceFormat.ALICCP_RAW));
        assertEquals(DatasetPreset.KUAISAR, DatasetPreset.of(SourceFormat.KUAISAR));
        assertEquals(DatasetPreset.GENERIC, DatasetPreset.of(SourceFormat.CSV));
        assertEquals(DatasetPreset.GENERIC, DatasetPreset.of(SourceFormat.DJL_TABULAR));
        assertEquals(DatasetPreset.GENERIC, DatasetPreset.of(null));
    }

    @Test
    void unsetValuesComeFromThePresetAndThePaper() {
        TrainingOptions ali = TrainingOptions.builder().build(DatasetPreset.ALICCP);
        assertEquals(1e-2f, ali.getLearningRate());
        assertEquals(32768, ali.getBatchSize());
        assertEquals(1e-5f, ali.getWeightDecay());
        assertEquals(50, ali.getEpochs());
        assertEquals(10, ali.getPatience());
        TrainingOptions kuai = TrainingOptions.builder().build(DatasetPreset.KUAISAR);
        assertEquals(1e-4f, kuai.getLearningRate());
        assertEquals(512, kuai.getBatchSize());
        TrainingOptions given =
                TrainingOptions.builder()
                        .optLearningRate(3e-3f)
                        .optBatchSize(64)
                        .build(DatasetPreset.ALICCP);
        assertEquals(3e-3f, given.getLearningRate());
        assertEquals(64, given.getBatchSize());
    }

    @Test
    void rejectsValuesOutOfRange() {
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainingOptions.builder().optEpochs(0).build(DatasetPreset.GENERIC));
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainingOptions.builder().optLearningRate(-1f).build(DatasetPreset.GENERIC));
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainingOptions.builder().optPatience(0).build(DatasetPreset.GENERIC));
        assertThrows(
                IllegalArgumentException.class,
                () -> TrainingOptions.builder().optWeightDecay(-1f).build(DatasetPreset.GENERIC));
    }
}
