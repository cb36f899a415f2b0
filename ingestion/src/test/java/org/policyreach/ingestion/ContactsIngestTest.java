package org.policyreach.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.core.CorporateNumber;

/**
 * {@code ingest --source contacts} (INPUT-FORMATS §7): delivery receipts and push history into the
 * contact ledger {@code silver.contacts}, with bronze, quarantine with reasons, reconciliation and
 * exactly-once like every source; a later line for a contact id updates its status.
 */
class ContactsIngestTest {
  static final String A = CorporateNumber.ofBase("010401000101").value();
  static final String B = CorporateNumber.ofBase("010401000102").value();
  static final String C = CorporateNumber.ofBase("010401000103").value();

  static String line(String id, String cn, String channel, String arm, String status, String at) {
    return "{\"contact_id\": \""
        + id
        + "\", \"campaign_id\": \"cmp-hist-1\", \"program_id\": \"bcp-setsubi-2026\","
        + " \"corporate_number\": \""
        + cn
        + "\", \"channel\": "
        + (channel == null ? "null" : "\"" + channel + "\"")
        + ", \"arm\": \""
        + arm
        + "\", \"sent_at\": \"2026-10-01T09:00:00+09:00\", \"status\": "
        + (status == null ? "null" : "\"" + status + "\"")
        + ", \"status_at\": \""
        + at
        + "\"}";
  }

  @Test
  void ingestsReceiptsAndHistoryWithQuarantineAndStatusUpdates(@TempDir Path dir) {
    TestLake lake = new TestLake(dir);
    String sent = line("c-1", A, "email", "treated", "delivered", "2026-10-01T09:00:00+09:00");
    Path input =
        lake.write(
            "contacts.jsonl",
            TestLake.lines(
                List.of(
                    sent,
                    line("c-2", B, "post", "treated", "delivered", "2026-10-01T09:00:00+09:00"),
                    line("c-3", C, null, "holdout", null, "2026-10-01T09:00:00+09:00"),
                    sent, // an exact duplicate
                    // the letter came back two days later: the later line wins
                    line("c-2", B, "post", "treated", "returned", "2026-10-03T12:00:00+09:00"),
                    line(
                        "c-4",
                        "1234567890123",
                        "inbox",
                        "treated",
                        "delivered",
                        "2026-10-01T09:00:00+09:00"),
                    line("c-5", A, "fax", "treated", "delivered", "2026-10-01T09:00:00+09:00"),
                    line("c-6", A, "inbox", "holdout", "delivered", "2026-10-01T09:00:00+09:00"),
                    line("c-7", A, "inbox", "treated", "delivered", "2026-09-01T09:00:00+09:00"),
                    "{\"contact_id\": \"c-8\", \"email\": \"taro@example.co.jp\", \"arm\": ")));

    IngestResult r = lake.ingest(Source.CONTACTS, input);

    assertThat(r.read()).isEqualTo(10);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.quarantined()).isEqualTo(5);
    assertThat(r.accepted()).isEqualTo(4);
    assertThat(r.read()).isEqualTo(r.accepted() + r.quarantined() + r.duplicates());
    assertThat(lake.table("bronze", "contacts").count()).isEqualTo(10);

    List<Row> q = lake.table("quarantine", "records").orderBy("line").collectAsList();
    assertThat(q).extracting(x -> x.<Long>getAs("line")).containsExactly(6L, 7L, 8L, 9L, 10L);
    assertThat(codes(q.get(0))).contains("CN_CHECK_DIGIT");
    assertThat(codes(q.get(1))).contains("FIELD_INVALID");
    assertThat(codes(q.get(2))).contains("FIELD_INVALID");
    assertThat(codes(q.get(3))).contains("DATE_ORDER");
    assertThat(codes(q.get(4))).contains("PARSE_ERROR");
    // no address leaves bronze, not even from a line that could not be parsed
    assertThat(q.get(4).<String>getAs("raw")).doesNotContain("taro@example.co.jp");

    List<Row> silver = lake.table("silver", "contacts").orderBy("contact_id").collectAsList();
    assertThat(silver)
        .extracting(x -> x.<String>getAs("contact_id"))
        .containsExactly("c-1", "c-2", "c-3");
    assertThat(silver.get(1).<String>getAs("status")).isEqualTo("returned");
    assertThat(silver.get(2).<String>getAs("arm")).isEqualTo("holdout");
    assertThat(silver.get(2).<String>getAs("channel")).isNull();
    assertThat(silver.get(0).<String>getAs("address_sha256")).isNull();

    // exactly once: the same content again does nothing
    assertThat(lake.ingest(Source.CONTACTS, input).alreadyIngested()).isTrue();

    // a later receipt updates the status; an older one does not
    Path later =
        lake.write(
            "bounces.jsonl",
            TestLake.lines(
                List.of(
                    line("c-1", A, "email", "treated", "bounced", "2026-10-02T08:00:00+09:00"),
                    line("c-2", B, "post", "treated", "delivered", "2026-10-02T08:00:00+09:00"))));
    IngestResult second = lake.ingest(Source.CONTACTS, later);
    assertThat(second.accepted()).isEqualTo(2);
    List<Row> after = lake.table("silver", "contacts").orderBy("contact_id").collectAsList();
    assertThat(after).hasSize(3);
    assertThat(after.get(0).<String>getAs("status")).isEqualTo("bounced");
    assertThat(after.get(1).<String>getAs("status")).isEqualTo("returned");
  }

  private static String codes(Row quarantined) {
    return quarantined.<Row>getList(quarantined.fieldIndex("reasons")).stream()
        .map(x -> x.<String>getAs("code"))
        .collect(Collectors.joining(","));
  }
}
