/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sapenet.data.source.aliccp.AliccpPreparer;
import org.sapenet.data.source.aliccp.AliccpRawPreparer;
import org.sapenet.data.source.csv.SchemaCsvPreparer;
import org.sapenet.data.source.kuaisar.KuaisarPreparer;
import org.sapenet.data.store.SourceFormat;

/**
 * The preparers of stores from a user's files, by the source format their stores record: {@code
 * aliccp}, {@code aliccp-raw}, {@code kuaisar} and {@code csv}. ({@link SourceFormat#DJL_TABULAR}
 * reads a dataset object, not files: build its {@code TabularStorePreparer} directly.)
 */
public final class StorePreparers {

    private static final Map<SourceFormat, PreparerFactory> FACTORIES =
            new EnumMap<>(SourceFormat.class);

    static {
        FACTORIES.put(SourceFormat.ALICCP, AliccpPreparer::of);
        FACTORIES.put(SourceFormat.ALICCP_RAW, AliccpRawPreparer::of);
        FACTORIES.put(SourceFormat.KUAISAR, KuaisarPreparer::of);
        FACTORIES.put(SourceFormat.CSV, SchemaCsvPreparer::of);
    }

    private StorePreparers() {}

    /**
     * Returns the formats with a preparer of files.
     *
     * @return the formats, in declaration order
     */
    public static Set<SourceFormat> formats() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }

    /**
     * Returns the preparer factory of a format.
     *
     * @param format the format
     * @return the factory
     * @throws IllegalArgumentException when the format has no preparer of files
     */
    public static PreparerFactory of(SourceFormat format) {
        PreparerFactory factory = FACTORIES.get(format);
        if (factory == null) {
            throw unknown(String.valueOf(format));
        }
        return factory;
    }

    /**
     * Returns the preparer factory of a format by its exact key (as {@code prepare --format} takes
     * it).
     *
     * @param key the key, e.g. {@code aliccp-raw}
     * @return the factory
     * @throws IllegalArgumentException naming the formats when the key is none of theirs
     */
    public static PreparerFactory of(String key) {
        for (Map.Entry<SourceFormat, PreparerFactory> entry : FACTORIES.entrySet()) {
            if (entry.getKey().key().equals(key)) {
                return entry.getValue();
            }
        }
        throw unknown(key);
    }

    private static IllegalArgumentException unknown(String key) {
        List<String> keys = new ArrayList<>();
        FACTORIES.keySet().forEach(f -> keys.add(f.key()));
        String last = keys.remove(keys.size() - 1);
        return new IllegalArgumentException(
                "--format must be "
                        + String.join(", ", keys)
                        + " or "
                        + last
                        + ", got '"
                        + key
                        + "'");
    }
}
