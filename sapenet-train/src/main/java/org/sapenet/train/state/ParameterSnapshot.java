/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.state;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A copy of every parameter of a block on the heap, keyed by the parameter's path in the block tree
 * (stable across processes, unlike DJL's random parameter ids), that can be written, read and
 * restored in place.
 *
 * <p>Restoring writes into the existing parameter arrays, so they keep their manager, device and
 * gradient; DJL's {@code Block.loadParameters} instead replaces the arrays and would drop both. The
 * training loop uses a snapshot for the best weights so far and for the resume state.
 */
public final class ParameterSnapshot {

    private static final int MAGIC = 0x53505331; // "SPS1"

    private final Map<String, float[]> values;
    private final Map<String, Shape> shapes;

    private ParameterSnapshot(Map<String, float[]> values, Map<String, Shape> shapes) {
        this.values = values;
        this.shapes = shapes;
    }

    /**
     * Copies the current values of every parameter of a block.
     *
     * @param block an initialised block whose parameters are float32
     * @return the snapshot
     * @throws IllegalArgumentException when a parameter is not initialised or not float32
     */
    public static ParameterSnapshot of(Block block) {
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray array = array(pair);
            values.put(pair.getKey(), array.toFloatArray());
            shapes.put(pair.getKey(), array.getShape());
        }
        return new ParameterSnapshot(values, shapes);
    }

    /**
     * Counts the scalar parameters of a block without copying them: the {@link #parameterCount()}
     * its snapshot would have.
     *
     * @param block an initialised block whose parameters are float32
     * @return the count
     * @throws IllegalArgumentException when a parameter is not initialised or not float32
     */
    public static long count(Block block) {
        long n = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            n += array(pair).getShape().size();
        }
        return n;
    }

    /**
     * Writes these values into a block's parameters, in place.
     *
     * @param block a block of the same structure
     * @throws IllegalArgumentException when the block's parameters differ in names or shapes
     */
    public void restoreInto(Block block) {
        int count = 0;
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray array = array(pair);
            float[] saved = values.get(pair.getKey());
            if (saved == null || !shapes.get(pair.getKey()).equals(array.getShape())) {
                throw new IllegalArgumentException(
                        "Saved weights do not fit the model: parameter "
                                + pair.getKey()
                                + " "
                                + array.getShape()
                                + " has "
                                + (saved == null
                                        ? "no saved value"
                                        : "saved shape " + shapes.get(pair.getKey())));
            }
            // Copied through a detached view of the same storage: no autograd check, whatever the
            // thread's grad mode, and not NDArray.set(Buffer), whose native code makes libtorch
            // print a deprecation warning.
            try (NDManager scope = array.getManager().newSubManager()) {
                NDArray storage = array.stopGradient();
                storage.attach(scope);
                storage.set(new NDIndex("..."), scope.create(saved, array.getShape()));
            }
            count++;
        }
        if (count != values.size()) {
            throw new IllegalArgumentException(
                    "Saved weights hold "
                            + values.size()
                            + " parameters but the model has "
                            + count);
        }
    }

    /**
     * Writes the snapshot.
     *
     * @param out the stream
     * @throws IOException when writing fails
     */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(values.size());
        for (Map.Entry<String, float[]> entry : values.entrySet()) {
            out.writeUTF(entry.getKey());
            long[] dims = shapes.get(entry.getKey()).getShape();
            out.writeInt(dims.length);
            for (long dim : dims) {
                out.writeLong(dim);
            }
            float[] v = entry.getValue();
            out.writeInt(v.length);
            for (float x : v) {
                out.writeFloat(x);
            }
        }
    }

    /**
     * Reads a snapshot written by {@link #write}.
     *
     * @param in the stream
     * @return the snapshot
     * @throws IOException when reading fails or the stream is not a snapshot
     */
    public static ParameterSnapshot read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a SAPENet parameter snapshot");
        }
        int count = in.readInt();
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, Shape> shapes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            long[] dims = new long[in.readInt()];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = in.readLong();
            }
            float[] v = new float[in.readInt()];
            for (int j = 0; j < v.length; j++) {
                v[j] = in.readFloat();
            }
            values.put(name, v);
            shapes.put(name, new Shape(dims));
        }
        return new ParameterSnapshot(values, shapes);
    }

    /**
     * Returns whether two snapshots hold bitwise identical values under the same names.
     *
     * @param other the other snapshot
     * @return true when identical
     */
    public boolean sameValues(ParameterSnapshot other) {
        if (!values.keySet().equals(other.values.keySet())) {
            return false;
        }
        for (Map.Entry<String, float[]> entry : values.entrySet()) {
            float[] a = entry.getValue();
            float[] b = other.values.get(entry.getKey());
            if (a.length != b.length) {
                return false;
            }
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Returns the number of scalar parameters.
     *
     * @return the count
     */
    public long parameterCount() {
        long n = 0;
        for (float[] v : values.values()) {
            n += v.length;
        }
        return n;
    }

    /**
     * Returns a parameter's values.
     *
     * @param name the parameter's path
     * @return a copy of its values, or null when absent
     */
    public float[] get(String name) {
        float[] v = values.get(name);
        return v == null ? null : Arrays.copyOf(v, v.length);
    }

    private static NDArray array(Pair<String, Parameter> pair) {
        Parameter parameter = pair.getValue();
        if (!parameter.isInitialized()) {
            throw new IllegalArgumentException(
                    "Parameter " + pair.getKey() + " is not initialised");
        }
        NDArray array = parameter.getArray();
        if (array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(
                    "Parameter "
                            + pair.getKey()
                            + " is "
                            + array.getDataType()
                            + "; only float32 parameters are supported");
        }
        return array;
    }
}
