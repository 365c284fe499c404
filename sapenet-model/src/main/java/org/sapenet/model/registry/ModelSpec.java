/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.registry;

import java.util.Objects;

/**
 * One entry of the model registry: a name the command line accepts, the paper setting it belongs
 * to, and what it is.
 */
public final class ModelSpec {

    private final String name;
    private final PaperSetting setting;
    private final String description;

    /**
     * Creates a registry entry.
     *
     * @param name the name used on the command line
     * @param setting the paper setting
     * @param description one line on what the model is, including parts left out
     */
    public ModelSpec(String name, PaperSetting setting, String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.setting = Objects.requireNonNull(setting, "setting");
        this.description = Objects.requireNonNull(description, "description");
    }

    /**
     * Returns the name used on the command line.
     *
     * @return the name
     */
    public String getName() {
        return name;
    }

    /**
     * Returns the paper setting.
     *
     * @return the setting
     */
    public PaperSetting getSetting() {
        return setting;
    }

    /**
     * Returns one line on what the model is.
     *
     * @return the description
     */
    public String getDescription() {
        return description;
    }
}
