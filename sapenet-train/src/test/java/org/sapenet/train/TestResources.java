/*
 * SAPENet for the JVM.
 */
package org.sapenet.train;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Finds the data the tests carry in their resources. */
public final class TestResources {

    private TestResources() {}

    /**
     * Returns the folder of AliCCP samples (the first rows of the processed files as
     * Scenario-Wise-Rec ships them: {@code ali_ccp_{train,val,test}_sample.csv}).
     *
     * @return the folder
     */
    public static Path aliccpSamples() {
        URL url = TestResources.class.getClassLoader().getResource("ali-ccp/scenario-wise-rec");
        if (url == null) {
            throw new IllegalStateException("no test resource ali-ccp/scenario-wise-rec");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
