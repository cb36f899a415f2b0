package org.policyreach.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.ingestion.IngestionException;

class ParsersTest {

  static final ProgramRules PROGRAMS = programs();

  static ProgramRules programs() {
    Path conf = ConfPaths.locate();
    return ProgramRules.of(
        ProgramCatalog.load(
            conf.resolve("programs"), NeedCatalog.load(conf.resolve("needs.yaml"))));
  }

  static Object field(ParsedLine p, LineParser parser, String name) {
    return p.record()[parser.recordSchema().fieldIndex(name)];
  }

  static List<String> codes(List<Reason> reasons) {
    return reasons.stream().map(Reason::code).toList();
  }

  static String registryRow(String cn, String process, String closeDate, String closeCause) {
    String[] f = new String[30];
    Arrays.fill(f, "");
    f[0] = "7";
    f[1] = cn;
    f[2] = process;
    f[3] = "0";
    f[4] = "2024-05-01";
    f[5] = "2024-04-30";
    f[6] = "\"株式会社ＡＢＣ商事\"";
    f[8] = "301";
    f[9] = "\"東京都\"";
    f[10] = "\"千代田区\"";
    f[13] = "13";
    f[15] = "1000013";
    f[18] = closeDate;
    f[19] = closeCause;
    f[22] = "2015-10-05";
    f[23] = "1";
    f[28] = "\"エービーシーショウジ\"";
    return String.join(",", f);
  }

  @Test
  void registryRowsNormalizeAndDeriveTheFirmStatus() {
    RegistryParser parser = new RegistryParser();
    ParsedLine active = parser.parse("r.csv", 1, registryRow("4010401098455", "01", "", ""));
    assertThat(active.isAccepted()).isTrue();
    assertThat(field(active, parser, "name")).isEqualTo("株式会社ABC商事");
    assertThat(field(active, parser, "status")).isEqualTo("active");
    assertThat(field(active, parser, "prefecture_code")).isEqualTo("13");
    assertThat(field(active, parser, "update_date")).isEqualTo(Date.valueOf("2024-05-01"));
    assertThat(
            field(
                parser.parse("r.csv", 2, registryRow("4010401098455", "21", "2024-04-30", "01")),
                parser,
                "status"))
        .isEqualTo("closed");
    assertThat(
            field(
                parser.parse("r.csv", 3, registryRow("4010401098455", "71", "2024-04-30", "11")),
                parser,
                "status"))
        .isEqualTo("merged");
    assertThat(
            field(
                parser.parse("r.csv", 4, registryRow("4010401098455", "99", "", "")),
                parser,
                "status"))
        .isEqualTo("deleted");
  }

  @Test
  void registryRejectsBadCheckDigitsColumnCountsAndProcesses() {
    RegistryParser parser = new RegistryParser();
    assertThat(
            codes(parser.parse("r.csv", 1, registryRow("5010401098455", "01", "", "")).reasons()))
        .containsExactly("CN_CHECK_DIGIT");
    assertThat(
            codes(
                parser
                    .parse("r.csv", 1, registryRow("4010401098455", "01", "", "") + ",")
                    .reasons()))
        .containsExactly("COLUMN_COUNT");
    assertThat(
            codes(
                parser
                    .parse("r.csv", 1, registryRow("4010401098455", "55", "2024-02-30", ""))
                    .reasons()))
        .containsExactly("PROCESS_UNKNOWN", "DATE_INVALID");
    assertThat(codes(parser.parse("r.csv", 1, "1,\"unclosed").reasons()))
        .containsExactly("PARSE_ERROR");
  }

  @Test
  void legacyFormsAreNormalizedThroughCore() {
    LegacyParser parser = new LegacyParser(PROGRAMS);
    parser.checkHeader("f.csv", String.join(",", LegacyParser.HEADER));
    String line =
        "L-1,monozukuri-20,令和元年5月1日,4-0104-0109-8455,株式会社サンプル,東京,\"１，０００，０００\",４５人,製造業,1,000万円,設備更新,business_plan;quote,交付決定";
    ParsedLine p = parser.parse("f.csv", 2, line.replace("1,000万円", "\"1,000万円\""));
    assertThat(p.reasons()).isEmpty();
    assertThat(field(p, parser, "corporate_number")).isEqualTo("4010401098455");
    assertThat(field(p, parser, "submitted_date")).isEqualTo(Date.valueOf("2019-05-01"));
    assertThat(field(p, parser, "declared_prefecture_code")).isEqualTo("13");
    assertThat(field(p, parser, "declared_capital_yen")).isEqualTo(1_000_000L);
    assertThat(field(p, parser, "declared_employees")).isEqualTo(45);
    assertThat(field(p, parser, "declared_jsic_division")).isEqualTo("E");
    assertThat(field(p, parser, "requested_amount_yen")).isEqualTo(10_000_000L);
    assertThat(field(p, parser, "status")).isEqualTo("awarded");
    assertThat(codes(p.findings())).containsExactly("MISSING_ATTACHMENT");
  }

