package org.policyreach.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.ingestion.spark.SparkSessions;

class LakehouseTest {

  private final SparkSession spark = SparkSessions.shared();

  @Test
  void registersExistingTablesAndReplacesEntriesFromAnotherRoot(
      @TempDir Path first, @TempDir Path second) {
    Lakehouse a = Lakehouse.at(first);
    spark.range(3).write().format("delta").save(a.path("silver", "firms"));
    a.register(spark);
    assertThat(spark.sql("SELECT count(*) FROM silver.firms").head().getLong(0)).isEqualTo(3);
    assertThat(a.version(spark, "silver", "firms")).hasValue(0);
    assertThat(a.version(spark, "silver", "events")).isEmpty();

    Lakehouse b = Lakehouse.at(second);
    spark.range(5).write().format("delta").save(b.path("silver", "firms"));
    spark.range(5).write().format("delta").mode("append").save(b.path("silver", "firms"));
    b.register(spark);
    assertThat(spark.sql("SELECT count(*) FROM silver.firms").head().getLong(0)).isEqualTo(10);
    assertThat(b.version(spark, "silver", "firms")).hasValue(1);
    // the first lakehouse's data survives its catalog entry being dropped
    assertThat(Files.isDirectory(first.resolve("silver/firms/_delta_log"))).isTrue();
    assertThat(spark.read().format("delta").load(a.path("silver", "firms")).count()).isEqualTo(3);

    Lakehouse.at(first).register(spark);
    assertThat(spark.sql("SELECT count(*) FROM silver.firms").head().getLong(0)).isEqualTo(3);
  }

  @Test
  void tablesAbsentFromTheRootAreUnregistered(@TempDir Path first, @TempDir Path second) {
    Lakehouse a = Lakehouse.at(first);
    spark.range(1).write().format("delta").save(a.path("meta", "batches"));
    a.register(spark);
    assertThat(spark.catalog().tableExists("meta.batches")).isTrue();
    Lakehouse.at(second).register(spark);
    assertThat(spark.catalog().tableExists("meta.batches")).isFalse();
  }

  @Test
  void keepsUrisAndAbsolutizesPaths() {
    assertThat(Lakehouse.at("hdfs://nn:8020/lake/").path("silver", "firms"))
        .isEqualTo("hdfs://nn:8020/lake/silver/firms");
    assertThat(Lakehouse.at("rel/lake").root()).startsWith("/").endsWith("rel/lake");
    assertThatThrownBy(() -> Lakehouse.at("/x").path("silver", "Firms; DROP"))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("Firms; DROP");
  }
}
