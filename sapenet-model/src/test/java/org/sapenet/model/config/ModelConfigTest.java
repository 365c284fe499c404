/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelConfigTest {

    private static ModelConfig.Builder valid() {
        return ModelConfig.builder()
                .addSparseField("101", 100)
                .addSparseField("301", 4)
                .setDenseFields(List.of("D109_14"))
                .setScenarios(List.of("s1", "s2", "s3"))
                .setTasks(List.of("click", "purchase"));
    }

    @Test
    void defaultsAreThePapers() {
        ModelConfig c = valid().build();
        assertEquals(16, c.getEmbeddingDim());
        assertEquals(2, c.getAttentionHeads());
        assertEquals(1, c.getAttentionLayers());
        assertArrayEquals(new int[] {512, 256}, c.getStarWidths());
        assertEquals(2, c.getPleLevels());
        assertEquals(2, c.getExpertsPerGroup());
        assertArrayEquals(new int[] {128, 64}, c.getPleWidths());
        assertEquals(64, c.getExpertWidth());
        assertEquals(64, c.getTowerWidth());
        assertEquals(0f, c.getDropout());
        assertEquals(3, c.numFields());
        assertEquals(48, c.flatEmbeddingWidth());
        assertEquals(3, c.numScenarios());
        assertEquals(2, c.numTasks());
    }

    @Test
    void jsonRoundTripKeepsEverything() {
        ModelConfig c =
                valid().optEmbeddingDim(8)
                        .optPleLevels(3)
                        .optPleWidths(32, 16, 8)
                        .optDropout(0.25f)
                        .optOption("mmoe.experts", 4)
                        .optOption("alpha", 0.5)
                        .build();
        String json = c.toJson();
        ModelConfig back = ModelConfig.fromJson(json);
        assertEquals(c, back);
        assertEquals(c.hashCode(), back.hashCode());
        assertEquals(json, back.toJson());
        assertEquals(4, back.intOption("mmoe.experts", 1));
        assertEquals(7, back.intOption("absent", 7));
        assertEquals(0.5, back.doubleOption("alpha", 0));
        assertNotEquals(c, valid().build());
    }

    @Test
    void fromJsonValidates() {
        String json =
                valid().build().toJson().replace("\"embeddingDim\": 16", "\"embeddingDim\": 15");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromJson(json));
        assertTrue(e.getMessage().contains("must divide embeddingDim 15"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromJson("{"));
        assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromJson(""));
        String future =
                valid().build().toJson().replace("\"formatVersion\": 1", "\"formatVersion\": 9");
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromJson(future))
                        .getMessage()
                        .contains("formatVersion 9"));
    }

    @Test
    void buildRejectsWithActionableMessages() {
        assertMessage(valid().addSparseField("x", 1), "'x' has vocabulary size 1");
        assertMessage(valid().addSparseField("101", 5), "'101' appears twice");
        assertMessage(valid().setScenarios(List.of()), "No scenarios");
        assertMessage(valid().setTasks(List.of()), "No tasks");
        assertMessage(valid().optPleLevels(3), "one width per PLE level (3)");
        assertMessage(valid().optDropout(1f), "dropout must be in [0, 1)");
        assertMessage(valid().optTowerWidth(0), "towerWidth must be positive");
        assertMessage(valid().setDenseFields(List.of("101")), "both sparse and dense");
        assertMessage(valid().optOption("x", Double.NaN), "finite");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> valid().optOption("k", 1.5).build().intOption("k", 0));
        assertTrue(e.getMessage().contains("'k' must be an integer"));
    }

    private static void assertMessage(ModelConfig.Builder b, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
