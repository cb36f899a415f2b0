package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.core.ContactMask;

/**
 * A phone number or e-mail address typed into free text (申請目的) reaches neither silver nor the
 * quarantine: both get the masked text, and a quarantined line keeps enough to diagnose it.
 */
class FreeTextContactsIngestTest {
  static final String PHONE = "090-1234-5678";
  static final String EMAIL = "taro.free@example.co.jp";
  static final String PHONE2 = "03-9876-5432";
  static final String PHONE3 = "0312345678";
  static final String EMAIL3 = "hanako.broken@example.jp";

  static String withPurpose(String line, String purpose) {
    return line.replace("老朽化した加工機を更新し生産性を高める", purpose);
  }

  @Test
  void contactsInFreeTextAreMaskedInSilverAndQuarantine(@TempDir Path dir) {
    TestLake lake = new TestLake(dir);
    String accepted =
        withPurpose(
            ApplicationsIngestTest.app(
                "FT-1",
                "4010401098455",
                "monozukuri-20",
                "submitted",
                "2025-05-01T10:00:00+09:00",
                null,
                7_500_000,
                ApplicationsIngestTest.ALL),
            "加工機を更新したい。連絡は" + PHONE + "または" + EMAIL + "へ");
    String unknownProgram =
        withPurpose(
            ApplicationsIngestTest.app(
                "FT-2",
                "4010401098455",
                "no-such-program",
                "submitted",
                "2025-05-01T10:00:00+09:00",
                null,
                7_500_000,
                ApplicationsIngestTest.ALL),
            "担当直通 " + PHONE2 + " まで");
    String broken = "{\"application_id\":\"FT-3\",\"purpose\":\"電話 " + PHONE3 + " " + EMAIL3;
    Path file = lake.write("apps.jsonl", TestLake.lines(List.of(accepted, unknownProgram, broken)));

    IngestResult r = lake.ingest(Source.APPLICATIONS, file);
    assertThat(r.quarantined()).isEqualTo(2);

    Row app =
        lake.table("silver", "applications").filter(col("application_id").equalTo("FT-1")).head();
    String purpose = app.getAs("purpose");
    assertThat(purpose)
        .isEqualTo("加工機を更新したい。連絡は" + ContactMask.PHONE + "または" + ContactMask.EMAIL + "へ");

    List<Row> quarantined = lake.table("quarantine", "records").collectAsList();
    assertThat(quarantined).hasSize(2);
    for (Row q : quarantined) {
      String all = q.toString();
      assertThat(all).doesNotContain(PHONE2, PHONE3, EMAIL3, "taro@example.co.jp", "03-1234-5678");
    }
    List<String> raws = quarantined.stream().map(q -> q.<String>getAs("raw")).toList();
    // still enough to diagnose: the program code, the id, where the text was cut
    assertThat(raws)
        .anySatisfy(
            raw -> assertThat(raw).contains("no-such-program", "担当直通 " + ContactMask.PHONE + " まで"))
        .anySatisfy(
            raw ->
                assertThat(raw)
                    .contains("FT-3", "電話 " + ContactMask.PHONE + " " + ContactMask.EMAIL));
  }
}
