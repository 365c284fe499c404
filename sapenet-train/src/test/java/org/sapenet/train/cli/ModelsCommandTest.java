/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sapenet.model.registry.ModelRegistry;
import org.sapenet.model.registry.ModelSpec;
import picocli.CommandLine;

class ModelsCommandTest {

    @Test
    void listsEveryRegisteredModelWithCounts() {
        CliRun run =
                CliRun.capture(
                        () -> new CommandLine(new ModelsCommand()).execute("--vocab", "1000"));
        assertEquals(0, run.code(), run.err());
        String out = run.out();
        assertTrue(out.contains("22 id fields x 1000 ids"), out);
        for (ModelSpec spec : ModelRegistry.all()) {
            assertTrue(out.contains(spec.getName() + " "), spec.getName() + " missing:\n" + out);
        }
        // SAPENet on this shape: 22 x 1000 + 4 table rows of d = 16, 8 dense vectors.
        long embedding = (22L * 1000 + 4) * 16 + 8 * 16;
        String line = out.lines().filter(l -> l.startsWith("sapenet ")).findFirst().orElseThrow();
        String[] cols = line.trim().split("\\s{2,}");
        long total = Long.parseLong(cols[2].replace(",", ""));
        long nonEmbedding = Long.parseLong(cols[3].replace(",", ""));
        assertEquals(embedding, total - nonEmbedding, line);
    }

    @Test
    void rejectsATinyVocabulary() {
        assertNotEquals(0, new CommandLine(new ModelsCommand()).execute("--vocab", "1"));
    }
}
