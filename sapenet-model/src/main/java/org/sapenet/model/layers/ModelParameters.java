/*
 * SAPENet for the JVM.
 */
package org.sapenet.model.layers;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;

/**
 * Factories for the raw parameters of this module's blocks, so every block initialises the same
 * way: weights Xavier-uniform, biases zero, embedding tables and dense-field vectors N(0, σ_e^2)
 * with σ_e = {@value #EMBEDDING_STD}.
 *
 * <p>σ_e was measured, not taken from a peer (sapenet-model/README.md, "Initialisation"). At
 * torch-rechub's 1e-4 every id's vector is learned at once but the model overfits within two
 * epochs, the LayerNorms after STAR start inside their epsilon, and the field self-attention's
 * scores (products of two embeddings, about 1e-8) leave its softmax uniform and its query and key
 * gradients below Adam's epsilon. At PyTorch's N(0, 1) (the reference's choice) the random part of
 * each vector takes many epochs to be learned away: 0.05-0.10 lower validation AUC after two epochs
 * on synthetic AliCCP. At 0.05 both work; SAPENet scales its query and key projections by 1 / σ_e
 * so that attention starts with scores of order 1 (see {@code SapeNet}).
 *
 * <p>DJL's default {@link XavierInitializer} (uniform, average fan, magnitude 3) draws from U(-c,
 * c) with c = sqrt(6 / (fan_in + fan_out)): PyTorch's {@code xavier_uniform_}. For a weight of
 * shape (out, in) fan_in is dim 1 and fan_out dim 0; for a stack of weights (n, out, in) DJL
 * multiplies both fans by in (its "receptive field"), so stacked weights are created with {@link
 * #stackedWeight} which keeps each slice's PyTorch bound.
 */
public final class ModelParameters {

    /** The standard deviation σ_e of embedding tables. */
    public static final float EMBEDDING_STD = 0.05f;

    /** The standard deviation of the learned vectors v_j of dense fields (as the tables). */
    public static final float DENSE_VECTOR_STD = EMBEDDING_STD;

    /** PyTorch's xavier_uniform_ on the last two axes (out, in) of a weight. */
    public static final Initializer XAVIER_UNIFORM =
            (manager, shape, dataType) -> {
                int n = shape.dimension();
                if (n < 2) {
                    throw new IllegalArgumentException(
                            "Xavier initialisation needs a weight of 2 or more axes, got " + shape);
                }
                double bound = Math.sqrt(6.0 / (shape.get(n - 1) + shape.get(n - 2)));
                return manager.randomUniform(
                        (float) -bound, (float) bound, shape, dataType, manager.getDevice());
            };

    private ModelParameters() {}

    /**
     * Creates a Xavier-uniform weight.
     *
     * @param name the name
     * @param shape (out, in)
     * @return the parameter
     */
    public static Parameter weight(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer(XAVIER_UNIFORM)
                .build();
    }

    /**
     * Creates a Xavier-uniform weight scaled by a gain: U(-g c, g c).
     *
     * @param name the name
     * @param shape (out, in)
     * @param gain g
     * @return the parameter
     */
    public static Parameter weight(String name, Shape shape, float gain) {
        if (gain == 1f) {
            return weight(name, shape);
        }
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer(
                        (manager, s, dataType) ->
                                XAVIER_UNIFORM
                                        .initialize(manager, s, dataType)
                                        .muli(GraphConstants.scalar(manager, dataType, gain)))
                .build();
    }

    /**
     * Creates n stacked weights, each Xavier-uniform for its own (out, in) fans.
     *
     * @param name the name
     * @param n the number of stacked matrices
     * @param out the output width of each
     * @param in the input width of each
     * @return the parameter of shape (n, out, in)
     */
    public static Parameter stackedWeight(String name, long n, long out, long in) {
        return weight(name, new Shape(n, out, in));
    }

    /**
     * Creates a zero bias.
     *
     * @param name the name
     * @param shape the shape
     * @return the parameter
     */
    public static Parameter bias(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.BIAS)
                .optShape(shape)
                .optInitializer(new ConstantInitializer(0f))
                .build();
    }

    /**
     * Creates a LayerNorm gain, initialised to one.
     *
     * @param name the name
     * @param shape the shape
     * @return the parameter
     */
    public static Parameter gamma(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.GAMMA)
                .optShape(shape)
                .optInitializer(new ConstantInitializer(1f))
                .build();
    }

    /**
     * Creates a LayerNorm shift, initialised to zero.
     *
     * @param name the name
     * @param shape the shape
     * @return the parameter
     */
    public static Parameter beta(String name, Shape shape) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.BETA)
                .optShape(shape)
                .optInitializer(new ConstantInitializer(0f))
                .build();
    }

    /**
     * Creates learnable scalars (type OTHER, so a type-wide WEIGHT initializer in a training config
     * leaves them alone).
     *
     * @param name the name
     * @param shape the shape, e.g. (S) for one per scenario
     * @param value the initial value of every element
     * @return the parameter
     */
    public static Parameter scalars(String name, Shape shape, float value) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.OTHER)
                .optShape(shape)
                .optInitializer(new ConstantInitializer(value))
                .build();
    }

    /**
     * Creates an embedding table drawn from N(0, {@value #EMBEDDING_STD}^2).
     *
     * @param name the name
     * @param shape (rows, d)
     * @return the parameter
     */
    public static Parameter embedding(String name, Shape shape) {
        return normal(name, shape, EMBEDDING_STD);
    }

    /**
     * Creates the vectors v_j of dense fields (value_j * v_j is field j's embedding), drawn from
     * N(0, {@value #DENSE_VECTOR_STD}^2).
     *
     * @param name the name
     * @param shape (F_d, d)
     * @return the parameter
     */
    public static Parameter denseVectors(String name, Shape shape) {
        return normal(name, shape, DENSE_VECTOR_STD);
    }

    private static Parameter normal(String name, Shape shape, float std) {
        return Parameter.builder()
                .setName(name)
                .setType(Parameter.Type.WEIGHT)
                .optShape(shape)
                .optInitializer(new NormalInitializer(std))
                .build();
    }
}
