package org.policyreach.pipelines.maintain;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
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
import org.policyreach.pipelines.publish.Publication;
import org.policyreach.pipelines.publish.Publisher;

/**
 * {@link Maintainer} on a small lakehouse with four builds ten hours apart (aged with {@link
 * TimeMachine}): each build appends to {@code bronze.events}, rewrites {@code gold.recommendations}
 * whole, appends its rows to {@code gold.program_targets} and is published.
 */
class MaintainerTest {
  @TempDir Path dir;

  static final StructType GOLD =
      new StructType().add("k", DataTypes.StringType).add("build_id", DataTypes.StringType);
  static final StructType EVENTS =
      new StructType().add("id", DataTypes.LongType).add("batch_id", DataTypes.StringType);

  @Test
  void compactsAppendedTablesAndVacuumsOnlyWhatNoKeptPublicationNeeds() throws Exception {
    SparkSession spark = SparkSessions.shared();
    Path root = dir.resolve("lake");
    Lakehouse lake = Lakehouse.at(root);
    Publisher publisher = new Publisher(spark, lake, Clock.systemUTC());
    for (int b = 1; b <= 4; b++) {
      for (int i = 0; i < 1; i++) {
        write(
            spark,
            EVENTS,
            rows(3, n -> RowFactory.create((long) n, "batch-" + n)),
            lake,
            "bronze",
            "events",
            SaveMode.Append);
      }
      String build = "b-" + b;
      write(
          spark,
          GOLD,
          rows(3, n -> RowFactory.create("r" + n, build)),
          lake,
          "gold",
          "recommendations",
          SaveMode.Overwrite);
      write(
          spark,
          GOLD,
          rows(2, n -> RowFactory.create("t" + n, build)),
          lake,
          "gold",
          "program_targets",
          SaveMode.Append);
      publisher.publish(build, LocalDate.of(2026, 1, b));
      TimeMachine.age(root, Duration.ofHours(10)); // build b happened 10 h before build b + 1
    }
    List<Publication> pubs = publisher.list();
    assertThat(pubs)
        .extracting(Publication::publicationId)
        .containsExactly("pub-000001", "pub-000002", "pub-000003", "pub-000004");
    Map<String, Long> countsBefore = new LinkedHashMap<>();
    Map<String, List<String>> filesOf = new LinkedHashMap<>();
    for (Publication p : pubs) {
      for (Map.Entry<String, Long> t : p.tables().entrySet()) {
        String key = p.publicationId() + " " + t.getKey() + "@" + t.getValue();
        Dataset<Row> at = atVersion(spark, lake, t.getKey(), t.getValue());
        countsBefore.put(key, at.count());
        filesOf.put(key, List.of(at.inputFiles()));
      }
    }
    long eventFilesBefore = dataFiles(root.resolve("bronze/events"));
    assertThat(eventFilesBefore).isEqualTo(4);

    // keep 1: the newest (pub-4) and the one serving reads beside it (pub-3, another build)
    Maintainer maintainer = new Maintainer(spark, lake, Clock.systemUTC());
    MaintenanceResult dry = maintainer.run(new Maintainer.Options(1, 0, 0, true), t -> {});
    assertThat(dry.keptPublications()).containsExactly("pub-000003", "pub-000004");
    assertThat(dry.notKeptPublications()).containsExactly("pub-000001", "pub-000002");
    assertThat(table(dry, "bronze.events").optimize()).isEqualTo("appended");
    assertThat(table(dry, "gold.program_targets").optimize()).isEqualTo("appended");
    assertThat(table(dry, "gold.recommendations").optimize()).isEqualTo("rewritten whole");
    assertThat(table(dry, "gold.recommendations").filesRemoved()).isPositive(); // would remove
    assertThat(dataFiles(root.resolve("bronze/events"))).isEqualTo(eventFilesBefore);
    for (Map.Entry<String, List<String>> e : filesOf.entrySet()) {
      assertThat(e.getValue())
          .as("dry run deleted nothing of %s", e.getKey())
          .allMatch(MaintainerTest::exists);
    }

    MaintenanceResult r = maintainer.run(new Maintainer.Options(1, 0, 0, false), t -> {});
    assertThat(r.failures()).isEmpty();
    TableMaintenance events = table(r, "bronze.events");
    assertThat(events.compacted()).isTrue();
    assertThat(events.activeFilesBefore()).isEqualTo(4);
    assertThat(events.activeFilesAfter()).isEqualTo(1);
    assertThat(events.diskFilesBefore()).isEqualTo(4);
    assertThat(events.diskFilesAfter()).isEqualTo(1); // no publication pins bronze: min retention 0
    assertThat(dataFiles(root.resolve("bronze/events"))).isEqualTo(1);
    assertThat(spark.read().format("delta").load(lake.path("bronze", "events")).count())
        .isEqualTo(12);
    TableMaintenance targets = table(r, "gold.program_targets");
    assertThat(targets.compacted()).isTrue();
    assertThat(targets.activeFilesAfter()).isEqualTo(1);
    assertThat(targets.pinnedBy()).isEqualTo("pub-000003");
    // pub-3's versions are 20 h old: the retention covers them, whatever the minimum
    assertThat(targets.retentionHours()).isBetween(20L, 22L);

    // every kept publication still reads at its pinned versions, with the same rows; had VACUUM
    // used the minimum retention (0 h) or the newest pin, pub-3's recommendations (removed by
    // build 4, 10 h ago) and the compacted target files would be gone
    for (Publication p : pubs) {
      if (!r.keptPublications().contains(p.publicationId())) {
        continue;
      }
      for (Map.Entry<String, Long> t : p.tables().entrySet()) {
        String key = p.publicationId() + " " + t.getKey() + "@" + t.getValue();
        assertThat(filesOf.get(key)).as("files of %s", key).allMatch(MaintainerTest::exists);
        assertThat(atVersion(spark, lake, t.getKey(), t.getValue()).count())
            .as(key)
            .isEqualTo(countsBefore.get(key));
      }
    }
    // pub-1 is not kept: build 2 replaced its recommendations 30 h ago, and VACUUM took them
    String pub1 =
        "pub-000001 gold.recommendations@" + pubs.get(0).tables().get("gold.recommendations");
    assertThat(filesOf.get(pub1)).as("files of %s", pub1).noneMatch(MaintainerTest::exists);
    assertThat(table(r, "gold.recommendations").filesRemoved()).isPositive();

    JsonNode json = new ObjectMapper().readTree(r.toJson());
    assertThat(json.get("dry_run").asBoolean()).isFalse();
    assertThat(json.get("kept_publications")).hasSize(2);
    assertThat(json.get("totals").get("files_removed").asLong()).isEqualTo(r.filesRemoved());
    assertThat(json.get("tables").findValuesAsText("table"))
        .contains("bronze.events", "gold.recommendations", "meta.publications");
  }

