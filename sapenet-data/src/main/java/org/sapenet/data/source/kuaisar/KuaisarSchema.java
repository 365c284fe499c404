/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.kuaisar;

import java.util.ArrayList;
import java.util.List;
import org.sapenet.data.schema.StoreSchema;

/**
 * The KuaiSAR store layout: S = 2 scenarios (0 search, 1 recommendation), T = 3 tasks (click, like,
 * share) and the sparse fields below; no dense field.
 *
 * <p>Sparse fields, in order: {@code user_id}, {@code item_id}, the user features ({@code
 * search_active_level}, {@code rec_active_level} and every {@code onehot_feat*} column of {@code
 * user_features.csv}, by number), the item features ({@link #ITEM_FEATURES}), {@code search_source}
 * and {@code keyword_token} (the first token of the search keyword list; the reserved id 1 on
 * recommendation rows) and {@code hour} (hour of day, UTC+8, of the interaction).
 *
 * <p>Never features (they leak the labels): {@link #LEAKING_COLUMNS}.
 */
public final class KuaisarSchema {

    /** The scenario names: scenario 0 is search, 1 recommendation. */
    public static final List<String> SCENARIOS = List.of("search", "recommendation");

    /** The task names. */
    public static final List<String> TASKS = List.of("click", "like", "share");

    /** Columns that leak the labels and are never read. */
    public static final List<String> LEAKING_COLUMNS =
            List.of(
                    "playing_time",
                    "duration_ms",
                    "follow",
                    "search",
                    "search_item_related",
                    "search_photo_related");

    /** The user features always present (the second also spelled {@code reco_active_level}). */
    public static final List<String> USER_FEATURES =
            List.of("search_active_level", "rec_active_level");

    /** The item features, from {@code item_features.csv}. */
    public static final List<String> ITEM_FEATURES =
            List.of(
                    "author_id",
                    "item_type",
                    "upload_type",
                    "first_level_category_id",
                    "second_level_category_id",
                    "third_level_category_id",
                    "fourth_level_category_id");

    /** The search-only fields, with the reserved id 1 (empty raw value) on recommendation rows. */
    public static final List<String> SEARCH_FIELDS = List.of("search_source", "keyword_token");

    /** The hour-of-day field. */
    public static final String HOUR = "hour";

    private KuaisarSchema() {}

    /**
     * Returns the sparse field names for a dump's {@code onehot_feat*} columns.
     *
     * @param onehot the onehot columns of user_features.csv, in order
     * @return the field names in store order
     */
    public static List<String> sparseFields(List<String> onehot) {
        List<String> fields = new ArrayList<>();
        fields.add("user_id");
        fields.add("item_id");
        fields.addAll(USER_FEATURES);
        fields.addAll(onehot);
        fields.addAll(ITEM_FEATURES);
        fields.addAll(SEARCH_FIELDS);
        fields.add(HOUR);
        return fields;
    }

    /**
     * Returns the store schema.
     *
     * @param onehot the onehot columns of user_features.csv, in order
     * @return the schema
     */
    public static StoreSchema schema(List<String> onehot) {
        return new StoreSchema(sparseFields(onehot), List.of(), SCENARIOS, TASKS, null);
    }
}
