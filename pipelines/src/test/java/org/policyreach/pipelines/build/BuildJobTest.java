package org.policyreach.pipelines.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSErrors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.models.segment.Segmenter;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.profiles.ProfileStage;
import org.policyreach.pipelines.reports.SegmentReportStage;
import org.policyreach.pipelines.segments.SegmentStage;

class BuildJobTest {

  static final LocalDate AS_OF = LocalDate.parse("2025-06-30");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T01:00:00Z"), BuildJob.TOKYO);

  @TempDir static Path dir;
  static SparkSession spark;
  static Path conf;

  static BuildResult before;
  static BuildResult after;
  static BuildResult later;

  /** Three builds shared by the tests (a build costs tens of seconds on a shared machine). */
  @BeforeAll
  static void setUp() {
    spark = SparkSessions.shared();
    conf = SilverFixture.projectConf(dir);
    before = build(base(), "before", AS_OF);
    after = build(withLaterRecords(), "after", AS_OF);
    later = build(withLaterRecords(), "later", LocalDate.parse("2025-12-31"));
    System.out.println(before.toJson());
  }

  static List<BuildStage> stages() {
    return List.of(
        new ProfileStage(),
        new SegmentStage(new Segmenter.Options(2, 3, 2, 50, 1000, 1000, 7L)),
        new SegmentReportStage());
  }

  static SilverFixture base() {
    SilverFixture f = new SilverFixture();
    String[] jsic = {"E", "I", "D"};
    for (int i = 1; i <= 40; i++) {
      f.firm(
          i,
          i % 4 < 2 ? "13" : "27",
          jsic[i % 3],
          i % 2 == 0 ? "small_scale" : "sme",
          i,
          (1985 + i) + "-04-01");
    }
    for (int i = 1; i <= 20; i++) {
      String submitted = "2025-0" + (1 + i % 5) + "-10";
      String[] history = i % 3 == 0 ? new String[] {"awarded@2025-06-20"} : new String[0];
      switch (jsic[i % 3]) {
        case "E" ->
            f.application(
                "A-" + i,
                i,
                "monozukuri-19",
                submitted,
                "老朽化した加工機を更新したい",
                SilverFixture.tags("equipment_investment"),
                history);
        case "I" ->
            f.application(
                "A-" + i,
                i,
                "it-donyu-2024",
                submitted,
                "ECサイトで販路を開拓し、受発注をクラウド化する",
                SilverFixture.tags("digitalization"),
                history);
        default ->
            f.application(
                "A-" + i,
                i,
                "shoene-2024-r1",
                submitted,
                "太陽光パネルを導入して電気代を削減したい",
                SilverFixture.tags(),
                history);
      }
    }
    f.event("e-1", 5, "opt_out", "2025-03-01");
    return f;
  }

  /** Everything of {@link #base} plus records that only became visible after the as-of date. */
  static SilverFixture withLaterRecords() {
    SilverFixture f = base().copy();
    f.application(
        "A-100",
        25,
        "monozukuri-19",
        "2025-07-15",
        "ロボットで省力化したい",
        SilverFixture.tags("equipment_investment"));
    f.replaceApplication("A-2")
        .application(
            "A-2",
            2,
            "shoene-2024-r1",
            "2025-03-10",
            "太陽光パネルを導入して電気代を削減したい",
            SilverFixture.tags(),
            "awarded@2025-08-10");
    f.firm(41, "13", "E", "small_scale", 3, "2025-07-20", "2025-08-01", "active", null);
    f.removeFirm(3)
        .firm(3, "27", "E", "sme", 3, "1988-04-01", "2015-01-01", "closed", "2025-09-01");
    f.event("e-2", 5, "opt_in", "2025-07-02");
    f.event("e-3", 6, "opt_out", "2025-07-03T00:00:01");
    return f;
  }

