/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.vocab;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.sapenet.data.error.StoreException;

/**
 * The vocabulary file of one sparse field (format version {@value #VERSION}), UTF-8 text:
 *
 * <pre>
 * #sapenet-vocabulary 1
 * #field NAME
 * #size N                 ids 0..N-1; id 0 (unknown) has no line
 * 1 TAB value
 * 2 TAB value
 * ...
 * N-1 TAB value
 * </pre>
 *
 * Values are the raw bytes of the source with four escapes: backslash as {@code \\}, tab as {@code
 * \t}, line feed as {@code \n}, carriage return as {@code \r}. The manifest records the file's size
 * and CRC32C like a column's.
 */
public final class VocabularyFile {

    /** The format version written and read. */
    public static final int VERSION = 1;

    static final String MAGIC = "#sapenet-vocabulary";

    private VocabularyFile() {}

    /** What was written: size in bytes, CRC32C and number of ids. */
    public record Written(long bytes, long crc32c, int size) {}

    /**
     * Writes a vocabulary file (the file must not exist).
     *
     * @param file the file
     * @param field the field name
     * @param vocabulary the ids
     * @return the size, checksum and id count
     * @throws IOException when writing fails
     */
    public static Written write(Path file, String field, FrozenVocabulary vocabulary)
            throws IOException {
        CRC32C crc = new CRC32C();
        long[] bytes = {0};
        try (OutputStream raw = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW);
                OutputStream out =
                        new BufferedOutputStream(
                                new OutputStream() {
                                    @Override
                                    public void write(int b) throws IOException {
                                        crc.update(b);
                                        bytes[0]++;
                                        raw.write(b);
                                    }

                                    @Override
                                    public void write(byte[] b, int off, int len)
                                            throws IOException {
                                        crc.update(b, off, len);
                                        bytes[0] += len;
                                        raw.write(b, off, len);
                                    }
                                },
                                1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            out.write((MAGIC + " " + VERSION + "\n#field ").getBytes(StandardCharsets.US_ASCII));
            byte[] name = field.getBytes(StandardCharsets.UTF_8);
            escape(name, line);
            line.writeTo(out);
            out.write(("\n#size " + vocabulary.size() + "\n").getBytes(StandardCharsets.US_ASCII));
            for (int id = 1; id < vocabulary.size(); id++) {
                line.reset();
                line.writeBytes(Integer.toString(id).getBytes(StandardCharsets.US_ASCII));
                line.write('\t');
                escape(vocabulary.value(id), line);
                line.write('\n');
                line.writeTo(out);
            }
        }
        return new Written(bytes[0], crc.getValue(), vocabulary.size());
    }

    private static void escape(byte[] value, ByteArrayOutputStream out) {
        for (byte b : value) {
            switch (b) {
                case '\\':
                    out.write('\\');
                    out.write('\\');
                    break;
                case '\t':
                    out.write('\\');
                    out.write('t');
                    break;
                case '\n':
                    out.write('\\');
                    out.write('n');
                    break;
                case '\r':
                    out.write('\\');
                    out.write('r');
                    break;
                default:
                    out.write(b);
            }
        }
    }

    /**
     * Undoes the escapes of a value.
     *
     * @param text the escaped value
     * @param where the file and line, for messages
     * @return the value
     */
    static String unescape(String text, String where) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == text.length()) {
                throw new StoreException(where + ": value ends with a lone backslash");
            }
            char e = text.charAt(i);
            switch (e) {
                case '\\':
                    out.append('\\');
                    break;
                case 't':
                    out.append('\t');
                    break;
                case 'n':
                    out.append('\n');
                    break;
                case 'r':
                    out.append('\r');
                    break;
                default:
                    throw new StoreException(where + ": unknown escape \\" + e);
            }
        }
        return out.toString();
    }

    /**
     * Returns the CRC32C of a file.
     *
     * @param file the file
     * @return the checksum
     * @throws IOException when reading fails
     */
    static long crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(Files.readAllBytes(file));
        return crc.getValue();
    }
}
