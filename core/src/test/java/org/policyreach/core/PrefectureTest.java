package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefectureTest {

  @Test
  void fortySevenInCodeOrder() {
    assertThat(Prefecture.values()).hasSize(47);
    for (int i = 0; i < 47; i++) {
      Prefecture p = Prefecture.values()[i];
      assertThat(p.code()).isEqualTo(String.format("%02d", i + 1));
      assertThat(Prefecture.ofCode(p.code())).isSameAs(p);
      assertThat(Prefecture.byName(p.nameJa())).contains(p);
      assertThat(Prefecture.byName(p.shortNameJa())).contains(p);
      assertThat(Prefecture.byName(p.nameEn())).contains(p);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "東京都, 13",
    "東京, 13",
    "北海道, 01",
    "大阪府, 27",
    "大阪, 27",
    "京都府, 26",
    "京都, 26",
    "神奈川県, 14",
    "神奈川, 14",
    "沖縄, 47",
    "' 鹿児島県 ', 46",
    "tokyo, 13",
    "OSAKA, 27"
  })
  void byNameWithOrWithoutSuffix(String name, String code) {
    assertThat(Prefecture.byName(name)).contains(Prefecture.ofCode(code));
    assertThat(Prefecture.parse(name).code()).isEqualTo(code);
  }

  @Test
  void hokkaidoKeepsItsWholeName() {
    assertThat(Prefecture.HOKKAIDO.shortNameJa()).isEqualTo("北海道");
    assertThat(Prefecture.TOKYO.shortNameJa()).isEqualTo("東京");
    assertThat(Prefecture.byName("北海")).contains(Prefecture.HOKKAIDO);
  }

  @Test
  void codesAcceptOneDigitAndFullWidth() {
    assertThat(Prefecture.ofCode("1")).isSameAs(Prefecture.HOKKAIDO);
    assertThat(Prefecture.ofCode("１３")).isSameAs(Prefecture.TOKYO);
    assertThat(Prefecture.parse("47")).isSameAs(Prefecture.OKINAWA);
  }

  @Test
  void unknownsAreRejectedWithTheFix() {
    assertThat(Prefecture.byName("東京府")).isEmpty();
    assertThat(Prefecture.byName("")).isEmpty();
    assertThat(Prefecture.byName(null)).isEmpty();
    assertThatThrownBy(() -> Prefecture.ofCode("48"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("PREFECTURE_UNKNOWN"))
        .hasMessageContaining("'48'")
        .hasMessageContaining("01 (北海道) .. 47 (沖縄県)");
    assertThatThrownBy(() -> Prefecture.ofCode("00")).isInstanceOf(DomainException.class);
    assertThatThrownBy(() -> Prefecture.parse("江戸"))
        .hasMessageContaining("'江戸'")
        .hasMessageContaining("東京都");
  }
}
