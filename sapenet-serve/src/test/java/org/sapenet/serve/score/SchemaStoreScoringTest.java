/*
 * SAPENet for the JVM.
 */
package org.sapenet.serve.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.inference.Predictor;
import ai.djl.modality.Input;
import ai.djl.modality.Output;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sapenet.data.store.StoreManifest;
import org.sapenet.serve.checkpoint.Checkpoint;
import org.sapenet.serve.testing.TestModels;

/**
 * A model trained from a schema-described CSV scores files with the training header and values
 * exactly as {@code prepare} read them: fields under their source column names, quoted values.
 */
class SchemaStoreScoringTest {

    private static final String SCHEMA =
            "{\"sparse\": [\"user\", {\"name\": \"city\", \"column\": \"city name\"}],"
                    + " \"dense\": [{\"name\": \"age\", \"column\": \"age years\"}],"
                    + " \"vocabulary\": {\"minCount\": 1},"
                    + " \"scenario\": {\"column\": \"domain\", \"values\": [\"search\", \"feed\"]},"
                    + " \"tasks\": [{\"name\": \"click\"}]}";

    private static final String HEADER = "domain,user,\"city name\",age years,click\n";
    private static final String[] CITIES = {"\"Rome, IT\"", "Lyon", "\"a \"\"quoted\"\" town\""};

    private static String rows(int n) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < n; i++) {
            csv.append(i % 2 == 0 ? "search" : "feed")
                    .append(",u")
                    .append(i % 5)
                    .append(',')
                    .append(CITIES[i % 3])
                    .append(',')
                    .append(20 + i % 7)
                    .append(',')
                    .append(i % 3 == 0 ? 1 : 0)
                    .append('\n');
        }
        return csv.toString();
    }

    @Test
    void scoresTheTrainingFileAsPrepareReadIt(@TempDir Path temp) throws Exception {
        Path in = Files.createDirectories(temp.resolve("in"));
        Files.writeString(in.resolve("schema.json"), SCHEMA);
        for (String split : List.of("train", "val", "test")) {
            Files.writeString(in.resolve(split + ".csv"), rows(30));
        }
        Path storeDir = temp.resolve("store");
        StoreManifest manifest = TestModels.prepareSchemaStore(in, storeDir);
        Path dir = TestModels.writeStoreCheckpoint(temp.resolve("model"), manifest, storeDir);
        try (Checkpoint checkpoint = Checkpoint.load(dir)) {
            // The training header, quoted values with commas and doubled quotes.
            Path file = temp.resolve("new.csv");
            Files.writeString(
                    file,
                    HEADER
                            + "search,u0,\"Rome, IT\",20,1\n"
                            + "search,u0,Lyon,20,0\n"
                            + "search,u0,\"a \"\"quoted\"\" town\",20,0\n"
                            + "search,u0,\"Rome, IT\",20,0\n");
            Path out = temp.resolve("p.csv");
            ScoreSummary summary =
                    CsvScorer.score(checkpoint, file, out, ScoreOptions.builder().build());
            assertEquals(4, summary.getRows());
            List<String> lines = Files.readAllLines(out);
            assertEquals("row,scenario,p_click", lines.get(0));
            String rome = lines.get(1).split(",")[2];
            assertEquals(rome, lines.get(4).split(",")[2], "the same row scores the same");
            assertNotEquals(rome, lines.get(2).split(",")[2], "Lyon is another known city");
            assertNotEquals(rome, lines.get(3).split(",")[2], "so is the quoted town");
            CsvScorer.score(
                    checkpoint,
                    in.resolve("test.csv"),
                    temp.resolve("test-p.csv"),
                    ScoreOptions.builder().build());
            assertEquals(31, Files.readAllLines(temp.resolve("test-p.csv")).size());

            // The same body through DJL's Input/Output translator: the same quoting and columns.
            Criteria<Input, Output> criteria =
                    Criteria.builder()
                            .setTypes(Input.class, Output.class)
                            .optModelPath(dir)
                            .build();
            try (ZooModel<Input, Output> model = criteria.loadModel();
                    Predictor<Input, Output> predictor = model.newPredictor()) {
                Input input = new Input();
                input.add(HEADER + "search,u0,\"Rome, IT\",20,1\n");
                String json = predictor.predict(input).getData().getAsString();
                float p = Float.parseFloat(json.replaceAll(".*\"click\":([^}]*)}.*", "$1"));
                assertEquals(Float.parseFloat(rome), p, 1e-6);
            }
        }
    }
}
