/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sapenet.model.config.ModelConfig;
import org.sapenet.model.testing.BlockTesting;
import org.sapenet.model.testing.ModelTesting;

/**
 * The guard against native memory freed while autograd still reads it (the hazard {@link
 * org.sapenet.model.layers.GraphConstants} explains): for every registered model, the gradients of
 * one batch are computed twice on the same weights, once plainly and once with a garbage collection
 * and fresh direct buffers full of junk between the forward and the backward pass. Any array of the
 * graph whose Java-owned memory was released during the forward pass is then overwritten with the
 * junk before backward reads it, and the gradients differ. They must agree bit for bit.
 */
class GarbageCollectionSafetyTest {

    private static final ModelConfig CONFIG = BlockTesting.tinyConfig(3, 2, 3, 2).build();

    static Stream<String> models() {
        return ModelRegistry.all().stream().map(ModelSpec::getName);
    }

    @ParameterizedTest
    @MethodSource("models")
    void gradientsDoNotChangeWhenMemoryIsCollectedBeforeBackward(String name) throws Exception {
        Block block = ModelRegistry.get(name).newBlock(CONFIG);
        try (Trainer trainer = ModelTesting.trainer(block, CONFIG, 5, 1e-3f)) {
            ModelTesting.HostBatch batch = ModelTesting.plantedBatch(CONFIG, 64, new Random(9));
            List<float[]> plain = gradients(trainer, block, batch, false);
            List<float[]> collected = gradients(trainer, block, batch, true);
            assertTrue(plain.stream().anyMatch(g -> nonZero(g)), name + ": some gradient");
            for (int i = 0; i < plain.size(); i++) {
                assertArrayEquals(
                        plain.get(i),
                        collected.get(i),
                        name
                                + ": gradient of "
                                + block.getParameters().get(i).getKey()
                                + " changed after a GC between forward and backward");
            }
            trainer.getModel().close();
        }
    }

    private static List<float[]> gradients(
            Trainer trainer, Block block, ModelTesting.HostBatch batch, boolean collect)
            throws InterruptedException {
        List<float[]> out = new ArrayList<>();
        List<ByteBuffer> junk = new ArrayList<>();
        try (NDManager sub = trainer.getManager().newSubManager()) {
            NDList labels = batch.labels(sub, CONFIG);
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList logits =
                        block.forward(
                                new ParameterStore(sub, false), batch.inputs(sub, CONFIG), true);
                NDArray loss = trainer.getLoss().evaluate(labels, logits);
                if (collect) {
                    overwriteFreedMemory(junk);
                }
                gc.backward(loss);
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray weight = p.getValue().getArray();
                if (weight.hasGradient()) {
                    try (NDArray g = weight.getGradient()) {
                        out.add(g.toFloatArray());
                        g.subi(g);
                    }
                } else {
                    out.add(new float[0]);
                }
            }
        }
        junk.clear();
        return out;
    }

    /** Frees what the GC can free, then takes small and medium blocks back, full of junk. */
    private static void overwriteFreedMemory(List<ByteBuffer> junk) throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(40);
        }
        for (int size : new int[] {4, 8, 16, 32, 64, 256, 1024}) {
            for (int i = 0; i < 400; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(size).order(ByteOrder.nativeOrder());
                while (b.remaining() >= 4) {
                    b.putFloat(12345f);
                }
                junk.add(b);
            }
        }
    }

    private static boolean nonZero(float[] values) {
        for (float v : values) {
            if (v != 0f) {
                return true;
            }
        }
        return false;
    }
}
