package org.policyreach.ingestion;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Delta writes made idempotent by batch: each write of a batch carries the transaction id {@code
 * policyreach:<batch_id>} (Delta's SetTransaction). Delta commits the write atomically together
 * with that id and skips any later write that carries it again, so a batch re-run after a crash
 * never appends or merges twice, whichever step the crash interrupted.
 */
public final class DeltaWrites {

  static final String TXN_APP_ID_CONF = "spark.databricks.delta.write.txnAppId";
  static final String TXN_VERSION_CONF = "spark.databricks.delta.write.txnVersion";
  private static final long TXN_VERSION = 1L;
  private static final String INDEXED_COLUMNS = "delta.dataSkippingNumIndexedCols";

  /** How long a log without commits must stay unchanged before it counts as abandoned. */
  static final long QUIET_MILLIS = 5_000;

  /** A commit or checkpoint of the log: a version number, then {@code .json} or a checkpoint. */
  private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.(json|checkpoint.*)");

  private DeltaWrites() {}

  static String appId(String batchId) {
    return "policyreach:" + batchId;
  }

  /**
   * Creates the table at {@code path} with exactly {@code schema} unless it exists. A creation that
   * was killed before its first commit is finished here (see {@link #clearInterruptedCreation}).
   */
  public static DeltaTable ensure(SparkSession spark, String path, StructType schema) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      clearInterruptedCreation(spark, path, QUIET_MILLIS);
      DeltaTable.createIfNotExists(spark)
          .location(path)
          .addColumns(schema)
          .property(INDEXED_COLUMNS, Integer.toString(indexedColumns(schema)))
          .execute();
    }
    return DeltaTable.forPath(spark, path);
  }

  /**
   * A process killed while it created a table leaves a {@code _delta_log} folder without a single
   * commit in it (the folder, {@code _staged_commits}, a temporary commit file never renamed into
   * place). Delta's "create if not exists" takes that folder for a table and then fails to load it;
   * a plain create refuses the non-empty location. Such a log holds nothing committed, so it is
   * removed, once nothing in it has changed for {@code quietMillis}: a live creator commits within
   * a second, and a log still changing is left to it.
   *
   * @return whether a leftover log was removed
   */
  static boolean clearInterruptedCreation(SparkSession spark, String path, long quietMillis) {
    Path log = new Path(path, "_delta_log");
    try {
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      while (true) {
        if (!fs.isDirectory(log)) {
          return false;
        }
        long newest = fs.getFileStatus(log).getModificationTime();
        for (FileStatus f : fs.listStatus(log)) {
          if (COMMIT_FILE.matcher(f.getPath().getName()).matches()) {
            return false;
          }
          newest = Math.max(newest, f.getModificationTime());
        }
        if (System.currentTimeMillis() - newest >= quietMillis) {
          fs.delete(log, true);
          System.err.println(
              "policyreach: removed the Delta log of an interrupted table creation (no commit in"
                  + " it) at "
                  + log);
          return true;
        }
        Thread.sleep(200);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Delta log at " + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting on the Delta log at " + log, e);
    }
  }

  /**
   * File statistics only on the key columns of the raw-text tables (collecting them on every
   * received line's text costs much and skips nothing); Delta's default elsewhere.
   */
  private static int indexedColumns(StructType schema) {
    return schema.equals(Tables.BRONZE_SCHEMA) || schema.equals(Tables.QUARANTINE_SCHEMA) ? 4 : 32;
  }

  /** Appends {@code rows} once per batch. */
  static void appendOnce(
      SparkSession spark, String path, StructType schema, Dataset<Row> rows, String batchId) {
    ensure(spark, path, schema);
    rows.write()
        .format("delta")
        .mode("append")
        .option("txnAppId", appId(batchId))
        .option("txnVersion", TXN_VERSION)
        .save(path);
  }

  /**
   * Runs a MERGE (or UPDATE/DELETE) on the table at {@code path} once per batch: the statement
   * commits with the batch's transaction id and is skipped by Delta if that id is already there.
   */
  static void mergeOnce(
      SparkSession spark,
      String path,
      StructType schema,
      String batchId,
      Consumer<DeltaTable> merge) {
    DeltaTable table = ensure(spark, path, schema);
    synchronized (DeltaWrites.class) {
      spark.conf().set(TXN_APP_ID_CONF, appId(batchId));
      spark.conf().set(TXN_VERSION_CONF, Long.toString(TXN_VERSION));
      try {
        merge.accept(table);
      } finally {
        spark.conf().unset(TXN_APP_ID_CONF);
        spark.conf().unset(TXN_VERSION_CONF);
      }
    }
  }
}
