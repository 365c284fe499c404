/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A build check: no class of the project calls an NDArray operation with a Java-number operand
 * ({@code x.mul(2f)}, {@code x.maximum(0f)}, ...). On the PyTorch engine those overloads hand
 * autograd a scalar whose memory the garbage collector may free before the backward pass reads it
 * ({@code org.sapenet.model.layers.GraphConstants} explains it and makes safe constants).
 *
 * <p>It reads the constant pool of every main class of the four modules on the test class path and
 * lists each method reference of a DJL array type whose parameters include {@code
 * java.lang.Number}.
 */
class NumberOperandCheckTest {

    private static final List<String> ARRAY_TYPES =
            List.of(
                    "ai/djl/ndarray/NDArray",
                    "ai/djl/ndarray/NDArrays",
                    "ai/djl/ndarray/NDArrayAdapter",
                    "ai/djl/ndarray/internal/NDArrayEx",
                    "ai/djl/pytorch/engine/PtNDArray",
                    "ai/djl/pytorch/engine/PtNDArrayEx");

    @Test
    void noClassPassesAJavaNumberToAnArrayOperation() throws IOException, URISyntaxException {
        TreeSet<String> modules = new TreeSet<>();
        List<String> offenders = new ArrayList<>();
        int classes = 0;
        Enumeration<URL> roots = getClass().getClassLoader().getResources("org/sapenet/");
        for (URL root : Collections.list(roots)) {
            if (root.toString().contains("test-classes")
                    || root.toString().contains("-tests.jar")) {
                continue; // test code (this module's, and the test kits of other modules)
            }
            for (Entry entry : classesUnder(root)) {
                classes++;
                modules.add(entry.module);
                for (String call : numberOperandCalls(entry.bytes)) {
                    offenders.add(entry.name + " calls " + call);
                }
            }
        }
        assertEquals(
                4,
                modules.size(),
                "the main classes of model, data, serve and train are on the class path: "
                        + modules);
        assertTrue(classes > 100, "read " + classes + " classes");
        assertTrue(
                offenders.isEmpty(),
                "Java-number operands on arrays (use GraphConstants.scalar):\n  "
                        + String.join("\n  ", offenders));
    }

    @Test
    void theCheckFindsANumberOperand() throws IOException {
        try (InputStream in =
                getClass().getResourceAsStream("NumberOperandCheckTest$Offender.class")) {
            List<String> calls = numberOperandCalls(in.readAllBytes());
            assertEquals(
                    List.of("ai/djl/ndarray/NDArray.mul(Ljava/lang/Number;)"),
                    calls,
                    "the check sees x.mul(2f)");
        }
    }

    /** Compiled with the test, for the check's own test. */
    static final class Offender {
        static ai.djl.ndarray.NDArray twice(ai.djl.ndarray.NDArray x) {
            return x.mul(2f);
        }
    }

    private record Entry(String module, String name, byte[] bytes) {}

    private static List<Entry> classesUnder(URL root) throws IOException, URISyntaxException {
        List<Entry> out = new ArrayList<>();
        if ("jar".equals(root.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            try (JarFile jar = connection.getJarFile()) {
                String module = Paths.get(jar.getName()).getFileName().toString();
                for (JarEntry e : Collections.list(jar.entries())) {
                    if (e.getName().startsWith("org/sapenet/") && e.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            out.add(new Entry(module, e.getName(), in.readAllBytes()));
                        }
                    }
                }
            }
        } else {
            Path dir = Paths.get(root.toURI());
            String module = dir.getParent().getParent().getParent().toString();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    out.add(new Entry(module, dir.relativize(p).toString(), Files.readAllBytes(p)));
                }
            }
        }
        return out;
    }

    /**
     * Lists the method references of a class file (owner.name(params)) whose owner is a DJL array
     * type and whose parameters include java.lang.Number.
     */
    static List<String> numberOperandCalls(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNames = new int[count];
        int[] refClass = new int[count];
        int[] refNameAndType = new int[count];
        int[] natName = new int[count];
        int[] natType = new int[count];
        boolean[] isMethodRef = new boolean[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++;
                }
                case 7 -> classNames[i] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();
                case 9, 10, 11 -> {
                    refClass[i] = in.readUnsignedShort();
                    refNameAndType[i] = in.readUnsignedShort();
                    isMethodRef[i] = tag != 9;
                }
                case 12 -> {
                    natName[i] = in.readUnsignedShort();
                    natType[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                case 17, 18 -> in.readInt();
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> calls = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (!isMethodRef[i]) {
                continue;
            }
            String owner = utf8[classNames[refClass[i]]];
            String descriptor = utf8[natType[refNameAndType[i]]];
            String params = descriptor.substring(1, descriptor.indexOf(')'));
            if (ARRAY_TYPES.contains(owner) && params.contains("Ljava/lang/Number;")) {
                calls.add(owner + "." + utf8[natName[refNameAndType[i]]] + "(" + params + ")");
            }
        }
        return calls;
    }
}