  @Test
  void legacyFlagsEraOverflowAndRejectsImpossibleDates() {
    LegacyParser parser = new LegacyParser(PROGRAMS);
    String base =
        "L-2,monozukuri-20,%s,4010401098455,株式会社サンプル,東京都,1000000,5,E,100000,目的,business_plan;financial_statements;quote;tax_certificate,申請中";
    ParsedLine overflow = parser.parse("f.csv", 2, String.format(base, "平成32年4月1日"));
    assertThat(overflow.isAccepted()).isTrue();
    assertThat(codes(overflow.findings())).containsExactly("ERA_OVERFLOW");
    assertThat(field(overflow, parser, "submitted_date")).isEqualTo(Date.valueOf("2020-04-01"));
    assertThat(codes(parser.parse("f.csv", 3, String.format(base, "令和6年2月30日")).reasons()))
        .containsExactly("DATE_INVALID");
    assertThat(codes(parser.parse("f.csv", 4, String.format(base, "令和0年4月1日")).reasons()))
        .containsExactly("DATE_ERA_YEAR");
    assertThat(
            codes(
                parser
                    .parse(
                        "f.csv",
                        5,
                        String.format(base, "R6.4.1").replace("100000,目的", "△100000,目的"))
                    .reasons()))
        .containsExactly("AMOUNT_NEGATIVE");
  }

