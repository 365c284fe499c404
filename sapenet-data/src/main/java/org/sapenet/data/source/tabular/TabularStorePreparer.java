/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.source.tabular;

import ai.djl.basicdataset.tabular.TabularDataset;
import ai.djl.basicdataset.tabular.utils.Feature;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sapenet.data.error.DataException;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.error.ErrorReason;
import org.sapenet.data.error.SkipReport;
import org.sapenet.data.schema.StoreSchema;
import org.sapenet.data.source.PrepareOptions;
import org.sapenet.data.source.PreparerBuilder;
import org.sapenet.data.source.SplitPolicy;
import org.sapenet.data.source.StorePreparer;
import org.sapenet.data.source.aliccp.AliccpRawPreparer;
import org.sapenet.data.store.SourceFormat;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.data.store.StoreRow;
import org.sapenet.data.store.StoreWriter;
import org.sapenet.data.vocab.FrozenVocabulary;
import org.sapenet.data.vocab.ValueTable;
import org.sapenet.data.vocab.VocabularyRule;

/**
 * Prepares a store from data a DJL user already described as a basicdataset {@link TabularDataset}
 * (a {@code CsvDataset} with its features and labels, say), with no schema JSON:
 *
 * <ul>
 *   <li>each categorical feature ({@code addCategoricalFeature}: a string featurizer) becomes a
 *       sparse field whose vocabulary is built on the training rows (ids by descending count, 0 for
 *       unknown and missing values, as {@code prepare --format csv});
 *   <li>each numeric feature ({@code addNumericFeature}) becomes a dense field, min-max scaled with
 *       the training rows' range ({@link Builder#optScaleDense}); an empty cell is 0;
 *   <li>the scenario column's value picks the scenario ({@link Builder#setScenario}); the column
 *       may also be a categorical feature, as AliCCP's {@code 301} is;
 *   <li>each label is a task ({@link Builder#optTasks} chooses other columns): {@code 1}, {@code
 *       1.0} or {@code true} positive, {@code 0}, {@code 0.0} or {@code false} negative, an empty
 *       cell masked.
 * </ul>
 *
 * <p>Rows are split 8:1:1 by a seeded hash of the row index. The dataset is read row by row through
 * {@link TabularDataset#getCell} twice (count on the training rows, then encode): this preparer
 * holds only the vocabularies' distinct values and one row. (DJL's {@code CsvDataset} itself holds
 * its parsed records in memory; the {@code csv} format of {@code sapenet prepare} streams files of
 * any size.) A bad cell fails with the row (the index plus one), the column and what was expected,
 * or, under {@link ErrorPolicy#SKIP}, is counted in the manifest.
 */
public final class TabularStorePreparer implements StorePreparer {

    private static final Set<String> POSITIVE = Set.of("1", "1.0", "true");
    private static final Set<String> NEGATIVE = Set.of("0", "0.0", "false");

    private final TabularDataset dataset;
    private final String sourceName;
    private final List<String> sparse;
    private final List<String> dense;
    private final String scenarioColumn;
    private final List<String> scenarios;
    private final List<String> tasks;
    private final Path output;
    private final SplitPolicy split;
    private final VocabularyRule rule;
    private final boolean scaleDense;
    private final ErrorPolicy errorPolicy;
    private final boolean force;

    private final ValueTable[] tables;
    private final float[] min;
    private final float[] max;
    private FrozenVocabulary[] vocabularies;

