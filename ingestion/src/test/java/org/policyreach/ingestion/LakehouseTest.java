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
  void versionFollowsCommitsAndATableRecreatedAtTheSamePath(@TempDir Path dir) throws Exception {
    Lakehouse lake = Lakehouse.at(dir);
    String path = lake.path("silver", "events");
    assertThat(lake.version(spark, "silver", "events")).isEmpty();
    spark.range(2).write().format("delta").save(path);
    assertThat(lake.version(spark, "silver", "events")).hasValue(0);
    for (int i = 0; i < 3; i++) {
      spark.range(1).write().format("delta").mode("append").save(path);
    }
    assertThat(lake.version(spark, "silver", "events")).hasValue(3);
    // deleted and created again (a test's fresh lakehouse, an operator's restore)
    try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve("silver/events"))) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
    assertThat(lake.version(spark, "silver", "events")).isEmpty();
    spark.range(4).write().format("delta").save(path);
    assertThat(lake.version(spark, "silver", "events")).hasValue(0);
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
  void aTableWhoseCreationWasKilledIsNoTableAndCanBeCreatedAgain(@TempDir Path dir)
      throws Exception {
    Lakehouse lake = Lakehouse.at(dir.resolve("lake"));
    spark.range(2).write().format("delta").save(lake.path("gold", "segments"));
    // what a kill -9 during the first write leaves: data files and an empty log folder
    Path other = dir.resolve("other");
    spark.range(7).write().format("delta").save(other.toString());
    Path debris = Path.of(lake.path("gold", "recommendations"));
    Files.createDirectories(debris.resolve("_delta_log"));
    try (var files = Files.list(other)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".parquet")).toList()) {
        Files.copy(f, debris.resolve(f.getFileName()));
      }
    }
    assertThat(lake.tablesIn(spark, "gold")).containsExactly("segments");
    lake.register(spark);
    assertThat(spark.catalog().tableExists("gold.segments")).isTrue();
    assertThat(spark.catalog().tableExists("gold.recommendations")).isFalse();
    assertThat(lake.exists(spark, "gold", "recommendations")).isFalse();

    // the re-run creates the table over the debris, which Delta ignores
    spark.range(3).write().format("delta").mode("errorifexists").save(debris.toString());
    lake.register(spark);
    assertThat(spark.sql("SELECT count(*) FROM gold.recommendations").head().getLong(0))
        .isEqualTo(3);
  }

  @Test
  void keepsUrisAndAbsolutizesPaths() {
    assertThat(Lakehouse.at("hdfs://nn:8020/lake/").path("silver", "firms"))
        .isEqualTo("hdfs://nn:8020/lake/silver/firms");
    assertThat(Lakehouse.at("rel/lake").root()).startsWith("/").endsWith("rel/lake");
    // the three spellings of one local folder are one lakehouse (file:/// failed on the second
    // ingest with DELTA_AMBIGUOUS_PATHS_IN_CREATE_TABLE)
    assertThat(Lakehouse.at("file:///tmp/lake").root()).isEqualTo("file:/tmp/lake");
    assertThat(Lakehouse.at("FILE://localhost/tmp/lake/").root()).isEqualTo("file:/tmp/lake");
    assertThat(Lakehouse.at("file:/tmp/lake").root()).isEqualTo("file:/tmp/lake");
    assertThatThrownBy(() -> Lakehouse.at("/x").path("silver", "Firms; DROP"))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("Firms; DROP");
  }
}
