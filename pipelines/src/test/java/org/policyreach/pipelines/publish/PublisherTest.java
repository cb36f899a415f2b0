package org.policyreach.pipelines.publish;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.build.BuildResult;
import org.policyreach.pipelines.recommend.GeneratedLakehouse;

class PublisherTest {
  @TempDir Path dir;

  static final StructType GOLD =
      new StructType().add("k", DataTypes.StringType).add("build_id", DataTypes.StringType);

  @Test
  void theBuildsPublicationPointsAtExistingVersionsHoldingItsRows() {
    GeneratedLakehouse data = GeneratedLakehouse.shared();
    BuildResult build = data.build();
    Publisher publisher = new Publisher(data.spark(), data.lakehouse(), Clock.systemUTC());
    Publication p = publisher.latest().orElseThrow();
    assertThat(p.buildId()).isEqualTo(build.buildId());
    assertThat(p.asOf()).isEqualTo(build.asOf());
    assertThat(p.publicationId()).matches("pub-\\d{6}");
    assertThat(p.tables())
        .containsKeys(
            "gold.firm_profiles",
            "gold.recommendations",
            "gold.program_targets",
            "gold.model_metrics");
    for (Map.Entry<String, Long> e : p.tables().entrySet()) {
      String path = data.lakehouse().path("gold", e.getKey().substring("gold.".length()));
      long latest =
          DeltaTable.forPath(data.spark(), path).history(1).select("version").head().getLong(0);
      assertThat(e.getValue()).as(e.getKey()).isBetween(0L, latest);
      long rows =
          data.spark()
              .read()
              .format("delta")
              .option("versionAsOf", e.getValue())
              .load(path)
              .filter(col("build_id").equalTo(build.buildId()))
              .count();
      assertThat(rows).as("rows of the build in %s", e.getKey()).isPositive();
    }
    assertThat(build.stages().get(build.stages().size() - 1).name()).isEqualTo(PublishStage.NAME);
    assertThat(build.stages().get(build.stages().size() - 1).output().details())
        .containsEntry("publication_id", p.publicationId());
    // a publish step run apart from the build finds the build's date in its rows
    Publication again = publisher.publish(build.buildId());
    assertThat(again.buildId()).isEqualTo(build.buildId());
    assertThat(again.asOf()).isEqualTo(build.asOf());
    assertThat(again.tables().keySet()).isEqualTo(p.tables().keySet());
  }

  @Test
  void recordsTheVersionsOfTheBuildsTablesAndNumbersPublications() {
    SparkSession spark = SparkSessions.shared();
    Lakehouse lakehouse = Lakehouse.at(dir.resolve("lake"));
    append(spark, lakehouse, "a", "b-1");
    append(spark, lakehouse, "b", "b-0");
    Clock clock = Clock.fixed(Instant.parse("2026-11-26T01:00:00Z"), ZoneOffset.UTC);
    Publisher publisher = new Publisher(spark, lakehouse, clock);
    Publication first = publisher.publish("b-1", LocalDate.parse("2026-11-26"));
    assertThat(first.publicationId()).isEqualTo("pub-000001");
    assertThat(first.tables()).containsExactly(Map.entry("gold.a", 0L));
    assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-11-26T01:00:00Z"));
    // publishing the same build again, unchanged, adds nothing
    assertThat(publisher.publish("b-1", LocalDate.parse("2026-11-26"))).isEqualTo(first);
    assertThat(publisher.list()).hasSize(1);

    append(spark, lakehouse, "a", "b-1");
    Publication second = publisher.publish("b-1", LocalDate.parse("2026-11-26"));
    assertThat(second.publicationId()).isEqualTo("pub-000002");
    assertThat(second.tables()).containsExactly(Map.entry("gold.a", 1L));
    assertThat(publisher.list())
        .extracting(Publication::publicationId)
        .containsExactly("pub-000001", "pub-000002");
    assertThat(spark.read().format("delta").load(lakehouse.path("meta", "publications")).columns())
        .containsExactly("publication_id", "build_id", "as_of", "created_at", "tables");
  }

  @Test
  void aBuildWithoutGoldRowsCannotBePublished() {
    SparkSession spark = SparkSessions.shared();
    Lakehouse lakehouse = Lakehouse.at(dir.resolve("empty"));
    append(spark, lakehouse, "a", "b-1");
    assertThatThrownBy(
            () ->
                new Publisher(spark, lakehouse, Clock.systemUTC())
                    .publish("b-2", LocalDate.parse("2026-11-26")))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("Cannot publish build b-2")
        .hasMessageContaining("run the build")
        .matches(e -> ((PipelineException) e).isBadInput());
  }

  private static void append(SparkSession spark, Lakehouse lakehouse, String table, String build) {
    spark
        .createDataFrame(List.<Row>of(RowFactory.create("x", build)), GOLD)
        .write()
        .format("delta")
        .mode(SaveMode.Append)
        .save(lakehouse.path("gold", table));
  }
}
