package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.policyreach.ingestion.parse.LineParser;

/**
 * Re-processing quarantined records after a fix (a program added to the catalog, say): the
 * quarantined text is parsed again; what passes now goes to silver like any batch, and its
 * quarantine rows get {@code replayed_batch_id}. What still fails stays quarantined.
 */
final class ReplayStage {

  private ReplayStage() {}

  /** Identifies a replay: the quarantine rows it takes and the catalog it checks against. */
  static String contentHash(List<Row> keys, String catalogVersion) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(("catalog " + catalogVersion + "\n").getBytes(StandardCharsets.UTF_8));
      for (Row k : keys) {
        md.update(
            (k.getString(0) + "\t" + k.getString(1) + "\t" + k.getLong(2) + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Parsed rows (as {@link ParseStage} makes them) plus {@code origin_batch_id}. */
  static Dataset<Row> reparse(Dataset<Row> quarantined, LineParser parser) {
    StructType schema =
        ParseStage.parsedSchema(parser.recordSchema())
            .add("origin_batch_id", DataTypes.StringType, false);
    MapPartitionsFunction<Row, Row> f =
        rows ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                return rows.hasNext();
              }

              @Override
              public Row next() {
                Row q = rows.next();
                String file = q.getAs("source_file");
                long line = q.getAs("line");
                Row parsed =
                    ParseStage.row(
                        file, line, ParseStage.parseSafely(parser, file, line, q.getAs("raw")));
                Object[] v = new Object[parsed.length() + 1];
                for (int i = 0; i < parsed.length(); i++) {
                  v[i] = parsed.get(i);
                }
                v[parsed.length()] = q.getAs("batch_id");
                return org.apache.spark.sql.RowFactory.create(v);
              }
            };
    return quarantined.mapPartitions(f, Encoders.row(schema));
  }

  /** Marks the quarantine rows whose record now made it (accepted or a duplicate of one). */
  static void markReplayed(
      SparkSession spark, Lakehouse lakehouse, Dataset<Row> parsed, String source, String batchId) {
    Dataset<Row> resolved =
        parsed
            .filter(col("record").isNotNull())
            .select(col("origin_batch_id"), col("source_file"), col("line"));
    DeltaWrites.mergeOnce(
        spark,
        lakehouse.path(Tables.QUARANTINE, Tables.RECORDS),
        Tables.QUARANTINE_SCHEMA,
        batchId + ":replayed",
        t ->
            t.as("t")
                .merge(
                    resolved.as("s"),
                    "t.batch_id = s.origin_batch_id AND t.source = '"
                        + source
                        + "' AND t.source_file = s.source_file AND t.line = s.line")
                .whenMatched()
                .updateExpr(java.util.Map.of("replayed_batch_id", "'" + batchId + "'"))
                .execute());
  }
}
