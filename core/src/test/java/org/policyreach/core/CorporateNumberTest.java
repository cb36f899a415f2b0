package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CorporateNumberTest {

  @ParameterizedTest
  @ValueSource(strings = {"7123456789012", "4011001098993", "1180301018771", "4010401098455"})
  void publishedExamplesAreValid(String number) {
    assertThat(CorporateNumber.parse(number).value()).isEqualTo(number);
    assertThat(CorporateNumber.checkDigit(number.substring(1))).isEqualTo(number.charAt(0) - '0');
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4-0104-0109-8455",
        "4 0104 0109 8455",
        "４０１０４０１０９８４５５",
        "４－０１０４－０１０９－８４５５",
        "  4010401098455\t",
        "4\u30000104\u30000109\u30008455",
        "4‐0104‐0109‐8455",
        "4ー0104ー0109ー8455"
      })
  void parsesWhatPeopleType(String raw) {
    assertThat(CorporateNumber.parse(raw).value()).isEqualTo("4010401098455");
    assertThat(CorporateNumber.normalize(raw)).isEqualTo("4010401098455");
  }

  @Test
  void rejectsEmpty() {
    for (String raw : new String[] {null, "", "  ", "--"}) {
      assertThatThrownBy(() -> CorporateNumber.parse(raw))
          .isInstanceOfSatisfying(
              DomainException.class, e -> assertThat(e.code()).isEqualTo("CN_EMPTY"))
          .hasMessageContaining("empty");
    }
  }

  @Test
  void rejectsWrongLengthNamingTheCount() {
    assertThatThrownBy(() -> CorporateNumber.parse("401040109845"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("CN_LENGTH"))
        .hasMessageContaining("'401040109845'")
        .hasMessageContaining("has 12 digits, expected 13");
    assertThatThrownBy(() -> CorporateNumber.parse("40104010984550"))
        .hasMessageContaining("has 14 digits");
  }

  @Test
  void rejectsNonDigitNamingCharacterAndPosition() {
    assertThatThrownBy(() -> CorporateNumber.parse("40104O1098455"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("CN_NON_DIGIT"))
        .hasMessageContaining("'O' at position 6");
  }

  @Test
  void rejectsWrongCheckDigitWithExpectedAndActual() {
    assertThatThrownBy(() -> CorporateNumber.parse("5010401098455"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("CN_CHECK_DIGIT"))
        .hasMessageContaining("expected 4, got 5");
    assertThat(CorporateNumber.tryParse("5010401098455")).isEmpty();
    assertThat(CorporateNumber.isValid("4010401098455")).isTrue();
  }

  @Test
  void checkDigitRejectsMalformedBase() {
    assertThatThrownBy(() -> CorporateNumber.checkDigit("12345"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("CN_LENGTH"));
    assertThatThrownBy(() -> CorporateNumber.checkDigit("12345678901x"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("CN_NON_DIGIT"));
  }

  @Test
  void valueSemantics() {
    CorporateNumber a = CorporateNumber.parse("4010401098455");
    CorporateNumber b = CorporateNumber.parse("4-0104-0109-8455");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).hasToString("4010401098455");
    assertThat(a.check()).isEqualTo(4);
    assertThat(a.base()).isEqualTo("010401098455");
    assertThat(a.compareTo(CorporateNumber.parse("7123456789012"))).isNegative();
  }

  @Provide
  Arbitrary<String> bases() {
    return Arbitraries.strings().numeric().ofLength(12);
  }

  @Property
  void ofBaseAlwaysParsesAndCheckIsOneToNine(@ForAll("bases") String base) {
    CorporateNumber cn = CorporateNumber.ofBase(base);
    assertThat(cn.check()).isBetween(1, 9);
    assertThat(CorporateNumber.parse(cn.value())).isEqualTo(cn);
    assertThat(CorporateNumber.parse(hyphenated(cn.value()))).isEqualTo(cn);
    assertThat(CorporateNumber.parse(fullWidth(cn.value()))).isEqualTo(cn);
  }

  /**
   * Every single-digit change of a valid number is caught except one documented kind: a base digit
   * changed 0 ↔ 9. The weights are 1 and 2, so such a change moves the weighted sum by 9 or 18 — a
   * multiple of 9 — and the check digit cannot see it. Any other change d (1 ≤ |d| ≤ 8) moves it by
   * d or 2d, never a multiple of 9. A changed check digit is always caught because the check digit
   * of a base is unique.
   */
  @Property
  void everySingleDigitChangeIsCaughtExceptZeroNineInTheBase(@ForAll("bases") String base) {
    String valid = CorporateNumber.ofBase(base).value();
    for (int pos = 0; pos < 13; pos++) {
      for (char d = '0'; d <= '9'; d++) {
        char original = valid.charAt(pos);
        if (d == original) {
          continue;
        }
        String changed = valid.substring(0, pos) + d + valid.substring(pos + 1);
        boolean zeroNineSwap = pos > 0 && Math.abs(d - original) == 9;
        assertThat(CorporateNumber.isValid(changed))
            .as("change at %d from %s to %s in %s", pos, original, d, valid)
            .isEqualTo(zeroNineSwap);
      }
    }
  }

  @Test
  void undetectedChangesAreExactlyTheZeroNineSwaps() {
    // 4010401098455 has base digits 0 at several positions and 9 at one: list what slips.
    String valid = "4010401098455";
    List<String> undetected = new ArrayList<>();
    for (int pos = 0; pos < 13; pos++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d == valid.charAt(pos)) {
          continue;
        }
        String changed = valid.substring(0, pos) + d + valid.substring(pos + 1);
        if (CorporateNumber.isValid(changed)) {
          undetected.add(changed);
        }
      }
    }
    assertThat(undetected)
        .containsExactlyInAnyOrder(
            "4910401098455", "4019401098455", "4010491098455", "4010401998455", "4010401008455");
  }

  @Property
  void adjacentTranspositionsOfDistinctDigitsAreCaughtUnlessTheyDifferByNine(
      @ForAll("bases") String base) {
    // Swapping neighbours a,b in the base moves the sum by ±(a−b); caught unless |a−b| = 9.
    String valid = CorporateNumber.ofBase(base).value();
    for (int pos = 1; pos < 12; pos++) {
      char a = valid.charAt(pos);
      char b = valid.charAt(pos + 1);
      if (a == b) {
        continue;
      }
      String swapped = valid.substring(0, pos) + b + a + valid.substring(pos + 2);
      assertThat(CorporateNumber.isValid(swapped)).isEqualTo(Math.abs(a - b) == 9);
    }
  }

  private static String hyphenated(String v) {
    return v.charAt(0) + "-" + v.substring(1, 5) + "-" + v.substring(5, 9) + "-" + v.substring(9);
  }

  private static String fullWidth(String v) {
    StringBuilder sb = new StringBuilder();
    for (char c : v.toCharArray()) {
      sb.append((char) ('０' + (c - '0')));
    }
    return sb.toString();
  }
}
