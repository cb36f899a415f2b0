package org.policyreach.ingestion;

import io.delta.tables.DeltaTable;
import java.util.function.Consumer;
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
final class DeltaWrites {

  static final String TXN_APP_ID_CONF = "spark.databricks.delta.write.txnAppId";
  static final String TXN_VERSION_CONF = "spark.databricks.delta.write.txnVersion";
  private static final long TXN_VERSION = 1L;

  private DeltaWrites() {}

  static String appId(String batchId) {
    return "policyreach:" + batchId;
  }

  /** Creates the table at {@code path} with exactly {@code schema} unless it exists. */
  static DeltaTable ensure(SparkSession spark, String path, StructType schema) {
    if (!DeltaTable.isDeltaTable(spark, path)) {
      DeltaTable.createIfNotExists(spark)
          .location(path)
          .addColumns(schema)
          .property("delta.dataSkippingNumIndexedCols", Integer.toString(indexedColumns(schema)))
          .execute();
    }
    return DeltaTable.forPath(spark, path);
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
