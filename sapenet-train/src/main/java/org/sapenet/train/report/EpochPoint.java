/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.report;

/**
 * One epoch of a run's training curve.
 *
 * @param epoch the epoch, from 1
 * @param trainLoss the mean training loss of the epoch
 * @param validationAuc the validation mean group AUC after the epoch, or null
 */
public record EpochPoint(int epoch, double trainLoss, Double validationAuc) {}
