/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.registry;

import ai.djl.nn.Block;
import java.util.Objects;
import java.util.function.Function;
import org.sapenet.model.config.ModelConfig;

/**
 * One entry of the model registry: a name the command line accepts, the paper setting it belongs
 * to, what it is, and how to build its {@link Block} from a {@link ModelConfig}.
 */
public final class ModelSpec {

    private final String name;
    private final PaperSetting setting;
    private final String description;
    private final Function<ModelConfig, Block> factory;
    private final boolean ablation;

    /**
     * Creates a registry entry for a model of the paper's tables.
     *
     * @param name the name used on the command line
     * @param setting the paper setting
     * @param description one line on what the model is, including parts left out
     * @param factory builds the model's block from a config
     */
    public ModelSpec(
            String name,
            PaperSetting setting,
            String description,
            Function<ModelConfig, Block> factory) {
        this(name, setting, description, factory, false);
    }

    /**
     * Creates a registry entry.
     *
     * @param name the name used on the command line
     * @param setting the paper setting
     * @param description one line on what the model is, including parts left out
     * @param factory builds the model's block from a config
     * @param ablation whether the entry is an ablation (listed after every setting's models)
     */
    public ModelSpec(
            String name,
            PaperSetting setting,
            String description,
            Function<ModelConfig, Block> factory,
            boolean ablation) {
        this.name = Objects.requireNonNull(name, "name");
        this.setting = Objects.requireNonNull(setting, "setting");
        this.description = Objects.requireNonNull(description, "description");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.ablation = ablation;
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

    /**
     * Returns whether this entry is an ablation of another model.
     *
     * @return true for ablations
     */
    public boolean isAblation() {
        return ablation;
    }

    /**
     * Builds a new, uninitialised block of this model.
     *
     * @param config the sizes of the input and the parts
     * @return the block; its forward takes [sparse ids (B, F_s), dense (B, F_d), scenario (B)] (see
     *     {@link org.sapenet.model.ModelInputs}) and returns [logits (B, T)]
     */
    public Block newBlock(ModelConfig config) {
        return factory.apply(Objects.requireNonNull(config, "config"));
    }
}
