package org.policyreach.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.ingestion.spark.SparkSessions;

class DeltaWritesTest {
  private final SparkSession spark = SparkSessions.shared();
  private static final StructType SCHEMA =
      new StructType().add("id", DataTypes.LongType, false).add("n", DataTypes.LongType, false);

  @Test
  void aBatchAppendsAndMergesOnlyOnce(@TempDir Path dir) {
    String path = dir.resolve("t").toString();
    Dataset<Row> rows = spark.range(5).select(functions.col("id"), functions.lit(1L).as("n"));
    DeltaWrites.appendOnce(spark, path, SCHEMA, rows, "b1");
    DeltaWrites.appendOnce(spark, path, SCHEMA, rows, "b1");
    assertThat(spark.read().format("delta").load(path).count()).isEqualTo(5);
    DeltaWrites.appendOnce(spark, path, SCHEMA, rows, "b2");
    assertThat(spark.read().format("delta").load(path).count()).isEqualTo(10);

    for (int i = 0; i < 2; i++) {
      DeltaWrites.mergeOnce(
          spark,
          path,
          SCHEMA,
          "b3",
          t ->
              t.as("t")
                  .merge(rows.as("s"), "t.id = s.id")
                  .whenMatched()
                  .updateExpr(java.util.Map.of("n", "t.n + 1"))
                  .execute());
    }
    assertThat(spark.read().format("delta").load(path).agg(functions.sum("n")).head().getLong(0))
        .isEqualTo(20);
    assertThat(spark.conf().getOption(DeltaWrites.TXN_APP_ID_CONF).isDefined()).isFalse();
  }
}
