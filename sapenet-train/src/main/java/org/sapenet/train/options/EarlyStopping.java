/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.options;

import java.util.Locale;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.metrics.GroupMetrics;

/**
 * The validation score that picks a run's best epoch and stops it early. Higher is better for every
 * criterion.
 *
 * <p>The paper follows M3oE and watches the plain mean of the per-(scenario, task) AUCs. Each group
 * counts the same there, so a scenario with a few hundred validation rows (AliCCP's scenario 2)
 * moves the mean as much as one with tens of thousands, and its noise picks the epoch. The default
 * weights each group's AUC by the number of its rarer class, min(positives, negatives): the
 * standard error of an AUC shrinks with that number, so each group counts as much as it is
 * trustworthy.
 */
public enum EarlyStopping {
    /** Σ_g w_g AUC_g / Σ_g w_g with w_g = min(positives_g, negatives_g): the default. */
    WEIGHTED_GROUP_AUC("weighted-group-auc"),
    /** The plain mean of the per-group AUCs: the paper's and M3oE's protocol. */
    MEAN_GROUP_AUC("mean-group-auc"),
    /** Minus the overall validation LogLoss. */
    LOG_LOSS("logloss");

    /** The criterion used when none is given. */
    public static final EarlyStopping DEFAULT = WEIGHTED_GROUP_AUC;

    private final String key;

    EarlyStopping(String key) {
        this.key = key;
    }

    /**
     * Returns the name used on the command line and in metrics.json.
     *
     * @return the key
     */
    public String key() {
        return key;
    }

    /**
     * Returns the criterion a name selects.
     *
     * @param key a key, as {@link #key()} gives it
     * @return the criterion
     * @throws IllegalArgumentException naming the accepted keys
     */
    public static EarlyStopping of(String key) {
        for (EarlyStopping e : values()) {
            if (e.key.equals(key.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException(
                "Unknown early-stopping criterion '"
                        + key
                        + "': expected weighted-group-auc, mean-group-auc or logloss");
    }

    /**
     * Returns the score of a validation result; higher is better.
     *
     * @param result the validation metrics
     * @return the score, or null when it is undefined (no group has both classes)
     */
    public Double score(EvaluationResult result) {
        switch (this) {
            case MEAN_GROUP_AUC:
                return result.getMeanGroupAuc();
            case LOG_LOSS:
                Double loss = result.getLogLoss();
                return loss == null ? null : -loss;
            default:
                double sum = 0;
                double weights = 0;
                for (GroupMetrics g : result.getGroups()) {
                    if (g.getAuc() != null) {
                        double w = Math.min(g.getPositives(), g.getN() - g.getPositives());
                        sum += w * g.getAuc();
                        weights += w;
                    }
                }
                return weights > 0 ? sum / weights : null;
        }
    }
}
