package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WarekiDateTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "令和6年4月1日, 2024-04-01",
    "令和元年5月1日, 2019-05-01",
    "令和1年5月1日, 2019-05-01",
    "R6.4.1, 2024-04-01",
    "r6.4.1, 2024-04-01",
    "R1.5.1, 2019-05-01",
    "R元.5.1, 2019-05-01",
    "R6/4/1, 2024-04-01",
    "R6年4月1日, 2024-04-01",
    "H31.4.30, 2019-04-30",
    "平成31年4月30日, 2019-04-30",
    "平成元年1月8日, 1989-01-08",
    "S64.1.7, 1989-01-07",
    "昭和64年1月7日, 1989-01-07",
    "昭和元年12月25日, 1926-12-25",
    "大正15年12月24日, 1926-12-24",
    "大正元年7月30日, 1912-07-30",
    "明治45年7月29日, 1912-07-29",
    "明治元年1月25日, 1868-01-25",
    "2024/04/01, 2024-04-01",
    "2024-04-01, 2024-04-01",
    "2024.4.1, 2024-04-01",
    "2024年4月1日, 2024-04-01",
    "20240401, 2024-04-01",
    "令和６年４月１日, 2024-04-01",
    "Ｒ６．４．１, 2024-04-01",
    "２０２４／０４／０１, 2024-04-01",
    "' 令和 6年 4月 1日 ', 2024-04-01",
  })
  void parses(String text, LocalDate expected) {
    WarekiDate.Parsed p = WarekiDate.parse(text);
    assertThat(p.date()).isEqualTo(expected);
    assertThat(p.eraOverflow()).isFalse();
    assertThat(p.original()).isEqualTo(text);
  }

  @Test
  void eraBoundaries() {
    assertThat(WarekiDate.format(LocalDate.of(1989, 1, 7))).isEqualTo("昭和64年1月7日");
    assertThat(WarekiDate.format(LocalDate.of(1989, 1, 8))).isEqualTo("平成元年1月8日");
    assertThat(WarekiDate.format(LocalDate.of(2019, 4, 30))).isEqualTo("平成31年4月30日");
    assertThat(WarekiDate.format(LocalDate.of(2019, 5, 1))).isEqualTo("令和元年5月1日");
    assertThat(WarekiDate.formatShort(LocalDate.of(1989, 1, 7))).isEqualTo("S64.1.7");
    assertThat(WarekiDate.formatShort(LocalDate.of(1989, 1, 8))).isEqualTo("H1.1.8");
    assertThat(WarekiDate.formatShort(LocalDate.of(2019, 4, 30))).isEqualTo("H31.4.30");
    assertThat(WarekiDate.formatShort(LocalDate.of(2019, 5, 1))).isEqualTo("R1.5.1");
    assertThat(WarekiDate.formatShort(LocalDate.of(2024, 4, 1))).isEqualTo("R6.4.1");
    assertThat(WarekiDate.format(LocalDate.of(2024, 4, 1))).isEqualTo("令和6年4月1日");
    assertThat(WarekiDate.Era.HEISEI.end()).contains(LocalDate.of(2019, 4, 30));
    assertThat(WarekiDate.Era.REIWA.end()).isEmpty();
  }

  @Test
  void yearPastTheEraEndConvertsAndIsFlagged() {
    WarekiDate.Parsed p = WarekiDate.parse("平成32年3月31日");
    assertThat(p.date()).isEqualTo(LocalDate.of(2020, 3, 31));
    assertThat(p.eraOverflow()).isTrue();
    assertThat(WarekiDate.parse("H31.5.1").eraOverflow()).isTrue();
    assertThat(WarekiDate.parse("H31.5.1").date()).isEqualTo(LocalDate.of(2019, 5, 1));
    assertThat(WarekiDate.parse("昭和64年1月8日").eraOverflow()).isTrue();
    assertThat(WarekiDate.parse("平成31年4月30日").eraOverflow()).isFalse();
  }

  @Test
  void yearZeroIsRejected() {
    assertThatThrownBy(() -> WarekiDate.parse("令和0年5月1日"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("DATE_ERA_YEAR"))
        .hasMessageContaining("'令和0年5月1日'")
        .hasMessageContaining("era years start at 1 (元年)");
    assertThatThrownBy(() -> WarekiDate.parse("R0.5.1"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("DATE_ERA_YEAR"));
  }

  @Test
  void aDateBeforeTheEraBeganIsRejected() {
    assertThatThrownBy(() -> WarekiDate.parse("令和1年4月1日"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("DATE_ERA_YEAR"))
        .hasMessageContaining("(2019-04-01) is before 令和 began on 2019-05-01");
    assertThatThrownBy(() -> WarekiDate.parse("平成元年1月7日"))
        .hasMessageContaining("before 平成 began on 1989-01-08");
    assertThatThrownBy(() -> WarekiDate.parse("明治元年1月1日"))
        .hasMessageContaining("before 明治 began on 1868-01-25");
  }

  @ParameterizedTest
  @ValueSource(strings = {"令和6年2月30日", "R6.2.30", "2023/02/29", "令和6年13月1日", "2024-04-31"})
  void impossibleCalendarDatesAreRejected(String text) {
    assertThatThrownBy(() -> WarekiDate.parse(text))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("DATE_INVALID"))
        .hasMessageContaining("Impossible date '" + text + "'")
        .hasMessageContaining("check the month and day");
  }

  @Test
  void leapDayOfALeapYearIsFine() {
    assertThat(WarekiDate.parse("令和6年2月29日").date()).isEqualTo(LocalDate.of(2024, 2, 29));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "令和六年四月一日", "X6.4.1", "2024/4", "昨日", "令和6年4月1"})
  void unrecognisedShapesAreRejected(String text) {
    assertThatThrownBy(() -> WarekiDate.parse(text))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("DATE_INVALID"))
        .hasMessageContaining("令和6年4月1日");
    assertThat(WarekiDate.tryParse(text)).isEmpty();
  }

  @Test
  void formatBeforeMeijiIsRejected() {
    assertThatThrownBy(() -> WarekiDate.format(LocalDate.of(1868, 1, 24)))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("DATE_ERA_YEAR"))
        .hasMessageContaining("1868-01-24");
  }

  @Property
  void formatAndShortFormRoundTrip(@ForAll @IntRange(min = -45_000, max = 60_000) int dayOffset) {
    LocalDate date = LocalDate.of(1900, 1, 1).plusDays(dayOffset + 45_000L);
    if (date.isBefore(WarekiDate.Era.MEIJI.start())) {
      return;
    }
    WarekiDate.Parsed kanji = WarekiDate.parse(WarekiDate.format(date));
    WarekiDate.Parsed shortForm = WarekiDate.parse(WarekiDate.formatShort(date));
    assertThat(kanji.date()).isEqualTo(date);
    assertThat(shortForm.date()).isEqualTo(date);
    assertThat(kanji.eraOverflow()).isFalse();
    assertThat(shortForm.eraOverflow()).isFalse();
  }
}