    private TabularStorePreparer(Builder builder) {
        PrepareOptions options = builder.getOptions();
        this.dataset = builder.dataset;
        this.sourceName = builder.sourceName;
        this.scenarioColumn = builder.scenarioColumn;
        this.scenarios = builder.scenarios;
        this.output = options.getOutput();
        this.split = SplitPolicy.random(options.getSeed());
        this.rule = VocabularyRule.of(builder.minCount, builder.maxVocab);
        this.scaleDense = builder.scaleDense;
        this.errorPolicy = options.getErrorPolicy();
        this.force = options.isForce();
        sparse = new ArrayList<>();
        dense = new ArrayList<>();
        for (Feature feature : dataset.getFeatures()) {
            if (builder.numeric.contains(feature.getName())) {
                dense.add(feature.getName());
            } else if (builder.categorical.contains(feature.getName())) {
                sparse.add(feature.getName());
            } else if (isCategorical(feature)) {
                sparse.add(feature.getName());
            } else {
                dense.add(feature.getName());
            }
        }
        if (builder.tasks != null) {
            tasks = builder.tasks;
        } else {
            tasks = new ArrayList<>();
            dataset.getLabels().forEach(label -> tasks.add(label.getName()));
        }
        tables = new ValueTable[sparse.size()];
        for (int f = 0; f < tables.length; f++) {
            tables[f] = new ValueTable();
        }
        min = new float[dense.size()];
        max = new float[dense.size()];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
    }

    /**
     * Returns whether a feature is categorical: DJL's string featurizers (one-hot, prepared
     * one-hot, embedding indices) are; its numeric, normalised numeric and epoch-day featurizers
     * are not. A featurizer of the user's own is neither: name the feature in {@link
     * Builder#optCategorical} or {@link Builder#optNumeric}.
     */
    private static boolean isCategorical(Feature feature) {
        String type = feature.getFeaturizer().getClass().getName();
        if (type.startsWith("ai.djl.basicdataset.tabular.utils.Featurizers$")) {
            if (type.endsWith("StringFeaturizer")) {
                return true;
            }
            if (type.endsWith("NumericFeaturizer") || type.endsWith("EpochDayFeaturizer")) {
                return false;
            }
        }
        throw new IllegalArgumentException(
                "Feature '"
                        + feature.getName()
                        + "' uses featurizer "
                        + type
                        + ": say whether it is categorical or numeric with optCategorical or"
                        + " optNumeric");
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the sparse fields: the categorical features, in the dataset's order.
     *
     * @return the feature names
     */
    public List<String> getSparseFields() {
        return List.copyOf(sparse);
    }

    /**
     * Returns the dense fields: the numeric features, in the dataset's order.
     *
     * @return the feature names
     */
    public List<String> getDenseFields() {
        return List.copyOf(dense);
    }

    /**
     * Prepares the dataset (DJL's {@code prepare}), reads it twice and writes the store.
     *
     * @return the manifest of the new store
     * @throws DataException on a bad cell (with {@link ErrorPolicy#FAIL})
     * @throws IOException when reading or writing fails
     */
    @Override
    public StoreManifest prepare() throws IOException {
        try {
            dataset.prepare();
        } catch (TranslateException e) {
            throw new IOException("Cannot prepare " + sourceName + ": " + e.getMessage(), e);
        }
        long rows = dataset.size();
        if (rows == 0) {
            throw new DataException(sourceName + ": no rows");
        }
        StoreSchema schema = new StoreSchema(sparse, dense, scenarios, tasks, scenarioColumn);
        SkipReport skips = new SkipReport();
        try (StoreWriter writer = StoreWriter.create(output, schema, force)) {
            pass(rows, null, null, new SkipReport());
            vocabularies = new FrozenVocabulary[tables.length];
            for (int f = 0; f < tables.length; f++) {
                vocabularies[f] = tables[f].freeze(rule);
                writer.putVocabulary(f, vocabularies[f]);
            }
            pass(rows, writer, new StoreRow(schema), skips);
            return writer.commit(
                    SourceFormat.DJL_TABULAR,
                    describe(rows),
                    denseScaling(),
                    null,
                    errorPolicy,
                    skips);
        }
    }

    private Map<String, Object> describe(long rows) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("dataset", sourceName);
        source.put("rowsRead", rows);
        source.putAll(split.describe());
        source.put("scenarioColumn", scenarioColumn);
        source.put("onError", errorPolicy.key());
        return source;
    }

