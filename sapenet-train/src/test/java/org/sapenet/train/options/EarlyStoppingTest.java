/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.state.RunFolder;

class EarlyStoppingTest {

    /** A large group (10 000 rows, 500 positives) and a small one (500 rows, 10 positives). */
    private static EvaluationResult result(Double largeAuc, Double smallAuc, double logLoss) {
        String json =
                String.format(
                        Locale.ROOT,
                        "{\"groups\": ["
                                + "{\"scenario\": 0, \"task\": 0, \"n\": 10000, \"positives\": 500,"
                                + " \"auc\": %s, \"logLoss\": 0.2},"
                                + "{\"scenario\": 1, \"task\": 0, \"n\": 500, \"positives\": 10,"
                                + " \"auc\": %s, \"logLoss\": 0.1}],"
                                + " \"meanGroupAuc\": %s, \"logLoss\": %s}",
                        largeAuc,
                        smallAuc,
                        largeAuc == null || smallAuc == null ? null : (largeAuc + smallAuc) / 2,
                        logLoss);
        return RunFolder.gson().fromJson(json, EvaluationResult.class);
    }

    @Test
    void weightsEachGroupByItsRarerClass() {
        double score = EarlyStopping.WEIGHTED_GROUP_AUC.score(result(0.70, 0.40, 0.3));
        assertEquals((500 * 0.70 + 10 * 0.40) / 510, score, 1e-12);
    }

    @Test
    void aSmallGroupsNoiseDoesNotPickTheEpoch() {
        EvaluationResult better = result(0.70, 0.40, 0.30); // the large group is better
        EvaluationResult noisy = result(0.68, 0.60, 0.31); // the small group jumped
        assertTrue(
                EarlyStopping.MEAN_GROUP_AUC.score(noisy)
                        > EarlyStopping.MEAN_GROUP_AUC.score(better),
                "the paper's plain mean follows the small group");
        assertTrue(
                EarlyStopping.WEIGHTED_GROUP_AUC.score(better)
                        > EarlyStopping.WEIGHTED_GROUP_AUC.score(noisy),
                "the weighted mean follows the evidence");
        assertTrue(
                EarlyStopping.LOG_LOSS.score(better) > EarlyStopping.LOG_LOSS.score(noisy),
                "lower LogLoss scores higher");
    }

    @Test
    void oneClassGroupsAreLeftOutAndNoAucGivesNoScore() {
        assertEquals(0.70, EarlyStopping.WEIGHTED_GROUP_AUC.score(result(0.70, null, 0.3)), 1e-12);
        assertNull(EarlyStopping.WEIGHTED_GROUP_AUC.score(result(null, null, 0.3)));
    }

    @Test
    void namesRoundTripAndUnknownNamesAreRefused() {
        for (EarlyStopping e : EarlyStopping.values()) {
            assertEquals(e, EarlyStopping.of(e.key()));
        }
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> EarlyStopping.of("auc"));
        assertTrue(error.getMessage().contains("weighted-group-auc"), error.getMessage());
    }
}
