package org.policyreach.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.DomainException;
import org.policyreach.core.JapaneseNumbers;
import org.policyreach.core.WarekiDate;

/** The small building blocks: JSON escaping, CSV quoting and the fault values. */
class WritersTest {
  private final SplittableRandom rng = new SplittableRandom(1);

  @Test
  void jsonStringsAreEscaped() throws Exception {
    StringBuilder sb = new StringBuilder("{");
    Json.str(Json.key(sb, "a", true), "引用\"と\\と\n改行\u0001");
    sb.append('}');
    assertThat(new ObjectMapper().readTree(sb.toString()).get("a").asText())
        .isEqualTo("引用\"と\\と\n改行\u0001");
  }

  @Test
  void csvQuotesTextColumnsAndFieldsWithCommas() {
    String line =
        Csv.join(new String[] {"1", "株式会社\"A\"", "", "1,000"}, new boolean[] {false, true, true});
    assertThat(line).isEqualTo("1,\"株式会社\"\"A\"\"\",,\"1,000\"");
    assertThat(TestData.csvFields(line)).containsExactly("1", "株式会社\"A\"", "", "1,000");
  }

  @Test
  void aBadCheckDigitIsNeverTheRightOne() {
    String valid = "4010401098455";
    for (int i = 0; i < 200; i++) {
      String bad = FaultInjector.badCheckDigit(valid, rng);
      assertThat(bad).hasSize(13).isNotEqualTo(valid).endsWith(valid.substring(1));
      assertThat(bad.charAt(0)).isBetween('1', '9');
      try {
        CorporateNumber.parse(bad);
        throw new AssertionError("accepted " + bad);
      } catch (DomainException e) {
        assertThat(e.code()).isEqualTo("CN_CHECK_DIGIT");
      }
    }
  }

  @Test
  void impossibleDatesNeverParse() {
    for (int i = 0; i < 100; i++) {
      String form = FaultInjector.impossibleFormDate(java.time.LocalDate.of(2024, 5, 1), rng);
      assertThat(WarekiDate.tryParse(form)).as(form).isEmpty();
      String iso = FaultInjector.impossibleIsoDate(java.time.LocalDate.of(2025, 5, 1), rng);
      assertThat(iso)
          .satisfies(
              s -> {
                try {
                  java.time.LocalDate.parse(s);
                  throw new AssertionError("parsed " + s);
                } catch (java.time.format.DateTimeParseException expected) {
                  // impossible, as intended
                }
              });
    }
  }

  @Test
  void legacyFormValuesParseWithTheCoreReaders() {
    for (int i = 0; i < 300; i++) {
      java.time.LocalDate d = java.time.LocalDate.of(2023, 10, 1).plusDays(i * 3L);
      String form = LegacyWriter.formDate(d, rng);
      assertThat(WarekiDate.parse(form).date()).as(form).isEqualTo(d);
      String amount = LegacyWriter.amount(12_340_000L + i * 1000L, rng);
      assertThat(JapaneseNumbers.parseLong(amount)).as(amount).contains(12_340_000L + i * 1000L);
      String cn = LegacyWriter.corporateNumber("4010401098455", rng);
      assertThat(CorporateNumber.parse(cn).value()).as(cn).isEqualTo("4010401098455");
    }
  }

  @Test
  void mojibakeIsDetectableAndStaysEncodableInCp932() {
    for (String s : List.of("株式会社山田製作所", "老朽化した加工機を更新し、生産性を高めたい。")) {
      String utf8 = FaultInjector.mojibake(s, false, rng);
      String cp932 = FaultInjector.mojibake(s, true, rng);
      assertThat(Text.looksGarbled(utf8)).as(utf8).isTrue();
      assertThat(Text.looksGarbled(cp932)).as(cp932).isTrue();
      assertThat(Text.encodes(cp932, Text.CP932)).isTrue();
    }
  }

  @Test
  void truncatedJsonNeverParses() {
    String line = "{\"a\":\"日本語のテキスト\",\"b\":[1,2,3],\"c\":{\"d\":null}}";
    for (int i = 0; i < 100; i++) {
      String cut = FaultInjector.truncateJson(line, rng);
      assertThat(cut).isNotEqualTo(line);
      try {
        new ObjectMapper().readTree(cut);
        throw new AssertionError("parsed " + cut);
      } catch (com.fasterxml.jackson.core.JsonProcessingException expected) {
        // malformed, as intended
      }
    }
  }

  @Test
  void applicationIdsAreUnique() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int f = 0; f < 20_000; f += 7) {
      for (int k = 0; k < 100; k += 9) {
        assertThat(ids.add(ApplicationPlanner.applicationId(f, k, 2025, false).substring(7)))
            .isTrue();
      }
    }
  }
}
