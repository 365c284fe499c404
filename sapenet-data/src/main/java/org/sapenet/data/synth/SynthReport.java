/*
 * SAPENet for the JVM.
 */
package org.sapenet.data.synth;

/**
 * What a synthetic data writer reports: the best achievable ("oracle") AUC of the rows' true
 * probabilities against their drawn labels, as the writer saved it in {@value
 * SyntheticAliccp#ORACLE_FILE}. {@link OracleReport} for AliCCP (per split, scenario and task),
 * {@link KuaisarOracle} for KuaiSAR (per scenario and task over all rows).
 */
public interface SynthReport {

    /**
     * Formats the oracle AUCs as a table for people.
     *
     * @return the table text, one line per row of the table
     */
    String toTable();

    /**
     * Returns the report as written to {@value SyntheticAliccp#ORACLE_FILE}.
     *
     * @return the JSON text
     */
    String toJson();
}
