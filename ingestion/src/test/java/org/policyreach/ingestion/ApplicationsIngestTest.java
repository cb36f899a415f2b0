package org.policyreach.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationsIngestTest {

  static String app(
      String id,
      String cn,
      String program,
      String status,
      String submitted,
      String decided,
      long amount,
      String attachments) {
    return "{\"application_id\":\""
        + id
        + "\",\"program_id\":\""
        + program
        + "\","
        + "\"submitted_at\":\""
        + submitted
        + "\",\"status\":\""
        + status
        + "\","
        + "\"decided_at\":"
        + (decided == null ? "null" : "\"" + decided + "\"")
        + ","
        + "\"applicant\":{\"corporate_number\":\""
        + cn
        + "\",\"name\":\"株式会社サンプル\","
        + "\"prefecture_code\":\"13\",\"city\":\"千代田区\",\"address\":\"霞が関1-3-1\","
        + "\"jsic_division\":\"E\",\"capital_yen\":30000000,\"employees\":45,\"established\":\"2004-06-01\"},"
        + "\"requested_amount_yen\":"
        + amount
        + ",\"awarded_amount_yen\":null,"
        + "\"purpose\":\"老朽化した加工機を更新し生産性を高める\",\"purpose_tags\":[\"equipment_investment\"],"
        + "\"attachments\":["
        + attachments
        + "],"
        + "\"contact\":{\"name\":\"山田太郎\",\"email\":\"taro@example.co.jp\",\"phone\":\"03-1234-5678\"}}";
  }

  static final String ALL =
      "{\"type\":\"business_plan\"},{\"type\":\"financial_statements\"},{\"type\":\"quote\"},{\"type\":\"tax_certificate\"}";

  @Test
  void ingestsReconcilesAndIsIdempotent(@TempDir Path dir) {
    TestLake lake = new TestLake(dir);
    String first =
        app(
            "A-1",
            "4010401098455",
            "monozukuri-20",
            "submitted",
            "2025-05-01T10:00:00+09:00",
            null,
            7_500_000,
            ALL);
    Path file =
        lake.write(
            "apps.jsonl",
            TestLake.lines(
                List.of(
                    first,
                    app(
                        "A-1",
                        "4010401098455",
                        "monozukuri-20",
                        "awarded",
                        "2025-05-01T10:00:00+09:00",
                        "2025-08-01T09:00:00+09:00",
                        7_500_000,
                        ALL),
                    first,
                    app(
                        "A-3",
                        "5010401098455",
                        "monozukuri-20",
                        "submitted",
                        "2025-05-01T10:00:00+09:00",
                        null,
                        1,
                        ALL),
                    app(
                        "A-4",
                        "4010401098455",
                        "no-such-program",
                        "submitted",
                        "2025-05-01T10:00:00+09:00",
                        null,
                        1,
                        ALL),
                    "{\"application_id\": \"A-5\", broken",
                    "",
                    app(
                        "A-2",
                        "7123456789012",
                        "monozukuri-20",
                        "submitted",
                        "2025-05-02T10:00:00+09:00",
                        null,
                        99_000_000,
                        "{\"type\":\"business_plan\"}"))));

    IngestResult r = lake.ingest(Source.APPLICATIONS, file);

    assertThat(r.alreadyIngested()).isFalse();
    assertThat(r.read()).isEqualTo(7);
    assertThat(r.quarantined()).isEqualTo(3);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.accepted()).isEqualTo(3);
    assertThat(r.reconciles()).isTrue();
    assertThat(r.findings())
        .containsEntry("MISSING_ATTACHMENT", 1L)
        .containsEntry("AMOUNT_OVER_MAX", 1L);
    assertThat(r.versions())
        .containsKeys(
            "bronze.applications", "quarantine.records", "silver.applications", "silver.firms");

    List<Row> apps = lake.table("silver", "applications").orderBy("application_id").collectAsList();
    assertThat(apps)
        .extracting(a -> a.<String>getAs("application_id"))
        .containsExactly("A-1", "A-2");
    Row a1 = apps.get(0);
    assertThat(a1.<String>getAs("status")).isEqualTo("awarded");
    assertThat(a1.<Row>getList(a1.fieldIndex("status_history")))
        .extracting(h -> h.getString(0))
        .containsExactly("submitted", "awarded");
    assertThat(lake.table("bronze", "applications").count()).isEqualTo(8);
    assertThat(lake.table("quarantine", "records").count()).isEqualTo(3);
    assertThat(lake.table("silver", "firms").count()).isEqualTo(2);

    IngestResult again = lake.ingest(Source.APPLICATIONS, file);
    assertThat(again.alreadyIngested()).isTrue();
    assertThat(again.batchId()).isEqualTo(r.batchId());
    assertThat(again.read()).isEqualTo(7);
    assertThat(lake.table("bronze", "applications").count()).isEqualTo(8);
    assertThat(r.toJson()).contains("\"batch_id\"", "\"read\":7", "\"findings\":{");
  }

  @Test
  void anOlderStatusArrivingLaterNeverOverwritesANewerOne(@TempDir Path dir) {
    TestLake lake = new TestLake(dir);
    String submitted = "2025-05-01T10:00:00+09:00";
    Path decided =
        lake.write(
            "b1.jsonl",
            TestLake.lines(
                List.of(
                    app(
                        "A-9",
                        "4010401098455",
                        "monozukuri-20",
                        "awarded",
                        submitted,
                        "2025-08-01T09:00:00+09:00",
                        7_500_000,
                        ALL),
                    app(
                        "A-8",
                        "4010401098455",
                        "monozukuri-20",
                        "rejected",
                        submitted,
                        "2025-08-02T09:00:00+09:00",
                        7_500_000,
                        ALL),
                    app(
                        "A-8",
                        "4010401098455",
                        "monozukuri-20",
                        "submitted",
                        submitted,
                        null,
                        7_500_000,
                        ALL))));
    Path late =
        lake.write(
            "b2.jsonl",
            TestLake.lines(
                List.of(
                    app(
                        "A-9",
                        "4010401098455",
                        "monozukuri-20",
                        "submitted",
                        submitted,
                        null,
                        7_500_000,
                        ALL),
                    app(
                        "A-9",
                        "4010401098455",
                        "monozukuri-20",
                        "accepted",
                        submitted,
                        "2025-07-01T09:00:00+09:00",
                        7_500_000,
                        ALL))));
    IngestResult first = lake.ingest(Source.APPLICATIONS, decided);
    IngestResult second = lake.ingest(Source.APPLICATIONS, late);
    assertThat(second.accepted()).isEqualTo(2);
    assertThat(second.batchId()).isNotEqualTo(first.batchId());

    List<Row> apps = lake.table("silver", "applications").orderBy("application_id").collectAsList();
    Row a8 = apps.get(0);
    assertThat(a8.<String>getAs("status")).isEqualTo("rejected");
    Row a9 = apps.get(1);
    assertThat(a9.<String>getAs("status")).isEqualTo("awarded");
    assertThat(a9.<String>getAs("batch_id")).isEqualTo(first.batchId());
    List<Row> history = a9.getList(a9.fieldIndex("status_history"));
    assertThat(history)
        .extracting(h -> h.getString(0))
        .containsExactly("submitted", "accepted", "awarded");
    assertThat(history)
        .extracting(h -> h.getString(2))
        .containsExactly(second.batchId(), second.batchId(), first.batchId());
  }
}
