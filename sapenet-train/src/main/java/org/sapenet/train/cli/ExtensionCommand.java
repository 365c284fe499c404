/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.util.concurrent.Callable;

/**
 * A subcommand that another module adds to the {@code sapenet} command line: a picocli
 * {@code @Command} class with a public no-argument constructor, listed in {@code
 * META-INF/services/org.sapenet.train.cli.ExtensionCommand} of its jar. {@link SapenetCli} adds
 * every one it finds on the class path (sapenet-spark's {@code spark-score} and {@code
 * spark-evaluate}), so this module needs no dependency on theirs.
 */
public interface ExtensionCommand extends Callable<Integer> {}
