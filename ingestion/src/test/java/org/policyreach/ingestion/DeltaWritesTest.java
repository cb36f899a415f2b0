package org.policyreach.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
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

  /**
   * A process killed while it created a table can leave its log folder with no commit in it: an
   * empty {@code _delta_log}, its {@code _staged_commits} folder, a half-written temporary commit
   * file. The next writer must create the table there, not fail with "table not found".
   */
  @Test
  void aTableWhoseCreationWasKilledBeforeItsFirstCommitIsCreatedByTheNextWrite(@TempDir Path dir)
      throws IOException {
    Dataset<Row> rows = spark.range(3).select(functions.col("id"), functions.lit(1L).as("n"));
    List<String> leftovers = List.of("", "_staged_commits", ".00000000000000000000.json.x.tmp");
    for (int i = 0; i < leftovers.size(); i++) {
      String appended = interruptedCreation(dir.resolve("append" + i), leftovers.get(i));
      DeltaWrites.appendOnce(spark, appended, SCHEMA, rows, "b1");
      DeltaWrites.appendOnce(spark, appended, SCHEMA, rows, "b1");
      assertThat(DeltaWrites.clearInterruptedCreation(spark, appended, 0)).isFalse();
      assertThat(spark.read().format("delta").load(appended).count())
          .as("rows after the interrupted creation with %s", leftovers.get(i))
          .isEqualTo(3);

      String merged = interruptedCreation(dir.resolve("merge" + i), leftovers.get(i));
      DeltaWrites.mergeOnce(
          spark,
          merged,
          SCHEMA,
          "b1",
          t -> t.as("t").merge(rows.as("s"), "t.id = s.id").whenNotMatched().insertAll().execute());
      assertThat(spark.read().format("delta").load(merged).count()).isEqualTo(3);
      assertThat(spark.read().format("delta").load(merged).schema()).isEqualTo(SCHEMA);
    }
  }

  /** The log a creation killed a minute ago left behind. */
  private static String interruptedCreation(Path table, String leftover) throws IOException {
    Path log = Files.createDirectories(table.resolve("_delta_log"));
    if (leftover.endsWith(".tmp")) {
      Files.writeString(log.resolve(leftover), "{\"commitInfo\":");
    } else if (!leftover.isEmpty()) {
      Files.createDirectories(log.resolve(leftover));
    }
    FileTime aMinuteAgo = FileTime.from(Instant.now().minusSeconds(60));
    try (Stream<Path> files = Files.walk(log)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.setLastModifiedTime(f, aMinuteAgo);
      }
    }
    return table.toString();
  }

  /** A log without commits that is still changing belongs to a live creator: left alone. */
  @Test
  void aCreationInProgressIsNotTakenForAnInterruptedOne(@TempDir Path dir) throws Exception {
    Path log = Files.createDirectories(dir.resolve("t").resolve("_delta_log"));
    Thread creator =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
                Files.writeString(log.resolve("00000000000000000000.json"), "{}");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    creator.start();
    assertThat(DeltaWrites.clearInterruptedCreation(spark, dir.resolve("t").toString(), 60_000))
        .isFalse();
    creator.join();
    assertThat(log.resolve("00000000000000000000.json")).exists();
  }
}
