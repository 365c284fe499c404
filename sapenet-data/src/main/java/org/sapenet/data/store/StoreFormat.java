/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * The on-disk format of a prepared store (version {@value #VERSION}); sapenet-data/README.md
 * documents it for other tools.
 *
 * <pre>
 * STORE/
 *   manifest.json            schema, row counts, label rates, options, column sizes and CRC32C
 *   vocab/                   reserved: raw value to id files of sources that build vocabularies
 *   train/ val/ test/        one file per column, raw little-endian values, row i at offset i*width
 *     sparse-000.i32 ...     sparse field f (int32 ids, 0 = unknown)
 *     dense-000.f32 ...      dense field f (float32)
 *     scenario.i32           scenario id 0..S-1 (int32)
 *     label-00.u8 ...        task t label, 0 or 1 (uint8)
 *     mask-00.u8 ...         task t mask, 1 when the row carries a label for t (uint8)
 * </pre>
 */
public final class StoreFormat {

    /** The value of the manifest's {@code format} key. */
    public static final String FORMAT_NAME = "sapenet-store";

    /**
     * The format version this code writes. Version 2 records the source format, dense scaling and
     * missing-value markers as typed manifest keys ({@code sourceFormat}, {@code denseScaling},
     * {@code missing}); version 1 kept them inside the free {@code source} map.
     */
    public static final int VERSION = 2;

    /**
     * The oldest format version this code reads: a version 1 manifest's {@code source.format},
     * {@code source.denseScaling} and {@code source.missing} are read into the typed keys.
     */
    public static final int OLDEST_READABLE_VERSION = 1;

    /** The manifest file name. */
    public static final String MANIFEST = "manifest.json";

    /** The reserved folder for vocabulary files. */
    public static final String VOCABULARY_FOLDER = "vocab";

    /** The byte order of every column file. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    /** The manifest name of {@link #BYTE_ORDER}. */
    public static final String BYTE_ORDER_NAME = "little-endian";

    /** The checksum algorithm of column files. */
    public static final String CHECKSUM_NAME = "crc32c";

    /** The scenario column file name. */
    public static final String SCENARIO_FILE = "scenario.i32";

    private StoreFormat() {}

    /**
     * Returns the file name of sparse field f.
     *
     * @param field the field index
     * @return e.g. {@code sparse-007.i32}
     */
    public static String sparseFile(int field) {
        return String.format(Locale.ROOT, "sparse-%03d.i32", field);
    }

    /**
     * Returns the file name of dense field f.
     *
     * @param field the field index
     * @return e.g. {@code dense-002.f32}
     */
    public static String denseFile(int field) {
        return String.format(Locale.ROOT, "dense-%03d.f32", field);
    }

    /**
     * Returns the file name of task t's labels.
     *
     * @param task the task index
     * @return e.g. {@code label-01.u8}
     */
    public static String labelFile(int task) {
        return String.format(Locale.ROOT, "label-%02d.u8", task);
    }

    /**
     * Returns the file name of task t's label mask.
     *
     * @param task the task index
     * @return e.g. {@code mask-01.u8}
     */
    public static String maskFile(int task) {
        return String.format(Locale.ROOT, "mask-%02d.u8", task);
    }
}
