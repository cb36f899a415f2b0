package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JapaneseNumbersTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1000000, 1000000",
    "'1,000,000', 1000000",
    "'1,000,000円', 1000000",
    "'１，０００，０００', 1000000",
    "１０００円, 1000",
    "'￥1,500', 1500",
    "'¥1,500円', 1500",
    "' 42 ', 42",
    "0, 0",
    "500万, 5000000",
    "500万円, 5000000",
    "1億, 100000000",
    "'1億2,000万円', 120000000",
    "3億50万, 300500000",
    "1万2345, 12345",
    "-1000, -1000",
    "'−1,000', -1000",
    "'△1,000', -1000",
    "▲500円, -500",
    "9223372036854775807, 9223372036854775807",
  })
  void parses(String text, long expected) {
    assertThat(JapaneseNumbers.parseLong(text)).contains(expected);
  }

  @Test
  void blankIsEmpty() {
    assertThat(JapaneseNumbers.parseLong(null)).isEmpty();
    assertThat(JapaneseNumbers.parseLong("")).isEmpty();
    assertThat(JapaneseNumbers.parseLong("　")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abc",
        "12a",
        "1.5",
        "1,00",
        "10,0000",
        ",100",
        "100,",
        "円",
        "--5",
        "1億2億",
        "5万12345",
        "1億10000万",
        "9223372036854775808",
        "99999999999億",
        "百万",
        "1 000"
      })
  void junkIsRejectedNamingTheInput(String text) {
    assertThatThrownBy(() -> JapaneseNumbers.parseLong(text))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("AMOUNT_INVALID"))
        .hasMessageContaining("Not a number: '" + text + "'")
        .hasMessageContaining("1,000,000円");
  }

  @Test
  void amountsAndCountsRejectNegatives() {
    assertThat(JapaneseNumbers.parseAmountYen("１，０００円")).contains(1000L);
    assertThatThrownBy(() -> JapaneseNumbers.parseAmountYen("△1,000"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("AMOUNT_NEGATIVE"))
        .hasMessageContaining("'△1,000' is negative");
    assertThat(JapaneseNumbers.parseCount("４５人")).contains(45);
    assertThat(JapaneseNumbers.parseCount("12名")).contains(12);
    assertThat(JapaneseNumbers.parseCount(" ")).isEmpty();
    assertThatThrownBy(() -> JapaneseNumbers.parseCount("-3"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("AMOUNT_NEGATIVE"));
    assertThatThrownBy(() -> JapaneseNumbers.parseCount("3000000000"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("AMOUNT_INVALID"));
  }

  @Test
  void nfkcNormalisesWidthAndKeepsNull() {
    assertThat(JapaneseText.nfkc("ＡＢＣ１２３　ｶﾞ")).isEqualTo("ABC123 ガ");
    assertThat(JapaneseText.nfkc(null)).isNull();
    assertThat(JapaneseText.nfkcTrim("　東京　")).isEqualTo("東京");
  }
}
