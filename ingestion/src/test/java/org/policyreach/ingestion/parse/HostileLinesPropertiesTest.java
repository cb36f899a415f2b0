package org.policyreach.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Property-based tests of every line parser against hostile lines (issue 9): arbitrary text, valid
 * lines with a field replaced by a hostile value, truncated lines, control characters, deeply
 * nested JSON, numbers with exponents, impossible wareki dates. A parser never throws: it accepts a
 * record (with a key and a fingerprint) or rejects the line with at least one reason, and a hostile
 * value never reaches an accepted record unchanged.
 */
class HostileLinesPropertiesTest {

  static final ProgramRules PROGRAMS = ParsersTest.programs();

  static final String REGISTRY = ParsersTest.registryRow("4010401098455", "01", "", "");

  static final String APPLICATION =
      String.format(
          ParsersTest.APP, "monozukuri-20", "submitted", "4010401098455", "株式会社サンプル", 5_000_000L);

  static final String FIRM =
      "{\"corporate_number\":\"4010401098455\",\"capital_stock\":30000000,\"employee_number\":45,"
          + "\"jsic_division\":\"E\",\"jsic_major\":\"29\",\"date_of_establishment\":\"2004-06-01\","
          + "\"business_summary\":\"金属加工\",\"update_date\":\"2026-10-01\"}";

  static final String EVENT =
      "{\"event_id\":\"e-1\",\"corporate_number\":\"4010401098455\",\"program_id\":\"monozukuri-20\","
          + "\"type\":\"click\",\"at\":\"2026-11-01T09:00:00+09:00\",\"channel\":\"portal\"}";

  static final String LEGACY =
      "L-1,monozukuri-20,令和元年5月1日,4-0104-0109-8455,株式会社サンプル,東京,\"１，０００，０００\",４５人,製造業,"
          + "\"1,000万円\",設備更新,business_plan;quote,交付決定";

  /** Values that must never be accepted where a date, number or code is expected. */
  static final List<String> HOSTILE_VALUES =
      List.of(
          "令和0年4月1日",
          "令和元年4月1日",
          "2024年2月30日",
          "R6.2.30",
          "2023-02-29",
          "2024-13-01",
          "0000-00-00",
          "1e9",
          "1E+400",
          "-1e-400",
          "NaN",
          "Infinity",
          "9".repeat(400),
          "１e５",
          "12\u00003",
          "\u0000",
          "\uFEFF2024-04-01",
          "'; DROP TABLE silver.firms; --",
          "../../../etc/passwd",
          "<script>alert(1)</script>",
          "\uD800",
          "𠮷野家");

  record Case(String name, LineParser parser, String valid) {}

  static List<Case> cases() {
    return List.of(
        new Case("registry", new RegistryParser(), REGISTRY),
        new Case("firm-attributes", new FirmAttributesParser(), FIRM),
        new Case("applications", new ApplicationParser(PROGRAMS), APPLICATION),
        new Case("legacy", new LegacyParser(PROGRAMS), LEGACY),
        new Case("events", new EventParser(PROGRAMS), EVENT));
  }

  /** Parses and checks the contract: no exception, accepted with key or rejected with reasons. */
  static ParsedLine parseChecked(LineParser parser, String line) {
    ParsedLine p = parser.parse("hostile.txt", 7, line);
    assertThat(p).isNotNull();
    if (p.isAccepted()) {
      assertThat(p.key()).isNotBlank();
      assertThat(p.fingerprint()).isNotBlank();
      assertThat(p.reasons()).isEmpty();
    } else {
      assertThat(p.reasons()).isNotEmpty();
      p.reasons()
          .forEach(
              r -> {
                assertThat(r.code()).matches("[A-Z_]+");
                assertThat(r.detail()).isNotBlank();
              });
      assertThat(p.quarantineRaw()).isNotNull();
    }
    return p;
  }

  @Property(tries = 300)
  void everyParserSurvivesArbitraryText(@ForAll("hostileText") String line) {
    for (Case c : cases()) {
      parseChecked(c.parser(), line);
    }
  }

  @Provide
  Arbitrary<String> hostileText() {
    Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(300);
    Arbitrary<String> csvish =
        Arbitraries.strings().withChars(",\"\r\t\u0000あ1-年月日e.{}[]:").ofMaxLength(200);
    Arbitrary<String> jsonish =
        Arbitraries.strings()
            .withChars("{}[]\":,\\u0123456789eE+-.truefalsn \u0000")
            .ofMaxLength(200)
            .map(s -> "{" + s);
    return Arbitraries.oneOf(anyChars, csvish, jsonish);
  }

