package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsicTest {

  @Test
  void twentyDivisionsByLetter() {
    assertThat(Jsic.values()).hasSize(20);
    for (Jsic j : Jsic.values()) {
      assertThat(Jsic.ofLetter(j.letter())).isSameAs(j);
      assertThat(Jsic.ofLetter(j.letter().toLowerCase())).isSameAs(j);
      assertThat(Jsic.byName(j.nameJa())).contains(j);
      assertThat(Jsic.parse(j.nameJa())).isSameAs(j);
    }
    assertThat(Jsic.ofLetter("Ｅ")).isSameAs(Jsic.E);
  }

  @ParameterizedTest
  @CsvSource({
    "製造業, E",
    "卸売業, I",
    "小売業, I",
    "情報通信業, G",
    "建設業, D",
    "運輸業, H",
    "サービス業, R",
    "飲食業, M",
    "飲食店, M",
    "宿泊業, M",
    "不動産業, K",
    "医療, P",
    "福祉, P",
    "'卸売業，小売業', I",
    "'卸売業,小売業', I",
    "'宿泊業, 飲食サービス業', M",
    "サービス業（他に分類されないもの）, R",
    "農業, A",
    "林業, A",
    "漁業, B",
    "学術研究, L",
    "生活関連サービス業, N",
    "娯楽業, N",
    "教育, O",
    "Manufacturing, E"
  })
  void byShortAndOfficialNames(String name, String letter) {
    assertThat(Jsic.byName(name)).contains(Jsic.ofLetter(letter));
  }

  @Test
  void majorRangesCoverOneToNinetyNineWithoutGaps() {
    int next = 1;
    for (Jsic j : Jsic.values()) {
      assertThat(j.firstMajor()).as("first major of %s", j).isEqualTo(next);
      next = j.lastMajor() + 1;
    }
    assertThat(next).isEqualTo(100);
    assertThat(Jsic.ofMajor("09")).isSameAs(Jsic.E);
    assertThat(Jsic.ofMajor("32")).isSameAs(Jsic.E);
    assertThat(Jsic.ofMajor("50")).isSameAs(Jsic.I);
    assertThat(Jsic.ofMajor("7511")).isSameAs(Jsic.M);
    assertThat(Jsic.I.contains("56")).isTrue();
    assertThat(Jsic.I.contains("62")).isFalse();
  }

  @Test
  void unknownsAreRejected() {
    assertThat(Jsic.byName("宇宙業")).isEmpty();
    assertThatThrownBy(() -> Jsic.ofLetter("U"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("JSIC_UNKNOWN"))
        .hasMessageContaining("'U'")
        .hasMessageContaining("A..T");
    assertThatThrownBy(() -> Jsic.parse("宇宙業"))
        .hasMessageContaining("'宇宙業'")
        .hasMessageContaining("製造業");
    assertThatThrownBy(() -> Jsic.ofMajor("9"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("JSIC_CODE_INVALID"));
    assertThatThrownBy(() -> Jsic.ofMajor("00")).isInstanceOf(DomainException.class);
    assertThatThrownBy(() -> Jsic.ofMajor("12345")).isInstanceOf(DomainException.class);
  }
}
