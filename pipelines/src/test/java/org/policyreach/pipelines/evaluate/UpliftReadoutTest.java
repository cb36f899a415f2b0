package org.policyreach.pipelines.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.models.metrics.UpliftEstimate;
import org.policyreach.pipelines.build.SilverFixture;
import org.policyreach.pipelines.recommend.RecommendationTables;
import org.policyreach.pipelines.recommend.Spark;

class UpliftReadoutTest {
  @TempDir Path dir;

  static final LocalDate PUSH = LocalDate.parse("2026-03-01");

  /**
   * Program p: firms 1..40 notified, 41..50 held out; notified 1..12 and held-out 41..42 apply
   * after the push (firm 13 before it, firm 14 after the horizon). An older push list and a later
   * one are ignored.
   */
  @Test
  void comparesNotifiedWithHoldoutAfterTheLatestPushOnOrBeforeTheDate() {
    SparkSession spark = SparkSessions.shared();
    Lakehouse lakehouse = Lakehouse.at(dir.resolve("lake"));
    SilverFixture silver = new SilverFixture();
    for (int i = 1; i <= 50; i++) {
      silver.firm(i, "13", "E", "sme", 10, "2000-04-01");
    }
    int n = 0;
    for (int i : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 41, 42}) {
      silver.application("A" + n++, i, "p", "2026-04-15", "設備を更新したい", List.of());
    }
    silver.application("A" + n++, 13, "p", "2026-02-20", "設備を更新したい", List.of());
    silver.application("A" + n++, 14, "p", "2026-12-01", "設備を更新したい", List.of());
    silver.application("A" + n++, 15, "q", "2026-04-15", "設備を更新したい", List.of());
    silver.write(spark, lakehouse);

    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      rows.add(target("p", i, i > 40, PUSH, "b-new"));
      rows.add(target("p", i, i % 2 == 0, PUSH.minusDays(60), "b-old"));
      rows.add(target("p", i, false, PUSH.plusDays(30), "b-later"));
    }
    spark
        .createDataFrame(rows, RecommendationTables.PROGRAM_TARGETS_SCHEMA)
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .save(lakehouse.path("gold", RecommendationTables.PROGRAM_TARGETS));

    UpliftReadout.Result r =
        UpliftReadout.read(spark, lakehouse, PUSH.plusDays(10), 180, LocalDate.parse("2026-11-26"));
    assertThat(r.pushBuildId()).isEqualTo("b-new");
    assertThat(r.pushDate()).isEqualTo(PUSH);
    assertThat(r.outcomesTo()).isEqualTo(PUSH.plusDays(180));
    assertThat(r.programs()).hasSize(1);
    UpliftReadout.ProgramUplift p = r.programs().get(0);
    assertThat(p.programId()).isEqualTo("p");
    assertThat(p.modelId()).isEqualTo("ranker-20260301-00000000");
    assertThat(p.estimate()).isEqualTo(UpliftEstimate.of(40, 12, 10, 2));
    assertThat(p.estimate().difference()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));

    assertThat(UpliftReadout.read(spark, lakehouse, PUSH.minusDays(61), 180, PUSH).pushBuildId())
        .isNull();
  }

  private static Row target(String program, int firm, boolean holdout, LocalDate asOf, String b) {
    return RowFactory.create(
        program,
        SilverFixture.cn(firm),
        firm,
        1.0 / firm,
        Spark.array(List.<Row>of()),
        false,
        holdout,
        "13",
        "sme",
        Date.valueOf(asOf),
        "ranker-20260301-00000000",
        b);
  }
}