    private Map<String, StoreManifest.DenseRange> denseScaling() {
        Map<String, StoreManifest.DenseRange> scaling = new LinkedHashMap<>();
        for (int d = 0; d < min.length; d++) {
            boolean seen = min[d] <= max[d];
            scaling.put(
                    dense.get(d),
                    scaleDense
                            ? StoreManifest.DenseRange.minMax(
                                    seen ? (double) min[d] : null,
                                    seen ? (double) max[d] : null,
                                    0.0)
                            : StoreManifest.DenseRange.none(0.0));
        }
        return scaling;
    }

    /** Counts the training rows (writer null) or encodes and writes every row. */
    private void pass(long rows, StoreWriter writer, StoreRow row, SkipReport skips) {
        boolean counting = writer == null;
        int[] slots = new int[tables.length];
        float[] values = new float[min.length];
        for (long r = 0; r < rows; r++) {
            Split s = split.assign(Split.TRAIN, 0, r + 1);
            if (counting && s != Split.TRAIN) {
                continue;
            }
            try {
                read(r, counting, slots, values, row);
            } catch (DataException e) {
                if (errorPolicy == ErrorPolicy.FAIL || e.getReason() == null) {
                    throw e;
                }
                skips.record(e);
                continue;
            }
            if (counting) {
                for (int f = 0; f < slots.length; f++) {
                    if (slots[f] >= 0) {
                        tables[f].count(slots[f], 1);
                    }
                }
                for (int d = 0; d < values.length; d++) {
                    if (!Float.isNaN(values[d])) {
                        min[d] = Math.min(min[d], values[d]);
                        max[d] = Math.max(max[d], values[d]);
                    }
                }
                continue;
            }
            for (int f = 0; f < slots.length; f++) {
                row.setSparse(f, vocabularies[f].id(slots[f]));
            }
            for (int d = 0; d < values.length; d++) {
                float v = values[d];
                if (Float.isNaN(v)) {
                    v = 0f;
                } else if (scaleDense) {
                    v = AliccpRawPreparer.scale(v, min[d], max[d]);
                }
                row.setDense(d, v);
            }
            writer.append(s, row);
        }
    }

    /** Reads row r: value slots (interned when counting), dense values (NaN when empty). */
    private void read(long r, boolean counting, int[] slots, float[] values, StoreRow row) {
        for (int f = 0; f < slots.length; f++) {
            String text = dataset.getCell(r, sparse.get(f));
            if (text == null || text.isEmpty()) {
                slots[f] = -1;
                continue;
            }
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            slots[f] = counting ? tables[f].intern(b, 0, b.length) : tables[f].find(b, 0, b.length);
        }
        for (int d = 0; d < values.length; d++) {
            String text = dataset.getCell(r, dense.get(d));
            if (text == null || text.isBlank()) {
                values[d] = Float.NaN;
                continue;
            }
            float v;
            try {
                v = Float.parseFloat(text.trim());
            } catch (NumberFormatException e) {
                throw error(ErrorReason.BAD_NUMBER, r, dense.get(d), "expected a number", text);
            }
            if (!Float.isFinite(v)) {
                throw error(
                        ErrorReason.NOT_FINITE, r, dense.get(d), "expected a finite number", text);
            }
            values[d] = v;
        }
        if (row == null) {
            return;
        }
        String scenario = dataset.getCell(r, scenarioColumn);
        int s = scenarios.indexOf(scenario);
        if (s < 0) {
            throw error(
                    ErrorReason.BAD_SCENARIO,
                    r,
                    scenarioColumn,
                    "expected one of the scenario values " + scenarios,
                    scenario);
        }
        row.setScenario(s);
        for (int t = 0; t < tasks.size(); t++) {
            String text = dataset.getCell(r, tasks.get(t));
            String label = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            if (POSITIVE.contains(label)) {
                row.setLabel(t, true);
            } else if (NEGATIVE.contains(label)) {
                row.setLabel(t, false);
            } else if (label.isEmpty()) {
                row.clearLabel(t);
            } else {
                throw error(
                        ErrorReason.BAD_LABEL,
                        r,
                        tasks.get(t),
                        "expected 1, 0, true, false or an empty cell (masked)",
                        text);
            }
        }
    }

