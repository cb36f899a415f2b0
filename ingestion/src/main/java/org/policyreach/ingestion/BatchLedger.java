package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@code meta.batches}: one row per batch, keyed by batch id and found by content hash. A batch is
 * {@code started} before anything is written and {@code committed} after every table is written,
 * with its reconciliation counts.
 */
final class BatchLedger {
  static final String STARTED = "started";
  static final String COMMITTED = "committed";

  /** A ledger row. */
  record Entry(
      String batchId,
      String source,
      String sourceFile,
      String contentSha256,
      String status,
      long read,
      long accepted,
      long quarantined,
      long duplicates,
      Map<String, Long> findings,
      Map<String, Long> versions) {

    boolean committed() {
      return COMMITTED.equals(status);
    }
  }

  private final SparkSession spark;
  private final String path;
  private List<Entry> entries;

  BatchLedger(SparkSession spark, Lakehouse lakehouse) {
    this.spark = spark;
    this.path = lakehouse.path(Tables.META, Tables.BATCHES);
  }

  /** Every batch, read once (the ledger has one small row per batch). */
  private List<Entry> entries() {
    if (entries == null) {
      entries =
          exists() ? table().collectAsList().stream().map(BatchLedger::entry).toList() : List.of();
    }
    return entries;
  }

  /** The batch that holds this content of this source, a committed one first. */
  Optional<Entry> findByContent(String source, String sha256) {
    return entries().stream()
        .filter(e -> e.source().equals(source) && e.contentSha256().equals(sha256))
        .min(Comparator.comparing((Entry e) -> e.committed() ? 0 : 1));
  }

  Optional<Entry> find(String batchId) {
    return entries().stream().filter(e -> e.batchId().equals(batchId)).findFirst();
  }

  /** The started (not committed) batches of a source. */
  List<Entry> unfinished(String source) {
    return entries().stream().filter(e -> e.source().equals(source) && !e.committed()).toList();
  }

  /** Records the start of a batch (once per batch id, whatever happens to this run). */
  void start(String batchId, String source, String sourceFile, String sha256, Instant startedAt) {
    Row row =
        RowFactory.create(
            batchId,
            source,
            sourceFile,
            sha256,
            STARTED,
            null,
            null,
            null,
            null,
            null,
            null,
            Timestamp.from(startedAt),
            null);
    Dataset<Row> one = spark.createDataFrame(List.of(row), Tables.BATCHES_SCHEMA);
    DeltaWrites.appendOnce(spark, path, Tables.BATCHES_SCHEMA, one, batchId + ":start");
    entries = null;
  }

  /** Marks a batch committed with its reconciliation. */
  void commit(
      String batchId,
      long read,
      long accepted,
      long quarantined,
      long duplicates,
      Map<String, Long> findings,
      Map<String, Long> versions,
      Instant committedAt) {
    DeltaWrites.mergeOnce(
        spark,
        path,
        Tables.BATCHES_SCHEMA,
        batchId + ":commit",
        t ->
            t.update(
                col("batch_id").equalTo(batchId),
                Map.of(
                    "status", lit(COMMITTED),
                    "read", lit(read),
                    "accepted", lit(accepted),
                    "quarantined", lit(quarantined),
                    "duplicates", lit(duplicates),
                    "findings", mapLiteral(findings),
                    "versions", mapLiteral(versions),
                    "committed_at", lit(Timestamp.from(committedAt)))));
  }

  private static org.apache.spark.sql.Column mapLiteral(Map<String, Long> map) {
    if (map.isEmpty()) {
      return org.apache
          .spark
          .sql
          .functions
          .map()
          .cast(Tables.BATCHES_SCHEMA.apply("findings").dataType());
    }
    List<org.apache.spark.sql.Column> kv = new java.util.ArrayList<>();
    new TreeMap<>(map)
        .forEach(
            (k, v) -> {
              kv.add(lit(k));
              kv.add(lit(v));
            });
    return org.apache.spark.sql.functions.map(kv.toArray(org.apache.spark.sql.Column[]::new));
  }

  private boolean exists() {
    return io.delta.tables.DeltaTable.isDeltaTable(spark, path);
  }

  private Dataset<Row> table() {
    return spark.read().format("delta").load(path);
  }

  private static Entry entry(Row r) {
    return new Entry(
        r.getAs("batch_id"),
        r.getAs("source"),
        r.getAs("source_file"),
        r.getAs("content_sha256"),
        r.getAs("status"),
        longOrZero(r, "read"),
        longOrZero(r, "accepted"),
        longOrZero(r, "quarantined"),
        longOrZero(r, "duplicates"),
        longMap(r, "findings"),
        longMap(r, "versions"));
  }

  private static long longOrZero(Row r, String field) {
    Object v = r.getAs(field);
    return v == null ? 0L : ((Number) v).longValue();
  }

  private static Map<String, Long> longMap(Row r, String field) {
    int i = r.fieldIndex(field);
    if (r.isNullAt(i)) {
      return Map.of();
    }
    Map<String, Long> out = new TreeMap<>();
    scala.collection.Map<String, Object> m = r.getMap(i);
    CollectionConverters.asJava(m).forEach((k, v) -> out.put(k, ((Number) v).longValue()));
    return out;
  }
}
