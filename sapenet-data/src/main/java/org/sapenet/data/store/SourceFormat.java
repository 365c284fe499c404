/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.store;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;

/**
 * The input a store was prepared from, as recorded in its manifest ({@code sourceFormat}): one
 * value per preparer. The manifest and {@code prepare --format} spell it by its {@link #key()}.
 */
public enum SourceFormat {
    /** Processed AliCCP CSV ({@code AliccpPreparer}). */
    @SerializedName("aliccp")
    ALICCP("aliccp"),
    /** The raw AliCCP skeleton and common-features files ({@code AliccpRawPreparer}). */
    @SerializedName("aliccp-raw")
    ALICCP_RAW("aliccp-raw"),
    /** KuaiSAR ({@code KuaisarPreparer}). */
    @SerializedName("kuaisar")
    KUAISAR("kuaisar"),
    /** A CSV file described by a schema file ({@code SchemaCsvPreparer}). */
    @SerializedName("csv")
    CSV("csv"),
    /** A DJL {@code TabularDataset} ({@code TabularStorePreparer}). */
    @SerializedName("djl-tabular")
    DJL_TABULAR("djl-tabular");

    private final String key;

    SourceFormat(String key) {
        this.key = key;
    }

    /**
     * Returns the name the manifest records.
     *
     * @return e.g. {@code aliccp-raw}
     */
    public String key() {
        return key;
    }

    /**
     * Returns the format of a recorded name.
     *
     * @param key the name, e.g. {@code aliccp-raw} (case is ignored)
     * @return the format, or null when the name is null or no format's
     */
    public static SourceFormat fromKey(String key) {
        if (key == null) {
            return null;
        }
        String k = key.toLowerCase(Locale.ROOT);
        for (SourceFormat format : values()) {
            if (format.key.equals(k)) {
                return format;
            }
        }
        return null;
    }

    /**
     * Says whether the store holds AliCCP (processed or raw).
     *
     * @return true for {@link #ALICCP} and {@link #ALICCP_RAW}
     */
    public boolean isAliccp() {
        return this == ALICCP || this == ALICCP_RAW;
    }

    @Override
    public String toString() {
        return key;
    }
}
