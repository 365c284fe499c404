/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.baselines.singletask;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.sapenet.model.ModelInputs;
import org.sapenet.model.config.ModelConfig;

/**
 * T independent networks behind the common model interface: the paper's single-task settings train
 * one model per task; here the T models live in one block so that every model of the project
 * trains, saves and serves the same way. No parameter is shared, and each task's loss reaches only
 * its own network.
 *
 * <p>Children, in order: task0 .. task{T-1}, each a network that maps the model input to (B, 1).
 *
 * <p>Input: [sparse ids (B, F_s), dense (B, F_d), scenario ids (B)]. Output: [logits (B, T)],
 * column t from network t.
 */
public final class PerTaskNetworks extends AbstractBlock {

    private static final byte VERSION = 1;

    private final List<Block> networks;

    private PerTaskNetworks(List<Block> networks) {
        super(VERSION);
        List<Block> added = new ArrayList<>(networks.size());
        for (int t = 0; t < networks.size(); t++) {
            added.add(addChildBlock("task" + t, networks.get(t)));
        }
        this.networks = Collections.unmodifiableList(added);
    }

    /**
     * Creates T networks, one per task.
     *
     * @param tasks T
     * @param factory builds the network of task t; each call must return a new block
     * @return the block
     * @throws IllegalArgumentException when T is not positive or the factory returns the same block
     *     twice
     */
    public static PerTaskNetworks of(int tasks, IntFunction<Block> factory) {
        if (tasks <= 0) {
            throw new IllegalArgumentException("PerTaskNetworks needs T > 0 tasks, got " + tasks);
        }
        List<Block> networks = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            Block network = factory.apply(t);
            for (Block other : networks) {
                if (other == network) {
                    throw new IllegalArgumentException(
                            "the factory returned the same block for two tasks: each task needs"
                                    + " its own network");
                }
            }
            networks.add(network);
        }
        return new PerTaskNetworks(networks);
    }

    /**
     * Creates the config's T networks, one per task, each built from the config.
     *
     * @param config the config; T is its number of tasks
     * @param network builds one task's network; each call must return a new block
     * @return the block
     */
    public static PerTaskNetworks of(ModelConfig config, Function<ModelConfig, Block> network) {
        return of(config.numTasks(), t -> network.apply(config));
    }

    /**
     * Returns the network of a task.
     *
     * @param task t
     * @return the network
     */
    public Block getNetwork(int task) {
        return networks.get(task);
    }

    /**
     * Returns T.
     *
     * @return the number of tasks
     */
    public int numTasks() {
        return networks.size();
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList logits = new NDList(networks.size());
        for (Block network : networks) {
            logits.add(network.forward(ps, inputs, training, params).singletonOrThrow());
        }
        return new NDList(logits.size() == 1 ? logits.head() : NDArrays.concat(logits, 1));
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block network : networks) {
            network.initialize(manager, dataType, inputShapes);
        }
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[ModelInputs.SPARSE].get(0), networks.size())};
    }
}
