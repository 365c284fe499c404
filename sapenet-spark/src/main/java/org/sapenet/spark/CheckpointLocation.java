/*
 * SAPENet for the JVM.
 */
package org.sapenet.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.spark.SparkFiles;
import org.sapenet.serve.checkpoint.CheckpointException;
import org.sapenet.serve.checkpoint.CheckpointFormat;

/**
 * Where a checkpoint named by the user lies on this machine (driver or executor): the folder itself
 * when it exists here (a local path, {@code file:} URI, or a shared file system mounted on every
 * node), else the copy Spark distributed under the folder's name ({@code spark-submit --archives
 * model.zip#model}, or {@code SparkContext.addFile(dir, true)} in local mode), found through {@link
 * SparkFiles}.
 */
final class CheckpointLocation {

    private CheckpointLocation() {}

    /**
     * Finds the checkpoint folder on this machine.
     *
     * @param checkpoint the path or name the user gave
     * @return the folder
     * @throws CheckpointException when neither the path nor a distributed copy exists here
     */
    static Path resolve(String checkpoint) {
        Path path =
                checkpoint.startsWith("file:")
                        ? Path.of(URI.create(checkpoint))
                        : Path.of(checkpoint);
        if (Files.isDirectory(path)) {
            return path.toAbsolutePath().normalize();
        }
        Path name = path.getFileName();
        if (name != null) {
            Path distributed = null;
            try {
                distributed = Path.of(SparkFiles.get(name.toString()));
            } catch (RuntimeException e) {
                // No SparkEnv here (outside Spark): only the path counts.
            }
            if (distributed != null && Files.isDirectory(distributed)) {
                return distributed;
            }
        }
        throw new CheckpointException(
                "Checkpoint "
                        + checkpoint
                        + " is neither a folder on this machine nor a copy Spark distributed"
                        + " under the name '"
                        + name
                        + "': give a path every node can read, or ship it with spark-submit"
                        + " --archives model.zip#"
                        + name);
    }

    /**
     * Returns the SHA-256 of a checkpoint's manifest, which lists the size and SHA-256 of every
     * other file: two folders with the same fingerprint hold the same checkpoint (once each has
     * been verified against its manifest).
     *
     * @param dir the checkpoint folder
     * @return the hex digest
     * @throws CheckpointException when the manifest cannot be read
     */
    static String fingerprint(Path dir) {
        try {
            byte[] manifest = Files.readAllBytes(dir.resolve(CheckpointFormat.MANIFEST_FILE));
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance(CheckpointFormat.CHECKSUM).digest(manifest));
        } catch (IOException e) {
            throw new CheckpointException(
                    "Checkpoint " + dir + ": cannot read " + CheckpointFormat.MANIFEST_FILE, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
