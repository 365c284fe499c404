/*
 * SAPENet for the JVM.
 */
package org.sapenet.train.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sapenet.data.error.ErrorPolicy;
import org.sapenet.data.source.aliccp.AliccpRawPreparer;
import org.sapenet.data.source.csv.CsvSchema;
import org.sapenet.data.source.csv.SchemaCsvPreparer;
import org.sapenet.data.source.kuaisar.KuaisarPreparer;
import org.sapenet.data.store.Split;
import org.sapenet.data.store.StoreManifest;

/** Runs the {@code prepare} formats other than {@code aliccp}: aliccp-raw, kuaisar and csv. */
final class FormatPreparers {

    private FormatPreparers() {}

    static StoreManifest prepare(PrepareCommand c) throws IOException {
        ErrorPolicy policy = ErrorPolicy.parse(c.onError);
        switch (c.format) {
            case "aliccp-raw":
                requireFolder(c.input, "aliccp-raw");
                refuseSplit(
                        c,
                        "aliccp-raw (the official train file is the train split; the test"
                                + " file is halved into val and test by --seed)");
                return AliccpRawPreparer.builder()
                        .setInput(c.input)
                        .setOutput(c.out)
                        .optMinCount(c.minCount == null ? 10 : c.minCount)
                        .optSeed(c.seed)
                        .optErrorPolicy(policy)
                        .optForce(c.force)
                        .build()
                        .prepare();
            case "kuaisar":
                requireFolder(c.input, "kuaisar");
                refuseSplit(c, "kuaisar (always split 8:1:1 by --seed)");
                KuaisarPreparer.Builder kuaisar =
                        KuaisarPreparer.builder()
                                .setInput(c.input)
                                .setOutput(c.out)
                                .optSeed(c.seed)
                                .optSearchLabels(KuaisarPreparer.SearchLabels.parse(c.searchLabels))
                                .optErrorPolicy(policy)
                                .optForce(c.force);
                if (c.minCount != null) {
                    kuaisar.optMinCount(c.minCount);
                }
                if (c.maxVocab != null) {
                    kuaisar.optMaxVocab(c.maxVocab);
                }
                return kuaisar.build().prepare();
            case "csv":
                if (c.schema == null) {
                    throw new IllegalArgumentException("--format csv needs --schema FILE.json");
                }
                CsvSchema schema =
                        CsvSchema.read(
                                c.schema,
                                c.minCount == null ? 1 : c.minCount,
                                c.maxVocab == null ? 0 : c.maxVocab);
                SchemaCsvPreparer.Builder csv =
                        SchemaCsvPreparer.builder()
                                .setSchema(schema, c.schema)
                                .setOutput(c.out)
                                .optSeed(c.seed)
                                .optErrorPolicy(policy)
                                .optForce(c.force);
                if (c.input != null && Files.isRegularFile(c.input)) {
                    csv.optSingleFile(c.input);
                } else {
                    csv.optFile(Split.TRAIN, file(c, c.train, "train"));
                    csv.optFile(Split.VAL, file(c, c.val, "val"));
                    csv.optFile(Split.TEST, file(c, c.test, "test"));
                }
                return csv.build().prepare();
            default:
                throw new IllegalArgumentException(
                        "--format must be aliccp, aliccp-raw, kuaisar or csv, got '"
                                + c.format
                                + "'");
        }
    }

    private static Path file(PrepareCommand c, Path named, String split) {
        if (named != null) {
            return named;
        }
        if (c.input == null) {
            throw new IllegalArgumentException(
                    "--format csv needs --input FILE (split 8:1:1) or --train, --val and --test");
        }
        return c.input.resolve(split + ".csv");
    }

    private static void requireFolder(Path input, String format) {
        if (input == null || !Files.isDirectory(input)) {
            throw new IllegalArgumentException(
                    "--format " + format + " needs --input DIR, the folder of its files");
        }
    }

    private static void refuseSplit(PrepareCommand c, String what) {
        if (!"official".equals(c.split)) {
            throw new IllegalArgumentException("--split does not apply to " + what);
        }
    }
}
