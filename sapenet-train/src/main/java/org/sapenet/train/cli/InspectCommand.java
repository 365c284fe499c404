/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sapenet.data.store.PreparedStore;
import org.sapenet.data.store.StoreSummary;
import org.sapenet.data.store.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a prepared store's manifest as a summary, optionally verifying every checksum. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description =
                "Summarise a prepared store: rows per split and scenario, label rates, vocabularies.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STORE", description = "The store folder.")
    Path store;

    @Option(names = "--verify", description = "Also check the CRC32C of every column file.")
    boolean verify;

    @Option(names = "--json", description = "Print the manifest as JSON instead.")
    boolean json;

    @Override
    public Integer call() {
        PreparedStore opened = PreparedStore.open(store, Verification.SIZES);
        if (verify) {
            opened.verifyChecksums();
        }
        System.out.print(
                json
                        ? opened.getManifest().toJson() + "\n"
                        : StoreSummary.format(opened.getManifest()));
        System.out.println(
                verify
                        ? "verified: sizes and CRC32C of every column file match the manifest"
                        : "checked: file sizes match the manifest (--verify also checks CRC32C)");
        return 0;
    }
}
