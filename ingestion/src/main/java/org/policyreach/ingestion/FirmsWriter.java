package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes firm patches of a batch into {@code silver.firms}: firms new to the table are appended,
 * known ones are merged ({@link FirmMerger}), each once per batch.
 */
final class FirmsWriter {

  private FirmsWriter() {}

  /**
   * The patch columns, in {@link FirmMerger#PATCH} order, from the given expressions; fields not
   * given are null.
   */
  static Column[] patchColumns(Map<String, Column> given) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : FirmMerger.PATCH.fields()) {
      Column c = given.get(f.name());
      cols.add((c == null ? lit(null) : c).cast(f.dataType()).as(f.name()));
    }
    return cols.toArray(Column[]::new);
  }

  static void write(
      SparkSession spark, Lakehouse lakehouse, Dataset<Row> allPatches, String batchId) {
    // The status lines of one application repeat its declared values: identical patches apply
    // once whatever their order, so they are merged once.
    java.util.List<String> values =
        new java.util.ArrayList<>(java.util.Arrays.asList(FirmMerger.PATCH.fieldNames()));
    values.remove("patch_order");
    Dataset<Row> patches = allPatches.dropDuplicates(values.toArray(String[]::new));
    String path = lakehouse.path(Tables.SILVER, Tables.FIRMS);
    Dataset<Row> target = DeltaWrites.ensure(spark, path, Tables.FIRMS_SCHEMA).toDF();
    Dataset<Row> keys = patches.select("corporate_number").distinct();
    Dataset<Row> current =
        target.join(
            keys,
            target.col("corporate_number").equalTo(keys.col("corporate_number")),
            "left_semi");
    Dataset<Row> merged =
        patches
            .groupByKey(byCn(), Encoders.STRING())
            .cogroup(
                current.groupByKey(byCn(), Encoders.STRING()),
                (CoGroupFunction<String, Row, Row, Row>)
                    (cn, p, c) -> {
                      Row r = FirmMerger.merge(cn, p, c, batchId);
                      return r == null ? List.<Row>of().iterator() : List.of(r).iterator();
                    },
                Encoders.row(FirmMerger.OUTPUT))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> fresh = merged.filter(col("is_new")).drop("is_new");
      Dataset<Row> known = merged.filter(col("is_new").equalTo(false)).drop("is_new");
      DeltaWrites.appendOnce(spark, path, Tables.FIRMS_SCHEMA, fresh, batchId);
      if (!known.isEmpty()) {
        DeltaWrites.mergeOnce(
            spark,
            path,
            Tables.FIRMS_SCHEMA,
            batchId + ":update",
            t ->
                t.as("t")
                    .merge(known.as("s"), "t.corporate_number = s.corporate_number")
                    .whenMatched()
                    .updateAll()
                    .execute());
      }
    } finally {
      merged.unpersist();
    }
  }

  static MapFunction<Row, String> byCn() {
    return r -> r.getAs("corporate_number");
  }
}