  @Test
  void vacuumsWhereAFileIsOlderThanTheRetentionAndSkipsAYoungTable() throws Exception {
    SparkSession spark = SparkSessions.shared();
    Path root = dir.resolve("lake");
    Lakehouse lake = Lakehouse.at(root);
    write(
        spark,
        EVENTS,
        rows(3, n -> RowFactory.create((long) n, "b")),
        lake,
        "bronze",
        "events",
        SaveMode.Append);
    write(
        spark,
        EVENTS,
        rows(2, n -> RowFactory.create((long) n, "b")),
        lake,
        "meta",
        "batches",
        SaveMode.Append);
    // files no version lists (a killed write's leftovers): VACUUM deletes the one older than the
    // retention (168 h), keeps the young one (a writer's file not yet committed, perhaps)
    Path events = root.resolve("bronze/events");
    Path stale = Files.write(events.resolve("part-99998-stale.snappy.parquet"), new byte[] {1});
    Path young = Files.write(events.resolve("part-99999-young.snappy.parquet"), new byte[] {2});
    Files.setLastModifiedTime(
        stale, java.nio.file.attribute.FileTime.from(Instant.now().minus(Duration.ofHours(200))));

    MaintenanceResult r =
        new Maintainer(spark, lake, Clock.systemUTC()).run(Maintainer.Options.defaults(), t -> {});
    assertThat(r.failures()).isEmpty();
    assertThat(stale).doesNotExist();
    assertThat(young).exists();
    assertThat(table(r, "bronze.events").filesRemoved()).isEqualTo(1);
    assertThat(table(r, "meta.batches").filesRemoved()).isZero();
    assertThat(table(r, "meta.batches").diskFilesAfter())
        .isEqualTo(table(r, "meta.batches").diskFilesBefore());
    assertThat(spark.read().format("delta").load(lake.path("bronze", "events")).count())
        .isEqualTo(3);
  }

