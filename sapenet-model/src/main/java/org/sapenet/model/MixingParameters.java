/*
 * SAPENet for the JVM.
 */
package org.sapenet.model;

import ai.djl.nn.Parameter;
import java.util.List;

/**
 * A model with balanced-mixing weights λ and fusion weights α (SAPENet, M3oE). M3oE's trainer
 * updates these with a second optimiser (its bi-level update); this interface says which they are.
 */
public interface MixingParameters {

    /**
     * Returns the raw parameters behind every λ and α (their sigmoid is the weight used).
     *
     * @return the parameters, in a fixed order
     */
    List<Parameter> getMixingParameters();
}
