package org.policyreach.pipelines.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.pipelines.build.AsOfSilver;
import org.policyreach.pipelines.build.SilverFixture;

/**
 * A scratch build reads the real silver pinned at the versions it was opened with: commits made to
 * silver afterwards are not seen (by it, nor by the builds {@link ScratchBuild#at} opens from it),
 * the real lakehouse gets no gold table, and closing removes the scratch directory.
 */
class ScratchBuildTest {
  static final LocalDate AS_OF = LocalDate.parse("2026-06-30");

  @TempDir static Path dir;
  static SparkSession spark;
  static Path conf;
  static PolicyReachConfig config;
  static NeedCatalog needs;
  static ProgramCatalog programs;

  @BeforeAll
  static void setUp() {
    spark = SparkSessions.shared();
    conf = SilverFixture.projectConf(dir);
    config = PolicyReachConfig.load(conf);
    needs = NeedCatalog.load(ConfPaths.needsFile(conf));
    programs = ProgramCatalog.load(ConfPaths.programsDir(conf), needs);
  }

  static SilverFixture threeFirms() {
    return new SilverFixture()
        .firm(1, "13", "E", "sme", 20, "2001-04-01")
        .firm(2, "27", "I", "small", 5, "2010-04-01")
        .firm(3, "01", "D", "sme", 40, "1995-04-01")
        .application("a-1", 1, "monozukuri-21", "2026-03-01", "設備投資", List.of("設備"));
  }

  static ScratchBuild open(Lakehouse real, String id) {
    return ScratchBuild.open(
        spark,
        real,
        null,
        conf,
        config,
        needs,
        programs,
        AS_OF,
        id,
        Instant.parse("2026-07-01T00:00:00Z"));
  }

  static List<String> firms(ScratchBuild build) {
    return build
        .profiles()
        .select("corporate_number")
        .orderBy("corporate_number")
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  @Test
  void laterSilverCommitsAreNotSeenAndTheRealLakehouseGetsNoGold() throws Exception {
    Lakehouse real = Lakehouse.at(dir.resolve("lake-pinned"));
    SilverFixture silver = threeFirms();
    silver.write(spark, real);
    Map<String, Long> before = AsOfSilver.versions(spark, real, ScratchBuild.SILVER);
    assertThat(before).containsOnlyKeys("firms", "applications", "events");

    try (ScratchBuild build = open(real, "pinned")) {
      // A fourth firm (and a new version of every silver table) after the scratch build opened.
      silver.copy().firm(4, "13", "E", "sme", 10, "2012-04-01").write(spark, real);
      assertThat(AsOfSilver.versions(spark, real, ScratchBuild.SILVER)).isNotEqualTo(before);

      assertThat(build.context().silverVersions()).isEqualTo(before);
      assertThat(firms(build))
          .containsExactlyInAnyOrder(SilverFixture.cn(1), SilverFixture.cn(2), SilverFixture.cn(3));
      try (ScratchBuild later = build.at(AS_OF.plusDays(30), "later")) {
        assertThat(later.context().silverVersions()).isEqualTo(before);
        assertThat(firms(later)).hasSize(3).doesNotContain(SilverFixture.cn(4));
      }
      Path scratchDir = dir.resolve("lake-pinned/_scratch/pinned");
      assertThat(scratchDir.resolve("gold/firm_profiles/_delta_log")).isDirectory();
      assertThat(scratchDir.resolve("silver")).doesNotExist();
      assertThat(real.exists(spark, "gold", "firm_profiles")).isFalse();
    }
    assertThat(dir.resolve("lake-pinned/_scratch/pinned")).doesNotExist();

    // Opened now, a scratch build sees the fourth firm.
    try (ScratchBuild fresh = open(real, "fresh")) {
      assertThat(firms(fresh)).hasSize(4).contains(SilverFixture.cn(4));
    }
  }

  @Test
  void aTableMissingWhenPinnedReadsAsEmptyEvenIfCreatedLater() {
    Lakehouse real = Lakehouse.at(dir.resolve("lake-missing"));
    threeFirms().write(spark, real);
    try (ScratchBuild build = open(real, "missing")) {
      assertThat(build.context().silverVersions()).doesNotContainKey("contacts");
      // silver.contacts created after the pin, with a contact sent before the as-of date: the
      // scratch build still reads no contacts (the unpinned view of the same date does).
      java.sql.Timestamp sent = java.sql.Timestamp.valueOf("2026-06-01 10:00:00");
      Row contact =
          RowFactory.create(
              "c-1",
              "cmp-1",
              "monozukuri-21",
              SilverFixture.cn(2),
              "inbox",
              "notify",
              sent,
              "sent",
              sent);
      spark
          .createDataFrame(List.of(contact), org.policyreach.pipelines.build.SilverSchemas.CONTACTS)
          .write()
          .format("delta")
          .save(real.path("silver", "contacts"));
      assertThat(Files.isDirectory(dir.resolve("lake-missing/silver/contacts/_delta_log")))
          .isTrue();
      assertThat(new AsOfSilver(spark, real, AS_OF).contacts().count()).isEqualTo(1);
      assertThat(build.context().silver().contacts().count()).isZero();
      assertThat(firms(build)).hasSize(3);
    }
  }
}