  @Test
  void vacuumIsSkippedOnlyWhereNoFileIsOlderThanTheRetentionLessTheMargin() {
    long now = System.currentTimeMillis();
    long hour = Duration.ofHours(1).toMillis();
    assertThat(Maintainer.mayDelete(new Maintainer.Files(0, 0, Long.MAX_VALUE), 0, 1)).isFalse();
    assertThat(Maintainer.mayDelete(new Maintainer.Files(1, 1, now - 10 * hour), 168, 1)).isFalse();
    // within the margin (1 h) of the cutoff: VACUUM runs, a clock behind may have written it
    assertThat(Maintainer.mayDelete(new Maintainer.Files(1, 1, now - 167 * hour - 60_000), 168, 1))
        .isTrue();
    assertThat(Maintainer.mayDelete(new Maintainer.Files(1, 1, now - 200 * hour), 168, 1)).isTrue();
    // retention 0: everything already written may go
    assertThat(Maintainer.mayDelete(new Maintainer.Files(1, 1, now - 1000), 0, 1)).isTrue();
  }

  @Test
  void keepsTheNewestPublicationsAndTheServedOnesPredecessor() {
    Publication a = pub(1, "b-1");
    Publication b = pub(2, "b-2");
    Publication c = pub(3, "b-3");
    Publication c2 = pub(4, "b-3"); // b-3 published again: not a previous build
    assertThat(Maintainer.kept(List.of(a, b, c, c2), 1)).containsExactly(b, c2);
    assertThat(Maintainer.kept(List.of(a, b, c, c2), 2)).containsExactly(b, c, c2);
    assertThat(Maintainer.kept(List.of(a, b, c, c2), 9)).containsExactly(a, b, c, c2);
    assertThat(Maintainer.kept(List.of(a), 1)).containsExactly(a);
    assertThat(Maintainer.kept(List.of(), 3)).isEmpty();
  }

  private static Publication pub(int n, String build) {
    return new Publication(
        String.format("pub-%06d", n),
        build,
        LocalDate.of(2026, 1, n),
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n),
        Map.of("gold.x", (long) n));
  }

  private static TableMaintenance table(MaintenanceResult r, String name) {
    return r.tables().stream().filter(t -> t.table().equals(name)).findFirst().orElseThrow();
  }

  private static Dataset<Row> atVersion(SparkSession spark, Lakehouse lake, String table, long v) {
    String[] parts = table.split("\\.");
    return spark
        .read()
        .format("delta")
        .option("versionAsOf", v)
        .load(lake.path(parts[0], parts[1]))
        .filter(col("build_id").isNotNull());
  }

  private static boolean exists(String uri) {
    return Files.exists(Path.of(URI.create(uri)));
  }

  private static long dataFiles(Path table) throws java.io.IOException {
    try (var s = Files.list(table)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
    }
  }

  private interface RowOf {
    Row of(int n);
  }

  private static List<Row> rows(int n, RowOf f) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(f.of(i));
    }
    return out;
  }

  private static void write(
      SparkSession spark,
      StructType schema,
      List<Row> rows,
      Lakehouse lake,
      String schemaName,
      String table,
      SaveMode mode) {
    spark
        .createDataFrame(rows, schema)
        .coalesce(1)
        .write()
        .format("delta")
        .mode(mode)
        .save(lake.path(schemaName, table));
  }
}