  @Test
  void aLegacyFileWithoutItsHeaderIsBadInputNamingTheFile() {
    LegacyParser parser = new LegacyParser(PROGRAMS);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> parser.checkHeader("forms.csv", "L-1,monozukuri-20,R6.4.1"))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("forms.csv")
        .hasMessageContaining("受付番号");
  }

  static final String APP =
      "{\"application_id\":\"A-1\",\"program_id\":\"%s\",\"submitted_at\":\"2025-05-01T10:00:00+09:00\","
          + "\"status\":\"%s\",\"decided_at\":null,\"applicant\":{\"corporate_number\":\"%s\","
          + "\"name\":\"%s\",\"prefecture_code\":\"13\",\"jsic_division\":\"E\",\"jsic_major\":\"29\","
          + "\"capital_yen\":30000000,\"employees\":45},\"requested_amount_yen\":%d,"
          + "\"attachments\":[{\"type\":\"business_plan\"}],\"purpose_tags\":[\"equipment_investment\"],"
          + "\"contact\":{\"name\":\"山田太郎\",\"email\":\"taro@example.co.jp\",\"phone\":\"03-1234-5678\"}}";

  @Test
  void applicationsAreCheckedAgainstTheCatalogAndNeverCarryContacts() {
    ApplicationParser parser = new ApplicationParser(PROGRAMS);
    ParsedLine ok =
        parser.parse(
            "a.jsonl",
            1,
            String.format(
                APP, "monozukuri-20", "submitted", "4010401098455", "株式会社サンプル", 99_000_000L));
    assertThat(ok.isAccepted()).isTrue();
    assertThat(codes(ok.findings()))
        .containsExactlyInAnyOrder("MISSING_ATTACHMENT", "AMOUNT_OVER_MAX");
    assertThat(Arrays.toString(ok.record())).doesNotContain("山田", "taro@", "03-1234");
    assertThat(
            ((Row) ((scala.collection.Seq<?>) field(ok, parser, "findings")).apply(0)).getString(0))
        .isEqualTo("MISSING_ATTACHMENT");

    ParsedLine bad =
        parser.parse(
            "a.jsonl",
            2,
            String.format(APP, "no-such-program", "採択", "5010401098455", "株式会社サンプル", -1L));
    assertThat(codes(bad.reasons()))
        .containsExactlyInAnyOrder("UNKNOWN_PROGRAM", "CN_CHECK_DIGIT", "AMOUNT_NEGATIVE");
    assertThat(bad.quarantineRaw())
        .doesNotContain("山田太郎", "taro@example", "03-1234-5678")
        .contains("A-1");

    ParsedLine broken =
        parser.parse(
            "a.jsonl",
            3,
            "{\"application_id\":\"A-2\",\"contact\":{\"name\":\"山田太郎\",\"email\":\"taro@example.co.jp\"");
    assertThat(codes(broken.reasons())).containsExactly("PARSE_ERROR");
    assertThat(broken.quarantineRaw()).doesNotContain("山田太郎", "taro@example");
  }

  @Test
  void mojibakeIsRecognisedAndCleanJapaneseIsNot() {
    String clean = "株式会社サンプル 老朽化した加工機を更新し、生産性を高める（ＩＴ導入）";
    assertThat(Mojibake.looksGarbled(clean)).isFalse();
    assertThat(Mojibake.looksGarbled("ｶﾌﾞｼｷｶﾞｲｼｬ")).isFalse();
    String utf8AsSjis =
        new String(
            clean.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            java.nio.charset.Charset.forName("windows-31j"));
    assertThat(Mojibake.looksGarbled(utf8AsSjis)).isTrue();
    String sjisAsUtf8 =
        new String(
            clean.getBytes(java.nio.charset.Charset.forName("windows-31j")),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(Mojibake.looksGarbled(sjisAsUtf8)).isTrue();
    ApplicationParser parser = new ApplicationParser(PROGRAMS);
    assertThat(
            codes(
                parser
                    .parse(
                        "a.jsonl",
                        1,
                        String.format(
                            APP,
                            "monozukuri-20",
                            "submitted",
                            "4010401098455",
                            utf8AsSjis.replace("\"", ""),
                            1L))
                    .reasons()))
        .contains("MOJIBAKE");
  }

  @Test
  void firmAttributesTakeTheDivisionFromTheMajorGroup() {
    FirmAttributesParser parser = new FirmAttributesParser();
    ParsedLine p =
        parser.parse(
            "f.jsonl",
            1,
            "{\"corporate_number\":\"4010401098455\",\"capital_stock\":\"3,000万円\",\"jsic_major\":\"72\",\"update_date\":\"2026-01-01\",\"extra\":1}");
    assertThat(p.reasons()).isEmpty();
    assertThat(field(p, parser, "jsic_division")).isEqualTo("L");
    assertThat(field(p, parser, "capital_yen")).isEqualTo(30_000_000L);
    assertThat(
            codes(
                parser
                    .parse(
                        "f.jsonl",
                        2,
                        "{\"corporate_number\":\"4010401098455\",\"employee_number\":-3}")
                    .reasons()))
        .containsExactly("AMOUNT_NEGATIVE");
    assertThat(codes(parser.parse("f.jsonl", 3, "[1,2]").reasons())).containsExactly("PARSE_ERROR");
    // a key given twice is refused, not taken with its last value
    ParsedLine twice =
        parser.parse(
            "f.jsonl",
            4,
            "{\"corporate_number\":\"4010401098455\",\"employee_number\":10,\"employee_number\":500}");
    assertThat(codes(twice.reasons())).containsExactly("PARSE_ERROR");
    assertThat(twice.reasons().get(0).toString()).contains("employee_number").contains("twice");
  }

  @Test
  void eventsNeedAKnownTypeAndProgram() {
    EventParser parser = new EventParser(PROGRAMS);
    String ok =
        "{\"event_id\":\"e-1\",\"corporate_number\":\"4010401098455\",\"program_id\":\"monozukuri-20\",\"type\":\"opt-out\",\"at\":\"2026-11-01T09:00:00+09:00\",\"channel\":\"portal\"}";
    ParsedLine p = parser.parse("e.jsonl", 1, ok);
    assertThat(field(p, parser, "type")).isEqualTo("opt_out");
    assertThat(p.fingerprint()).isEqualTo("e-1");
    assertThat(
            codes(
                parser
                    .parse(
                        "e.jsonl", 2, ok.replace("opt-out", "like").replace("monozukuri-20", "x-1"))
                    .reasons()))
        .containsExactlyInAnyOrder("EVENT_TYPE_UNKNOWN", "UNKNOWN_PROGRAM");
    assertThat(codes(parser.parse("e.jsonl", 3, ok.replace("2026-11-01", "2026-02-30")).reasons()))
        .containsExactly("DATE_INVALID");
  }

  @Test
  void csvLinesSplitWithQuotes() {
    assertThat(CsvLine.split("a,\"b,c\",\"d\"\"e\",")).containsExactly("a", "b,c", "d\"e", "");
    assertThat(CsvLine.split("")).containsExactly("");
    assertThat(CsvLine.split("\"open")).isNull();
  }

  @Test
  void reasonsCarryAJapaneseLabelFirst() {
    assertThat(Reason.labelled("CN_CHECK_DIGIT", "x").detail()).startsWith("法人番号のチェックデジット誤り — ");
  }
}
