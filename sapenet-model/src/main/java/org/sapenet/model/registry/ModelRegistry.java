/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every model this project builds, by the name the command line uses. */
public final class ModelRegistry {

    private static final Map<String, ModelSpec> MODELS = new LinkedHashMap<>();

    private ModelRegistry() {}

    /**
     * Returns every registered model, in the order of the paper's tables.
     *
     * @return the entries
     */
    public static List<ModelSpec> all() {
        return Collections.unmodifiableList(List.copyOf(MODELS.values()));
    }

    /**
     * Returns the model of a name.
     *
     * @param name the name
     * @return the entry
     * @throws IllegalArgumentException naming the known models when the name is unknown
     */
    public static ModelSpec get(String name) {
        ModelSpec spec = MODELS.get(name);
        if (spec == null) {
            throw new IllegalArgumentException(
                    "Unknown model '" + name + "': expected one of " + MODELS.keySet());
        }
        return spec;
    }
}
