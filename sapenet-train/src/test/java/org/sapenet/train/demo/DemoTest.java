/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.train.cli.SapenetCli;
import org.sapenet.train.run.RunMetrics;
import org.sapenet.train.run.TrainingRun;

class DemoTest {

    @TempDir Path dir;

    @Test
    void reducedDemoLearnsTheSyntheticClickTask() throws Exception {
        Path out = dir.resolve("demo");
        int code =
                SapenetCli.execute(
                        "demo",
                        "--rows",
                        "20000",
                        "--epochs",
                        "4",
                        "--batch-size",
                        "256",
                        "--lr",
                        "2e-3",
                        "--models",
                        "sapenet",
                        "--out",
                        out.toString());
        assertEquals(0, code);
        for (String path :
                new String[] {
                    "synthetic/oracle.json",
                    "store/manifest.json",
                    "runs/sapenet/model",
                    "runs/sapenet/metrics.json",
                    "results.txt"
                }) {
            assertTrue(Files.exists(out.resolve(path)), path);
        }
        RunMetrics metrics = TrainingRun.readMetrics(out.resolve("runs/sapenet/metrics.json"));
        double click = metrics.getTest().getTaskAuc().get(0);
        // About 1,250 positive test clicks (the balanced profile): the AUC's standard error is
        // about 0.01.
        assertTrue(click > 0.55, "SAPENet's test click AUC " + click + " is clearly above 0.5");
        String table = Files.readString(out.resolve("results.txt"));
        assertTrue(table.contains("oracle"), table);
        assertTrue(table.contains("mean of the rows above"), table);
        assertTrue(table.contains("share of oracle lift"), table);
        assertTrue(table.contains("All AUC (pooled)"), table);
        assertFalse(table.contains("(mean)"), "the pooled row is labelled as pooled");
        assertNotEquals(0, SapenetCli.execute("demo", "--rows", "20000", "--out", out.toString()));
    }
}
