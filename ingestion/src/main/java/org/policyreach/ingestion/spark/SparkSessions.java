package org.policyreach.ingestion.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.IngestionException;

/**
 * The one place where PolicyReach builds a {@link SparkSession}: Delta Lake enabled, UI off, Tokyo
 * time, few shuffle partitions and quiet logs.
 *
 * <p>{@link #shared()} is the single {@code local[2]} session every Spark test of every module uses
 * (one per JVM, created on first use, never stopped by tests).
 */
public final class SparkSessions {

  /** Shuffle partitions unless {@code policyreach.shuffle.partitions} says otherwise. */
  public static final int DEFAULT_SHUFFLE_PARTITIONS = 4;

  public static final String SHUFFLE_PARTITIONS_PROPERTY = "policyreach.shuffle.partitions";

  private static volatile SparkSession shared;

  private SparkSessions() {}

  /**
   * Creates (or returns the active) session for {@code master} such as {@code local[*]}.
   *
   * @param verbose keep Spark's INFO logging; otherwise only warnings and errors are logged
   */
  public static SparkSession create(String master, boolean verbose) {
    return create(master, verbose, shufflePartitions());
  }

  public static SparkSession create(String master, boolean verbose, int shufflePartitions) {
    Objects.requireNonNull(master, "master is null");
    if (!verbose) {
      quietLogs();
    }
    SparkSession spark =
        SparkSession.builder()
            .appName("policyreach")
            .master(master)
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
            .config("spark.default.parallelism", Integer.toString(shufflePartitions))
            .config("spark.sql.session.timeZone", "Asia/Tokyo")
            .config("spark.sql.warehouse.dir", warehouseDir())
            .config("spark.sql.adaptive.enabled", "true")
            // Delta's own small-table defaults (50 snapshot partitions) dominate small local jobs.
            .config("spark.databricks.delta.snapshotPartitions", "2")
            .config("spark.databricks.delta.stats.collect", "true")
            .config("spark.databricks.delta.properties.defaults.enableChangeDataFeed", "false")
            .getOrCreate();
    if (!verbose) {
      spark.sparkContext().setLogLevel("WARN");
      quietLogs();
    }
    return spark;
  }

  /** The session shared by all Spark tests in this JVM: {@code local[2]}, 4 shuffle partitions. */
  public static SparkSession shared() {
    SparkSession session = shared;
    if (session == null) {
      synchronized (SparkSessions.class) {
        session = shared;
        if (session == null) {
          session = create("local[2]", false, DEFAULT_SHUFFLE_PARTITIONS);
          shared = session;
        }
      }
    }
    return session;
  }

  private static int shufflePartitions() {
    String configured = System.getProperty(SHUFFLE_PARTITIONS_PROPERTY);
    if (configured == null || configured.isBlank()) {
      return DEFAULT_SHUFFLE_PARTITIONS;
    }
    try {
      int n = Integer.parseInt(configured.trim());
      if (n < 1) {
        throw new NumberFormatException("must be at least 1");
      }
      return n;
    } catch (NumberFormatException e) {
      throw IngestionException.badInput(
          "Cannot start Spark: system property "
              + SHUFFLE_PARTITIONS_PROPERTY
              + "="
              + configured
              + " is not a positive integer; set it to e.g. 4",
          e);
    }
  }

  /**
   * Session catalog databases (bronze, silver…) need a warehouse directory even though every table
   * lives at an explicit lakehouse location; keep it out of the working directory.
   */
  private static String warehouseDir() {
    try {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "policyreach-spark-warehouse");
      Files.createDirectories(dir);
      return dir.toUri().toString();
    } catch (java.io.IOException e) {
      throw IngestionException.failure(
          "Cannot create Spark's warehouse directory under java.io.tmpdir: " + e.getMessage(), e);
    }
  }

  private static void quietLogs() {
    Configurator.setRootLevel(Level.WARN);
    Configurator.setLevel("org.apache.spark", Level.WARN);
    Configurator.setLevel("org.sparkproject", Level.WARN);
    Configurator.setLevel("io.delta", Level.WARN);
    Configurator.setLevel("org.apache.hadoop", Level.ERROR);
    Configurator.setLevel("org.apache.parquet", Level.ERROR);
    // Spark warns about these on every local start; they are expected here.
    Configurator.setLevel("org.apache.spark.util.Utils", Level.ERROR);
    Configurator.setLevel("org.apache.spark.sql.delta.DeltaLog", Level.ERROR);
    Configurator.setLevel("org.apache.spark.sql.delta.commands.UpdateCommand", Level.ERROR);
    Configurator.setLevel("org.apache.spark.util.SparkStringUtils", Level.ERROR);
    // Delta's MERGE checkpoints its source locally and Spark warns when that RDD is unpersisted.
    Configurator.setLevel("org.apache.spark.rdd.MapPartitionsRDD", Level.ERROR);
  }
}
