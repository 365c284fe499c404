/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.source.aliccp.AliccpPreparer;
import org.sapenet.data.store.SourceFormat;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.synth.SyntheticAliccp;

class StorePreparersTest {

    @TempDir Path temp;

    @Test
    void registryHoldsTheFileFormatsByExactKey() {
        assertEquals(
                List.of(
                        SourceFormat.ALICCP,
                        SourceFormat.ALICCP_RAW,
                        SourceFormat.KUAISAR,
                        SourceFormat.CSV),
                List.copyOf(StorePreparers.formats()));
        for (String key : new String[] {"ALICCP", "djl-tabular", "nope"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> StorePreparers.of(key));
            assertEquals(
                    "--format must be aliccp, aliccp-raw, kuaisar or csv, got '" + key + "'",
                    e.getMessage());
        }
        assertThrows(
                IllegalArgumentException.class, () -> StorePreparers.of(SourceFormat.DJL_TABULAR));
    }

    /** Generic options give the store the typed builder gives: same split seeds, same bytes. */
    @Test
    void optionsPrepareTheSameStoreAsTheBuilder() throws IOException {
        Path raw = temp.resolve("raw");
        SyntheticAliccp.write(raw, 600, 3);
        Files.delete(raw.resolve(SyntheticAliccp.dataFile("val"))); // the seed halves test
        StoreManifest generic =
                StorePreparers.of("aliccp")
                        .create(
                                PrepareOptions.builder()
                                        .optInput(raw)
                                        .setOutput(temp.resolve("generic"))
                                        .optSeed(9)
                                        .optErrorPolicy(ErrorPolicy.SKIP)
                                        .optMaxVocab(5000)
                                        .build())
                        .prepare();
        StoreManifest typed =
                AliccpPreparer.builder()
                        .setInput(raw)
                        .setOutput(temp.resolve("typed"))
                        .optSeed(9)
                        .optErrorPolicy(ErrorPolicy.SKIP)
                        .optMaxVocab(5000)
                        .build()
                        .prepare();
        assertEquals(typed.getSource(), generic.getSource());
        for (Split split : Split.values()) {
            assertEquals(
                    typed.getSplits().get(split.key()).getRows(),
                    generic.getSplits().get(split.key()).getRows());
            Path column = Path.of(split.key(), "scenario.i32");
            assertArrayEquals(
                    Files.readAllBytes(temp.resolve("typed").resolve(column)),
                    Files.readAllBytes(temp.resolve("generic").resolve(column)));
        }
        assertTrue(generic.getSplits().get(Split.VAL.key()).getRows() > 0);
    }

    @Test
    void optionsAFormatCannotUseAreRefusedByName() {
        PrepareOptions random =
                PrepareOptions.builder()
                        .optInput(temp)
                        .setOutput(temp.resolve("store"))
                        .optRandomSplit(true)
                        .build();
        assertEquals(
                "--split does not apply to kuaisar (always split 8:1:1 by --seed)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> StorePreparers.of(SourceFormat.KUAISAR).create(random))
                        .getMessage());
        PrepareOptions noInput = PrepareOptions.builder().setOutput(temp.resolve("s")).build();
        assertEquals(
                "--format aliccp-raw needs --input DIR, the folder of its files",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> StorePreparers.of(SourceFormat.ALICCP_RAW).create(noInput))
                        .getMessage());
        assertEquals(
                "--format csv needs --schema FILE.json",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> StorePreparers.of(SourceFormat.CSV).create(noInput))
                        .getMessage());
        assertEquals(PrepareOptions.DEFAULT_SEED, noInput.getSeed());
    }
}