    private DataException error(
            ErrorReason reason, long r, String column, String expected, String got) {
        return DataException.at(
                reason,
                Path.of(sourceName),
                r + 1,
                0,
                column,
                expected + ", got '" + got + "' (row " + (r + 1) + " of the dataset)");
    }

    /** Configures a {@link TabularStorePreparer}. */
    public static final class Builder extends PreparerBuilder<Builder> {
        private TabularDataset dataset;
        private String sourceName;
        private String scenarioColumn;
        private List<String> scenarios;
        private List<String> tasks;
        private Set<String> categorical = Set.of();
        private Set<String> numeric = Set.of();
        private long minCount = 1;
        private int maxVocab;
        private boolean scaleDense = true;

        Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Sets the dataset: its features become the fields, its labels the tasks.
         *
         * @param dataset the dataset (prepared or not)
         * @return this builder
         */
        public Builder setDataset(TabularDataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            return this;
        }

        /**
         * Sets the column whose value is the row's scenario, and the value of each scenario.
         *
         * @param column the column (any column of the dataset, a feature or not)
         * @param values the column's value for scenario 0, 1, ...
         * @return this builder
         */
        public Builder setScenario(String column, String... values) {
            this.scenarioColumn = Objects.requireNonNull(column, "column");
            this.scenarios = List.of(values);
            return this;
        }

        /**
         * Takes the tasks from these columns instead of the dataset's labels.
         *
         * @param columns the task columns, in task order
         * @return this builder
         */
        public Builder optTasks(String... columns) {
            this.tasks = List.of(columns);
            return this;
        }

        /**
         * Makes these features sparse fields whatever their featurizer.
         *
         * @param features feature names
         * @return this builder
         */
        public Builder optCategorical(String... features) {
            this.categorical = Set.of(features);
            return this;
        }

        /**
         * Makes these features dense fields whatever their featurizer.
         *
         * @param features feature names
         * @return this builder
         */
        public Builder optNumeric(String... features) {
            this.numeric = Set.of(features);
            return this;
        }

        /**
         * Sets the vocabulary rule: values seen fewer than {@code minCount} times in training are
         * unknown (id 0); at most {@code maxVocab} ids (0: no cap). Default 1 and 0.
         *
         * @param minCount the minimum training count
         * @param maxVocab the cap, or 0
         * @return this builder
         */
        public Builder optVocabulary(long minCount, int maxVocab) {
            this.minCount = minCount;
            this.maxVocab = maxVocab;
            return this;
        }

        /**
         * Sets whether dense values are min-max scaled with the training range (default true).
         *
         * @param scale whether to scale
         * @return this builder
         */
        public Builder optScaleDense(boolean scale) {
            this.scaleDense = scale;
            return this;
        }

        /**
         * Names the dataset in messages and the manifest (default: its class name).
         *
         * @param name the name
         * @return this builder
         */
        public Builder optSourceName(String name) {
            this.sourceName = name;
            return this;
        }

        /**
         * Builds the preparer.
         *
         * @return the preparer
         * @throws IllegalArgumentException when the dataset, scenario or output is missing, or a
         *     feature's kind cannot be told
         */
        public TabularStorePreparer build() {
            if (dataset == null || scenarioColumn == null || getOptions().getOutput() == null) {
                throw new IllegalArgumentException(
                        "setDataset, setScenario and setOutput are required");
            }
            if (sourceName == null) {
                sourceName = dataset.getClass().getSimpleName();
            }
            return new TabularStorePreparer(this);
        }
    }
}