  static BuildResult build(SilverFixture silver, String lakehouseName, LocalDate asOf) {
    Lakehouse lakehouse = Lakehouse.at(dir.resolve(lakehouseName));
    silver.write(spark, lakehouse);
    return new BuildJob(spark, lakehouse, conf, stages(), CLOCK).run(asOf, BuildListener.NONE);
  }

  static List<String> gold(String lakehouseName, String table) {
    Dataset<Row> df =
        spark
            .read()
            .format("delta")
            .load(Lakehouse.at(dir.resolve(lakehouseName)).path("gold", table));
    return df.drop("build_id", "built_at").collectAsList().stream()
        .map(Row::toString)
        .sorted()
        .toList();
  }

  @Test
  void recordsAfterTheAsOfDateChangeNothing() {
    assertThat(after.buildId()).isNotEqualTo(before.buildId()); // silver versions differ
    for (String table :
        List.of("firm_profiles", "segments", "segment_membership", "segment_reports")) {
      List<String> a = gold("after", table);
      List<String> b = gold("before", table);
      assertThat(a.stream().filter(r -> !b.contains(r)).toList())
          .as(table + " only after")
          .isEmpty();
      assertThat(b.stream().filter(r -> !a.contains(r)).toList())
          .as(table + " only before")
          .isEmpty();
    }
    // ... while a later as-of date does see them
    Map<String, Row> later = profiles("later");
    assertThat(later).containsKey(SilverFixture.cn(41)).doesNotContainKey(SilverFixture.cn(3));
    assertThat(later.get(SilverFixture.cn(25)).<Boolean>getAs("reached")).isTrue();
    assertThat(later.get(SilverFixture.cn(2)).<Integer>getAs("awards")).isEqualTo(1);
    assertThat(later.get(SilverFixture.cn(5)).<Boolean>getAs("opted_out")).isFalse();
    assertThat(later.get(SilverFixture.cn(6)).<Boolean>getAs("opted_out")).isTrue();
  }

  @Test
  void profilesCoverEveryActiveFirmWithExplainedScoresForEveryNeed() {
    BuildResult result = before;
    Map<String, Row> profiles = profiles("before");
    assertThat(profiles).hasSize(40);

    Row e = profiles.get(SilverFixture.cn(3)); // E, applied for monozukuri with tag and text
    assertThat(e.<Boolean>getAs("reached")).isTrue();
    Map<String, Double> scores = e.getJavaMap(e.fieldIndex("need_scores"));
    assertThat(scores.keySet()).hasSize(12);
    assertThat(scores.values()).allSatisfy(s -> assertThat(s).isBetween(0.0, 1.0));
    assertThat(scores.get("equipment_investment")).isGreaterThan(0.8);
    assertThat(scores.get("equipment_investment")).isGreaterThan(scores.get("succession"));
    Map<String, scala.collection.Seq<String>> evidence =
        e.getJavaMap(e.fieldIndex("need_evidence"));
    assertThat(scala.jdk.javaapi.CollectionConverters.asJava(evidence.get("equipment_investment")))
        .contains("tag:equipment_investment@2025-04-10", "program:monozukuri-19")
        .anyMatch(s -> s.startsWith("text:"));

    Row unreached = profiles.get(SilverFixture.cn(25));
    assertThat(unreached.<Boolean>getAs("reached")).isFalse();
    assertThat(unreached.<Integer>getAs("applications")).isZero();
    Map<String, scala.collection.Seq<String>> peerEvidence =
        unreached.getJavaMap(unreached.fieldIndex("need_evidence"));
    assertThat(
            scala.jdk.javaapi.CollectionConverters.asJava(peerEvidence.get("equipment_investment")))
        .containsExactly("peers:I/sme/13");
    assertThat(profiles.get(SilverFixture.cn(5)).<Boolean>getAs("opted_out")).isTrue();
    assertThat(profiles.get(SilverFixture.cn(3)).<Integer>getAs("firm_age_years")).isEqualTo(37);

    assertThat(result.buildId()).matches("b-20261126-[0-9a-f]{8}");
    assertThat(result.stages())
        .extracting(BuildResult.StageResult::name)
        .containsExactly("profiles", "segments", "reports");
    JsonNode json = readJson(result.toJson());
    assertThat(json.get("build_id").asText()).isEqualTo(result.buildId());
    assertThat(json.get("as_of").asText()).isEqualTo("2025-06-30");
    assertThat(json.get("rows").get("gold.firm_profiles").asLong()).isEqualTo(40);
    assertThat(json.get("stages").get(0).get("seconds").asDouble()).isPositive();
    assertThat(json.get("versions").has("gold.segment_reports")).isTrue();
  }

