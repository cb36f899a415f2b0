package org.policyreach.pipelines.recommend;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.models.registry.ModelRegistry;
import org.policyreach.pipelines.PipelineException;

/**
 * The lakehouse's model registry, {@code <lakehouse>/_models}. The registry writes plain files
 * through {@code java.nio}; for a local lakehouse it works there directly, for any other (hdfs://,
 * s3a://) it works in a local mirror ({@code <java.io.tmpdir>/policyreach-models/<hash of the
 * root>}) that {@link #open} fills from the lakehouse and {@link #push} copies new artifacts back
 * to it through Hadoop's file system.
 */
public final class ModelStore {
  public static final String DIRECTORY = "_models";

  private final ModelRegistry registry;
  private final FileSystem remoteFs;
  private final org.apache.hadoop.fs.Path remote;

  private ModelStore(
      ModelRegistry registry, FileSystem remoteFs, org.apache.hadoop.fs.Path remote) {
    this.registry = registry;
    this.remoteFs = remoteFs;
    this.remote = remote;
  }

  /** The store of {@code lakehouse}; a remote one is mirrored locally first. */
  public static ModelStore open(SparkSession spark, Lakehouse lakehouse) {
    Path local = localRoot(lakehouse.root());
    if (local != null) {
      return new ModelStore(new ModelRegistry(local), null, null);
    }
    return mirrored(spark, lakehouse, mirrorDir(lakehouse.root()));
  }

  /** A store working in {@code mirror}, synchronised with {@code <lakehouse>/_models}. */
  static ModelStore mirrored(SparkSession spark, Lakehouse lakehouse, Path mirror) {
    org.apache.hadoop.fs.Path remote =
        new org.apache.hadoop.fs.Path(lakehouse.root() + "/" + DIRECTORY);
    try {
      FileSystem fs = remote.getFileSystem(spark.sparkContext().hadoopConfiguration());
      ModelStore store = new ModelStore(new ModelRegistry(mirror), fs, remote);
      store.pull();
      return store;
    } catch (IOException e) {
      throw PipelineException.failure(
          "Cannot open the model registry " + remote + ": " + e.getMessage(), e);
    }
  }

  public ModelRegistry registry() {
    return registry;
  }

  /** Copies artifacts saved since {@link #open} to the lakehouse; nothing to do when local. */
  public void push() {
    if (remoteFs == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(registry.root())) {
      for (Path f : files.filter(Files::isRegularFile).filter(ModelStore::isArtifact).toList()) {
        org.apache.hadoop.fs.Path target =
            new org.apache.hadoop.fs.Path(
                remote, registry.root().relativize(f).toString().replace('\\', '/'));
        if (!remoteFs.exists(target)) {
          remoteFs.copyFromLocalFile(
              false, false, new org.apache.hadoop.fs.Path(f.toUri()), target);
        }
      }
    } catch (IOException e) {
      throw PipelineException.failure(
          "Cannot copy models from " + registry.root() + " to " + remote + ": " + e.getMessage(),
          e);
    }
  }

  private void pull() throws IOException {
    Files.createDirectories(registry.root());
    if (!remoteFs.exists(remote)) {
      return;
    }
    for (FileStatus kind : remoteFs.listStatus(remote)) {
      if (!kind.isDirectory()) {
        continue;
      }
      Path localKind = registry.root().resolve(kind.getPath().getName());
      Files.createDirectories(localKind);
      for (FileStatus artifact : remoteFs.listStatus(kind.getPath())) {
        Path target = localKind.resolve(artifact.getPath().getName());
        if (artifact.isFile() && isArtifact(target) && !Files.exists(target)) {
          remoteFs.copyToLocalFile(
              false, artifact.getPath(), new org.apache.hadoop.fs.Path(target.toUri()), true);
        }
      }
    }
  }

  private static boolean isArtifact(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".json") && !name.startsWith(".");
  }

  /** The local directory of a lakehouse's registry, or null when the lakehouse is not local. */
  static Path localRoot(String root) {
    Objects.requireNonNull(root, "root is null");
    if (root.startsWith("file:")) {
      return Path.of(URI.create(root)).resolve(DIRECTORY);
    }
    boolean scheme = root.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !root.matches("^[a-zA-Z]:.*");
    return scheme ? null : Path.of(root).resolve(DIRECTORY);
  }

  private static Path mirrorDir(String root) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(root.getBytes(StandardCharsets.UTF_8));
      return Path.of(
          System.getProperty("java.io.tmpdir"),
          "policyreach-models",
          HexFormat.of().formatHex(digest, 0, 8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
