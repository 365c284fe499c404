/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the project version from the jar's manifest. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = SapenetCli.class.getPackage().getImplementationVersion();
        return new String[] {"sapenet " + (version == null ? "(development build)" : version)};
    }
}
