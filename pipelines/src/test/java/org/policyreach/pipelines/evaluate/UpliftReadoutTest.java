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
    fixture(spark, lakehouse, List.of("p"));
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
    assertThat(p.basis()).isEqualTo(UpliftReadout.BASIS_LIST);
    assertThat(p.estimate().difference()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));

    assertThat(UpliftReadout.read(spark, lakehouse, PUSH.minusDays(61), 180, PUSH).pushBuildId())
        .isNull();
  }

  /**
   * With a contact ledger, treated means delivered: of p's 40 listed firms outside the holdout, 30
   * got a delivered notice, 5 a bounced e-mail and 5 nothing; only the 30 count as treated (firms
   * 1..12 of them applied). Program q has no contacts in the ledger, so its listed flags stand.
   */
  @Test
  void withAContactLedgerTreatedMeansDelivered() {
    SparkSession spark = SparkSessions.shared();
    Lakehouse lakehouse = Lakehouse.at(dir.resolve("lake"));
    fixture(spark, lakehouse, List.of("p", "q"));
    List<Row> contacts = new ArrayList<>();
    java.sql.Timestamp sent = java.sql.Timestamp.valueOf(PUSH.plusDays(1).atTime(9, 0));
    for (int i = 1; i <= 50; i++) {
      if (i > 40) {
        contacts.add(contact(i, "holdout", null, null, sent));
      } else if (i <= 30) {
        contacts.add(contact(i, "treated", "inbox", "delivered", sent));
      } else if (i <= 35) {
        contacts.add(contact(i, "treated", "email", "bounced", sent));
      }
    }
    // an older push of p, before this list's push date: not this experiment
    contacts.add(
        contact(
            36, "treated", "post", "delivered", java.sql.Timestamp.valueOf("2025-01-10 09:00:00")));
    spark
        .createDataFrame(contacts, org.policyreach.ingestion.Tables.CONTACTS_SCHEMA)
        .write()
        .format("delta")
        .save(lakehouse.path("silver", "contacts"));

    UpliftReadout.Result r =
        UpliftReadout.read(spark, lakehouse, PUSH.plusDays(10), 180, LocalDate.parse("2026-11-26"));
    assertThat(r.programs())
        .extracting(UpliftReadout.ProgramUplift::programId)
        .containsExactly("p", "q");
    UpliftReadout.ProgramUplift p = r.programs().get(0);
    assertThat(p.basis()).isEqualTo(UpliftReadout.BASIS_LEDGER);
    assertThat(p.estimate()).isEqualTo(UpliftEstimate.of(30, 12, 10, 2));
    UpliftReadout.ProgramUplift q = r.programs().get(1);
    assertThat(q.basis()).isEqualTo(UpliftReadout.BASIS_LIST);
    assertThat(q.estimate()).isEqualTo(UpliftEstimate.of(40, 1, 10, 0));
  }

  /**
   * 50 firms; applications to p by firms 1..12 and 41..42 after the push, 13 before it, 14 after
   * the horizon, and to q by firm 15; for each program, a list pushed on PUSH (41..50 held out)
   * beside an older and a later one.
   */
  private static void fixture(SparkSession spark, Lakehouse lakehouse, List<String> programs) {
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
    for (String program : programs) {
      for (int i = 1; i <= 50; i++) {
        rows.add(target(program, i, i > 40, PUSH, "b-new"));
        rows.add(target(program, i, i % 2 == 0, PUSH.minusDays(60), "b-old"));
        rows.add(target(program, i, false, PUSH.plusDays(30), "b-later"));
      }
    }
    spark
        .createDataFrame(rows, RecommendationTables.PROGRAM_TARGETS_SCHEMA)
        .write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .save(lakehouse.path("gold", RecommendationTables.PROGRAM_TARGETS));
  }

  private static Row contact(
      int firm, String arm, String channel, String status, java.sql.Timestamp sent) {
    String cn = SilverFixture.cn(firm);
    return RowFactory.create(
        "c-test-" + cn + "-" + sent.getTime(),
        "cmp-test",
        "p",
        cn,
        channel,
        arm,
        sent,
        status,
        status == null ? null : sent,
        null,
        null,
        "contacts-test");
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
