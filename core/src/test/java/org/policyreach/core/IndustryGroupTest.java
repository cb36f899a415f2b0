package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IndustryGroupTest {

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "E, 09, MANUFACTURING_AND_OTHER",
    "E, 191, MANUFACTURING_AND_OTHER",
    "E, 192, RUBBER_PRODUCTS",
    "E, 199, RUBBER_PRODUCTS",
    "E, 1932, RUBBER_PRODUCTS",
    "E, 1931, MANUFACTURING_AND_OTHER",
    "D, 06, MANUFACTURING_AND_OTHER",
    "H, 44, MANUFACTURING_AND_OTHER",
    "I, 50, WHOLESALE",
    "I, 55, WHOLESALE",
    "I, 56, RETAIL",
    "I, 61, RETAIL",
    "G, 37, MANUFACTURING_AND_OTHER",
    "G, 38, SERVICES",
    "G, 39, SOFTWARE_IT",
    "G, 391, SOFTWARE_IT",
    "G, 40, MANUFACTURING_AND_OTHER",
    "G, 411, SERVICES",
    "G, 413, MANUFACTURING_AND_OTHER",
    "G, 414, MANUFACTURING_AND_OTHER",
    "K, 68, MANUFACTURING_AND_OTHER",
    "K, 691, MANUFACTURING_AND_OTHER",
    "K, 693, SERVICES",
    "K, 70, SERVICES",
    "L, 72, SERVICES",
    "M, 759, ACCOMMODATION_ENTERTAINMENT",
    "M, 751, RYOKAN",
    "M, 752, ACCOMMODATION_ENTERTAINMENT",
    "M, 76, RETAIL",
    "M, 77, RETAIL",
    "N, 78, SERVICES",
    "N, 791, MANUFACTURING_AND_OTHER",
    "N, 792, SERVICES",
    "N, 80, ACCOMMODATION_ENTERTAINMENT",
    "O, 81, SERVICES",
    "P, 85, SERVICES",
    "Q, 86, SERVICES",
    "R, 92, SERVICES",
    "J, 62, MANUFACTURING_AND_OTHER",
    "S, 97, MANUFACTURING_AND_OTHER",
  })
  void mapsPreciseCodes(String division, String code, IndustryGroup expected) {
    Jsic j = Jsic.ofLetter(division);
    assertThat(IndustryGroup.candidates(j, code)).containsExactly(expected);
    assertThat(IndustryGroup.of(j, code)).isSameAs(expected);
  }

  @ParameterizedTest(name = "{0} without a precise code -> {1}")
  @CsvSource({
    "A, MANUFACTURING_AND_OTHER",
    "D, MANUFACTURING_AND_OTHER",
    "E, MANUFACTURING_AND_OTHER",
    "I, RETAIL",
    "G, SERVICES",
    "K, SERVICES",
    "M, RETAIL",
    "N, SERVICES",
    "L, SERVICES",
    "R, SERVICES",
  })
  void ambiguousDivisionsUseTheStrictestRow(String division, IndustryGroup expected) {
    assertThat(IndustryGroup.of(Jsic.ofLetter(division), null)).isSameAs(expected);
  }

  @Test
  void theStrictestCandidateIsAtOrBelowEveryOtherOnEveryAxis() {
    for (Jsic j : Jsic.values()) {
      for (String code : new String[] {null, "19", "41", "69", "75", "79", "193"}) {
        if (code != null && !j.contains(code)) {
          continue;
        }
        IndustryGroup strict = IndustryGroup.of(j, code);
        for (IndustryGroup other : IndustryGroup.candidates(j, code)) {
          assertThat(strict.capitalLimitYen()).isLessThanOrEqualTo(other.capitalLimitYen());
          assertThat(strict.employeeLimit()).isLessThanOrEqualTo(other.employeeLimit());
          assertThat(strict.smallScaleEmployeeLimit())
              .isLessThanOrEqualTo(other.smallScaleEmployeeLimit());
        }
      }
    }
  }

  @Test
  void splitMajorsListEveryRowTheyCouldBe() {
    assertThat(IndustryGroup.candidates(Jsic.M, "75"))
        .containsExactlyInAnyOrder(IndustryGroup.ACCOMMODATION_ENTERTAINMENT, IndustryGroup.RYOKAN);
    assertThat(IndustryGroup.of(Jsic.M, "75")).isSameAs(IndustryGroup.ACCOMMODATION_ENTERTAINMENT);
    assertThat(IndustryGroup.of(Jsic.E, "19")).isSameAs(IndustryGroup.MANUFACTURING_AND_OTHER);
    assertThat(IndustryGroup.candidates(Jsic.E, "19"))
        .containsExactlyInAnyOrder(
            IndustryGroup.MANUFACTURING_AND_OTHER, IndustryGroup.RUBBER_PRODUCTS);
    assertThat(IndustryGroup.of(Jsic.G, "41")).isSameAs(IndustryGroup.SERVICES);
    assertThat(IndustryGroup.of(Jsic.N, "79")).isSameAs(IndustryGroup.SERVICES);
  }

  @Test
  void candidatesOfAnUnknownIndustryAreEveryRow() {
    assertThat(IndustryGroup.candidates(null, null))
        .containsExactlyInAnyOrder(IndustryGroup.values());
    assertThat(IndustryGroup.candidates(Jsic.I, null))
        .isEqualTo(Set.of(IndustryGroup.WHOLESALE, IndustryGroup.RETAIL));
  }

  @Test
  void thresholdsFollowTheAct() {
    assertThat(IndustryGroup.MANUFACTURING_AND_OTHER.capitalLimitYen()).isEqualTo(300_000_000L);
    assertThat(IndustryGroup.RUBBER_PRODUCTS.employeeLimit()).isEqualTo(900);
    assertThat(IndustryGroup.SOFTWARE_IT.employeeLimit()).isEqualTo(300);
    assertThat(IndustryGroup.RYOKAN.employeeLimit()).isEqualTo(200);
    assertThat(IndustryGroup.RYOKAN.capitalLimitYen()).isEqualTo(50_000_000L);
    assertThat(IndustryGroup.ACCOMMODATION_ENTERTAINMENT.smallScaleEmployeeLimit()).isEqualTo(20);
    assertThat(IndustryGroup.SERVICES.smallScaleEmployeeLimit()).isEqualTo(5);
  }

  @Test
  void aCodeOutsideTheDivisionIsRejected() {
    assertThatThrownBy(() -> IndustryGroup.of(Jsic.I, "09"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("JSIC_CODE_INVALID"))
        .hasMessageContaining("'09' is not in division I")
        .hasMessageContaining("50..61");
    assertThatThrownBy(() -> IndustryGroup.of(Jsic.E, "x1"))
        .hasMessageContaining("Invalid JSIC code 'x1'");
  }
}
