/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.TestData;
import org.sapenet.data.schema.AliccpSchema;
import org.sapenet.data.source.aliccp.AliccpPreparer;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.Split;
import org.sapenet.data.synth.SyntheticAliccp;

/** Synthetic CSV -> store -> batches keeps every value; shuffling is seeded and complete. */
class StoreDatasetTest {

    private static final int ROWS = 6000;

    @TempDir static Path temp;

    private static PreparedStore store;
    private static List<String[]> train;
    private static NDManager manager;

    @BeforeAll
    static void prepare() throws IOException {
        Path csv = temp.resolve("csv");
        SyntheticAliccp.write(csv, ROWS, 5);
        AliccpPreparer.builder().setInput(csv).setOutput(temp.resolve("store")).build().prepare();
        store = PreparedStore.open(temp.resolve("store"));
        List<String[]> rows = TestData.readCsv(csv.resolve("ali_ccp_train.csv"));
        train = rows.subList(1, rows.size());
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static StoreDataset.Builder dataset(int batchSize) {
        return StoreDataset.builder().setStore(store, Split.TRAIN).setBatchSize(batchSize);
    }

    /** Every value of every row arrives in its batch, in file order, with the contract's types. */
    @Test
    void roundTripPreservesEveryValue() {
        String[] header = AliccpSchema.HEADER.toArray(new String[0]);
        StoreDataset data = dataset(512).build();
        assertEquals((ROWS / 2 + 511) / 512, data.batchCount());
        int row = 0;
        for (Batch batch : data.getData(manager)) {
            try (batch) {
                NDList x = batch.getData();
                NDList y = batch.getLabels();
                int b = batch.getSize();
                assertEquals(new Shape(b, 23), x.get(0).getShape());
                assertEquals(DataType.INT32, x.get(0).getDataType());
                assertEquals(new Shape(b, 8), x.get(1).getShape());
                assertEquals(DataType.FLOAT32, x.get(1).getDataType());
                assertEquals(new Shape(b), x.get(2).getShape());
                assertEquals(DataType.INT32, x.get(2).getDataType());
                assertEquals(new Shape(b, 2), y.get(0).getShape());
                assertEquals(DataType.FLOAT32, y.get(1).getDataType());
                assertEquals(DataType.INT32, y.get(2).getDataType());
                int[] sparse = x.get(0).toIntArray();
                float[] dense = x.get(1).toFloatArray();
                int[] scenario = x.get(2).toIntArray();
                float[] labels = y.get(0).toFloatArray();
                float[] mask = y.get(1).toFloatArray();
                assertArrayEquals(scenario, y.get(2).toIntArray());
                for (int i = 0; i < b; i++, row++) {
                    String[] csv = train.get(row);
                    for (int f = 0; f < 23; f++) {
                        String name = AliccpSchema.SPARSE_FIELDS.get(f);
                        assertEquals(
                                Integer.parseInt(csv[TestData.column(header, name)]),
                                sparse[i * 23 + f]);
                    }
                    for (int f = 0; f < 8; f++) {
                        String name = AliccpSchema.DENSE_FIELDS.get(f);
                        assertEquals(
                                Float.parseFloat(csv[TestData.column(header, name)]),
                                dense[i * 8 + f]);
                    }
                    assertEquals(Integer.parseInt(csv[20]) - 1, scenario[i]);
                    assertEquals(Float.parseFloat(csv[0]), labels[i * 2]);
                    assertEquals(Float.parseFloat(csv[1]), labels[i * 2 + 1]);
                    assertEquals(1f, mask[i * 2]);
                    assertEquals(1f, mask[i * 2 + 1]);
                }
            }
        }
        assertEquals(ROWS / 2, row);
    }

    /** Shuffled: each row once per epoch; same seed and epoch repeat; epochs differ. */
    @Test
    void shuffleIsSeededCompleteAndPerEpoch() {
        StoreDataset a = dataset(256).optShuffle(true).optSeed(3).optShuffleWindow(64, 4).build();
        StoreDataset b = dataset(256).optShuffle(true).optSeed(3).optShuffleWindow(64, 4).build();
        List<Integer> a0 = userItemOrder(a.getData(manager));
        List<Integer> a1 = userItemOrder(a.getData(manager));
        List<Integer> b0 = userItemOrder(b.getData(manager));
        assertEquals(a0, b0, "same seed, same epoch, same order");
        assertNotEquals(a0, a1, "the second epoch reshuffles");
        assertEquals(sorted(sequentialOrder()), sorted(a0), "every row exactly once");
        assertNotEquals(sequentialOrder(), a0);
        StoreDataset c = dataset(256).optShuffle(true).optSeed(4).optShuffleWindow(64, 4).build();
        assertNotEquals(a0, userItemOrder(c.getData(manager)));
    }

    private static List<Integer> sorted(List<Integer> values) {
        List<Integer> out = new ArrayList<>(values);
        out.sort(null);
        return out;
    }

    private List<Integer> sequentialOrder() {
        return userItemOrder(dataset(1000).build().getData(manager));
    }

    /** Identifies rows by a value that differs per row: their position in the CSV. */
    private static List<Integer> userItemOrder(Iterable<Batch> batches) {
        List<Integer> out = new ArrayList<>();
        for (Batch batch : batches) {
            try (batch) {
                int[] sparse = batch.getData().get(0).toIntArray();
                float[] dense = batch.getData().get(1).toFloatArray();
                for (int i = 0; i < batch.getSize(); i++) {
                    // (user id, item id, D508) fingerprint
                    out.add(
                            java.util.Objects.hash(
                                    sparse[i * 23],
                                    sparse[i * 23 + 9],
                                    dense[i * 8 + 4],
                                    dense[i * 8]));
                }
            }
        }
        return out;
    }

    @Test
    void scenarioFilterAndDropLast() {
        long expected = 0;
        for (String[] row : train) {
            if (row[20].equals("3")) {
                expected++;
            }
        }
        StoreDataset only = dataset(100).optScenario(2).optDropLast(true).build();
        assertEquals(expected, only.size());
        assertEquals(expected / 100, only.batchCount());
        long seen = 0;
        for (Batch batch : only.getData(manager)) {
            try (batch) {
                assertEquals(100, batch.getSize());
                for (int s : batch.getData().get(2).toIntArray()) {
                    assertEquals(2, s);
                }
                seen += batch.getSize();
            }
        }
        assertEquals(expected / 100 * 100, seen);
        StoreDataset keep = dataset(100).optScenario(2).build();
        long kept = 0;
        for (Batch batch : keep.getData(manager)) {
            try (batch) {
                kept += batch.getSize();
            }
        }
        assertEquals(expected, kept);
    }

    /** Each batch's arrays live in its own sub-manager; closing the batch frees them. */
    @Test
    void closingTheBatchFreesItsArrays() {
        try (StoreBatchIterator it = dataset(64).build().iterator(manager, 0)) {
            Batch batch = it.next();
            NDArray sparse = batch.getData().get(0);
            NDArray y = batch.getLabels().get(0);
            assertFalse(sparse.isReleased());
            batch.close();
            assertTrue(sparse.isReleased());
            assertTrue(y.isReleased());
            assertTrue(manager.isOpen());
        }
    }

    /** Closing an iterator early stops its producer thread. */
    @Test
    void closingEarlyStopsTheProducer() throws InterruptedException {
        StoreBatchIterator it = dataset(16).optPrefetch(1).build().iterator(manager, 0);
        it.next().close();
        it.close();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (producers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, producers());
    }

    private static long producers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sapenet-batches-") && t.isAlive())
                .count();
    }

    @Test
    void builderRejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> dataset(0).build());
        assertThrows(IllegalArgumentException.class, () -> dataset(8).optScenario(3).build());
        assertThrows(IllegalArgumentException.class, () -> dataset(8).optPrefetch(0).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> StoreDataset.builder().setBatchSize(8).build());
    }
}
