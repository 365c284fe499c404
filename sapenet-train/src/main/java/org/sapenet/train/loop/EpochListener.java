/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.loop;

import org.sapenet.train.metrics.EvaluationResult;
import org.sapenet.train.state.EpochRecord;
import org.sapenet.train.state.ResumeState;

/** Hears about each finished epoch (after its state was saved). */
@FunctionalInterface
public interface EpochListener {

    /**
     * Called after an epoch's validation and save.
     *
     * @param record the epoch's figures
     * @param validation the epoch's validation metrics
     * @param state the run state after the epoch
     */
    void onEpoch(EpochRecord record, EvaluationResult validation, ResumeState state);
}