  @Property(tries = 200)
  void aTruncatedValidLineIsAcceptedOrRejectedNeverCrashes(
      @ForAll @IntRange(min = 0, max = 999) int permille,
      @ForAll @IntRange(min = 0, max = 4) int which) {
    Case c = cases().get(which);
    String truncated = c.valid().substring(0, c.valid().length() * permille / 1000);
    ParsedLine p = parseChecked(c.parser(), truncated.isEmpty() ? " " : truncated);
    if (c.parser() instanceof RegistryParser || c.parser() instanceof LegacyParser) {
      // a CSV row cut short loses columns
      if (!truncated.equals(c.valid())) {
        assertThat(p.isAccepted()).isFalse();
      }
    }
  }

  @Property(tries = 400)
  void aHostileValueInAnyFieldNeverCrashesAParser(
      @ForAll("hostileValues") String value,
      @ForAll @IntRange(min = 0, max = 40) int field,
      @ForAll @IntRange(min = 0, max = 4) int which) {
    Case c = cases().get(which);
    String line = replaceField(c, field, value);
    parseChecked(c.parser(), line);
  }

  @Provide
  Arbitrary<String> hostileValues() {
    return Arbitraries.oneOf(
        Arbitraries.of(HOSTILE_VALUES),
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.doubles().map(d -> Double.toString(d)),
        Arbitraries.bigIntegers()
            .between(java.math.BigInteger.TEN.pow(30).negate(), java.math.BigInteger.TEN.pow(30))
            .map(Object::toString),
        Combinators.combine(
                Arbitraries.of("令和", "平成", "昭和", "R", "H", "S", "明治", "大正"),
                Arbitraries.integers().between(-1, 99),
                Arbitraries.integers().between(0, 13),
                Arbitraries.integers().between(0, 32))
            .as((era, y, m, d) -> era + y + "年" + m + "月" + d + "日"));
  }

  /**
   * The valid line with field number {@code field} (modulo the field count) set to {@code value}.
   */
  static String replaceField(Case c, int field, String value) {
    if (c.parser() instanceof RegistryParser || c.parser() instanceof LegacyParser) {
      List<String> f = new ArrayList<>(CsvLine.split(c.valid()));
      f.set(field % f.size(), quoteCsv(value));
      return String.join(
          ",", f.stream().map(s -> s.startsWith("\"") ? s : quoteIfNeeded(s)).toList());
    }
    // JSON: replace the n-th scalar value (strings and numbers) with the hostile value, as a JSON
    // string and, when it looks numeric, as a bare number too
    List<int[]> spans = jsonScalarSpans(c.valid());
    int[] span = spans.get(field % spans.size());
    String json = "\"" + jsonEscape(value) + "\"";
    if (value.matches("-?[0-9.]+([eE][+-]?[0-9]+)?") && field % 2 == 0) {
      json = value;
    }
    return c.valid().substring(0, span[0]) + json + c.valid().substring(span[1]);
  }

  private static String quoteIfNeeded(String s) {
    return s.contains(",") || s.contains("\"") ? quoteCsv(s) : s;
  }

