/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sapenet.data.source.aliccp.AliccpPreparer;
import org.sapenet.data.synth.SyntheticAliccp;

/** One small synthetic AliCCP store per test JVM, prepared on first use. */
final class SyntheticStores {

    private static Path store;

    private SyntheticStores() {}

    static synchronized Path small() {
        if (store == null) {
            try {
                Path dir = Files.createTempDirectory("sapenet-train-test");
                dir.toFile().deleteOnExit();
                SyntheticAliccp.write(dir.resolve("csv"), 8000, 11);
                AliccpPreparer.builder()
                        .setInput(dir.resolve("csv"))
                        .setOutput(dir.resolve("store"))
                        .build()
                        .prepare();
                store = dir.resolve("store");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return store;
    }
}