  @Test
  void segmentRowsOfEarlierBuildsAreKept() {
    List<String> builds =
        spark
            .read()
            .format("delta")
            .load(Lakehouse.at(dir.resolve("later")).path("gold", "segment_membership"))
            .select("build_id")
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .toList();
    assertThat(builds).containsExactly(later.buildId());
    // a second build into the same lakehouse (another as-of date) keeps the first one's rows
    BuildResult second =
        new BuildJob(spark, Lakehouse.at(dir.resolve("later")), conf, stages(), CLOCK)
            .run(LocalDate.parse("2025-09-30"), BuildListener.NONE);
    List<String> both =
        spark
            .read()
            .format("delta")
            .load(Lakehouse.at(dir.resolve("later")).path("gold", "segment_reports"))
            .select("build_id")
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .toList();
    assertThat(both).containsExactlyInAnyOrder(later.buildId(), second.buildId());
  }

  @Test
  void missingSilverFirmsIsABadInputError() {
    Lakehouse empty = Lakehouse.at(dir.resolve("empty"));
    assertThatThrownBy(
            () -> new BuildJob(spark, empty, conf, stages(), CLOCK).run(AS_OF, BuildListener.NONE))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("silver.firms does not exist")
        .hasMessageContaining("policyreach ingest --source registry")
        .matches(e -> ((PipelineException) e).isBadInput());
  }

  @Test
  void aFullDiskInAStageIsOneClearFailure() {
    // as Hadoop's local file system reports it, deep inside Spark's write
    BuildStage writesToAFullDisk =
        failing(
            "segments",
            () ->
                new IllegalStateException(
                    "Job aborted",
                    FSErrors.of(new java.io.IOException("No space left on device"))));
    Lakehouse lake = Lakehouse.at(dir.resolve("full-disk"));
    assertThatThrownBy(
            () ->
                new BuildJob(spark, lake, conf, List.of(writesToAFullDisk), CLOCK)
                    .run(AS_OF, BuildListener.NONE))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("failed in stage 'segments'")
        .hasMessageContaining("the disk of the lakehouse " + lake.root() + " is full")
        .hasMessageContaining("free some space and run the build again");

    BuildStage fsErrorItself =
        failing("reports", () -> FSErrors.of(new java.io.IOException("No space left on device")));
    assertThatThrownBy(
            () ->
                new BuildJob(spark, lake, conf, List.of(fsErrorItself), CLOCK)
                    .run(AS_OF, BuildListener.NONE))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("failed in stage 'reports'")
        .hasMessageContaining("is full");
  }

  /** A stage named {@code name} that throws {@code failure} (an exception or an error). */
  static BuildStage failing(String name, java.util.function.Supplier<? extends Throwable> failure) {
    return new BuildStage() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public StageOutput run(BuildContext context) {
        throw BuildJobTest.<RuntimeException>sneaky(failure.get());
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }

  static Map<String, Row> profiles(String lakehouseName) {
    Dataset<Row> df =
        spark
            .read()
            .format("delta")
            .load(Lakehouse.at(dir.resolve(lakehouseName)).path("gold", "firm_profiles"));
    return df.collectAsList().stream()
        .collect(
            java.util.stream.Collectors.toMap(r -> r.<String>getAs("corporate_number"), r -> r));
  }

  private static JsonNode readJson(String s) {
    try {
      return new ObjectMapper().readTree(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