  private static String quoteCsv(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        sb.append('\\').append(ch);
      } else if (ch < 0x20) {
        sb.append(String.format("\\u%04x", (int) ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  /** Start/end offsets of the scalar values (after a colon) of a flat-ish JSON line. */
  static List<int[]> jsonScalarSpans(String json) {
    List<int[]> spans = new ArrayList<>();
    int i = 0;
    while (i < json.length()) {
      if (json.charAt(i) == ':') {
        int s = i + 1;
        while (s < json.length() && json.charAt(s) == ' ') {
          s++;
        }
        if (s < json.length() && json.charAt(s) == '"') {
          int e = s + 1;
          while (json.charAt(e) != '"') {
            e += json.charAt(e) == '\\' ? 2 : 1;
          }
          spans.add(new int[] {s, e + 1});
          i = e + 1;
          continue;
        }
        if (s < json.length() && (Character.isDigit(json.charAt(s)) || json.charAt(s) == '-')) {
          int e = s;
          while (e < json.length() && "0123456789.-+eE".indexOf(json.charAt(e)) >= 0) {
            e++;
          }
          spans.add(new int[] {s, e});
          i = e;
          continue;
        }
      }
      i++;
    }
    return spans;
  }

  @Property(tries = 30)
  void deeplyNestedJsonIsRejectedNotAStackOverflow(
      @ForAll @IntRange(min = 1, max = 200_000) int depth,
      @ForAll @IntRange(min = 0, max = 4) int which) {
    Case c = cases().get(which);
    String nested = "[".repeat(depth) + "]".repeat(depth);
    String inField =
        c.valid().replaceFirst("\"purpose_tags\":\\[", "\"purpose_tags\":[" + nested + ",");
    ParsedLine whole = parseChecked(c.parser(), nested);
    assertThat(whole.isAccepted()).isFalse();
    ParsedLine wrapped = parseChecked(c.parser(), "{\"corporate_number\":" + nested + "}");
    assertThat(wrapped.isAccepted()).isFalse();
    if (!inField.equals(c.valid())) {
      assertThat(parseChecked(c.parser(), inField).isAccepted()).isFalse();
    }
  }

  @Property(tries = 100)
  void numbersWithExponentsAreReadExactlyOrRejected(
      @ForAll @IntRange(min = -400, max = 400) int exponent,
      @ForAll @IntRange(min = 1, max = 999) int mantissa,
      @ForAll @IntRange(min = 0, max = 4) int which) {
    Case c = cases().get(which);
    String number = mantissa + "e" + exponent;
    for (String field :
        List.of(
            "capital_stock",
            "employee_number",
            "requested_amount_yen",
            "capital_yen",
            "employees",
            "corporate_number",
            "event_id")) {
      String line =
          c.valid()
              .replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+)", "\"" + field + "\":" + number);
      ParsedLine p = parseChecked(c.parser(), line);
      boolean amount = !field.equals("corporate_number") && !field.equals("event_id");
      if (amount && !line.equals(c.valid()) && p.isAccepted()) {
        // an exponent is accepted only when it denotes a plausible whole number
        java.math.BigDecimal v = new java.math.BigDecimal(number);
        assertThat(v.stripTrailingZeros().scale()).as(line).isLessThanOrEqualTo(0);
        assertThat(v.compareTo(java.math.BigDecimal.valueOf(FieldChecks.ABSURD_CAPITAL_YEN)))
            .as(line)
            .isLessThanOrEqualTo(0);
      }
    }
  }

  @Property(tries = 200)
  void impossibleWarekiDatesAreQuarantinedWithADateReason(
      @ForAll("impossibleDates") String date, @ForAll @IntRange(min = 0, max = 4) int which) {
    Case c = cases().get(which);
    String line;
    if (c.parser() instanceof LegacyParser) {
      line = c.valid().replace("令和元年5月1日", date);
    } else if (c.parser() instanceof RegistryParser) {
      line = c.valid().replace("2024-05-01", date);
    } else {
      line =
          c.valid()
              .replaceFirst(
                  "\"(submitted_at|update_date|at)\":\"[^\"]*\"", "\"$1\":\"" + date + "\"");
    }
    ParsedLine p = parseChecked(c.parser(), line);
    assertThat(p.isAccepted()).as(line).isFalse();
    assertThat(p.reasons()).extracting(Reason::code).containsAnyOf("DATE_INVALID", "DATE_ERA_YEAR");
  }

  @Provide
  Arbitrary<String> impossibleDates() {
    Arbitrary<String> eraZero =
        Combinators.combine(
                Arbitraries.of("令和", "平成", "昭和", "大正", "明治"),
                Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 28))
            .as((era, m, d) -> era + "0年" + m + "月" + d + "日");
    Arbitrary<String> dayOverflow =
        Combinators.combine(
                Arbitraries.of("令和6年", "令和5年", "平成30年", "2024年", "2023年"),
                Arbitraries.of(
                    "2月30日", "2月31日", "4月31日", "6月31日", "9月31日", "11月31日", "13月1日", "0月1日", "1月0日",
                    "1月32日"))
            .as((y, md) -> y + md);
    Arbitrary<String> isoOverflow =
        Arbitraries.of("2023-02-29", "2024-02-30", "2024-04-31", "2024-00-10", "2024-12-32");
    return Arbitraries.oneOf(eraZero, dayOverflow, isoOverflow);
  }

  @Property(tries = 300)
  void aControlCharacterNeverReachesAnAcceptedRecord(
      @ForAll @IntRange(min = 0, max = 0x1F) int control,
      @ForAll @IntRange(min = 0, max = 40) int field,
      @ForAll @IntRange(min = 0, max = 4) int which) {
    Case c = cases().get(which);
    if (control == '\t' || control == '\n') {
      return;
    }
    String line = replaceField(c, field, "株式会社" + (char) control + "サンプル");
    ParsedLine p = parseChecked(c.parser(), line);
    if (p.isAccepted()) {
      for (Object v : p.record()) {
        if (v instanceof String s) {
          assertThat(FieldChecks.controlCharacterAt(s)).as(line).isEqualTo(-1);
        }
      }
    } else if (c.parser() instanceof RegistryParser || c.parser() instanceof LegacyParser) {
      assertThat(p.reasons()).extracting(Reason::code).contains("FIELD_INVALID");
    }
  }

  @Property(tries = 200)
  void csvRoundTripsQuotedFields(@ForAll("csvFields") List<@StringLength(max = 30) String> fields) {
    String line =
        String.join(",", fields.stream().map(HostileLinesPropertiesTest::quoteCsv).toList());
    assertThat(CsvLine.split(line)).isEqualTo(fields);
  }

  @Provide
  Arbitrary<List<String>> csvFields() {
    return Arbitraries.strings()
        .withChars("ab,\"\t あ\u0000\r")
        .ofMaxLength(20)
        .list()
        .ofMinSize(1)
        .ofMaxSize(35);
  }
}
