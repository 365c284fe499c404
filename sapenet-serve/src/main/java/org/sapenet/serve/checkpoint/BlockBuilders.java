/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.checkpoint;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Path;

/** Finds and instantiates the {@link BlockBuilder} class a checkpoint names. */
final class BlockBuilders {

    private BlockBuilders() {}

    static void check(Class<?> type) {
        if (!Modifier.isPublic(type.getModifiers())
                || type.isAnonymousClass()
                || type.isLocalClass()
                || type.isSynthetic()
                || (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers()))) {
            throw new IllegalArgumentException(
                    "BlockBuilder "
                            + type.getName()
                            + " must be a public top-level or static nested class (not a lambda):"
                            + " loaders create it by name");
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            if (!Modifier.isPublic(constructor.getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(
                    "BlockBuilder " + type.getName() + " needs a public no-argument constructor",
                    e);
        }
    }

    static BlockBuilder instantiate(String className, Path dir) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = BlockBuilders.class.getClassLoader();
        }
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!BlockBuilder.class.isAssignableFrom(type)) {
                throw new CheckpointException(
                        "Checkpoint "
                                + dir
                                + " names "
                                + className
                                + " as its block builder, which is not a BlockBuilder");
            }
            return (BlockBuilder) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new CheckpointException(
                    "Checkpoint "
                            + dir
                            + " holds a model built by "
                            + className
                            + ", which is not on the class path: add the jar that defines it",
                    e);
        } catch (ReflectiveOperationException e) {
            throw new CheckpointException(
                    "Checkpoint " + dir + ": cannot create block builder " + className + ": " + e,
                    e);
        }
    }
}
