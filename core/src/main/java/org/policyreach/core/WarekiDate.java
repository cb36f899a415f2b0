package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Japanese-era (和暦) dates as written on forms, 明治 to 令和.
 *
 * <p>Accepted: {@code 令和6年4月1日}, {@code 令和元年5月1日}, {@code R6.4.1}, {@code H31.4.30}, {@code
 * R6/4/1}, {@code R6年4月1日}, {@code 2024/04/01}, {@code 2024-04-01}, {@code 2024.4.1}, {@code
 * 2024年4月1日}, {@code 20240401}; full-width digits and spaces anywhere.
 *
 * <p>Rejected: an unrecognised shape or impossible calendar date ({@code DATE_INVALID}, for example
 * 2月30日); year 0 or a date before its era began ({@code DATE_ERA_YEAR}, for example 令和0年, 令和元年4月1日
 * — 令和 began 2019-05-01).
 *
 * <p>A date written in an era after that era ended — 平成32年 on a pre-printed form means 2020 — is
 * converted and reported with {@link Parsed#eraOverflow()} true, not lost.
 */
public final class WarekiDate {
  private WarekiDate() {}

  /** The eras with the first day each was in civil use. */
  public enum Era {
    MEIJI("明治", 'M', LocalDate.of(1868, 1, 25)),
    TAISHO("大正", 'T', LocalDate.of(1912, 7, 30)),
    SHOWA("昭和", 'S', LocalDate.of(1926, 12, 25)),
    HEISEI("平成", 'H', LocalDate.of(1989, 1, 8)),
    REIWA("令和", 'R', LocalDate.of(2019, 5, 1));

    private final String nameJa;
    private final char letter;
    private final LocalDate start;

    Era(String nameJa, char letter, LocalDate start) {
      this.nameJa = nameJa;
      this.letter = letter;
      this.start = start;
    }

    public String nameJa() {
      return nameJa;
    }

    public char letter() {
      return letter;
    }

    public LocalDate start() {
      return start;
    }

    /** Last day of the era, empty for the current one. */
    public Optional<LocalDate> end() {
      int next = ordinal() + 1;
      return next < values().length
          ? Optional.of(values()[next].start.minusDays(1))
          : Optional.empty();
    }

    /** The Western year of this era's year {@code eraYear} (1 = 元年). */
    public int westernYear(int eraYear) {
      return start.getYear() + eraYear - 1;
    }

    /** The era of a date; empty before 明治 began (1868-01-25). */
    public static Optional<Era> of(LocalDate date) {
      requireNonNull(date, "date is null");
      Era[] all = values();
      for (int i = all.length - 1; i >= 0; i--) {
        if (!date.isBefore(all[i].start)) {
          return Optional.of(all[i]);
        }
      }
      return Optional.empty();
    }

    static Era parse(String s) {
      for (Era e : values()) {
        if (e.nameJa.equals(s)
            || (s.length() == 1 && Character.toUpperCase(s.charAt(0)) == e.letter)) {
          return e;
        }
      }
      throw new IllegalStateException("pattern admitted unknown era " + s);
    }
  }

  /**
   * A parse result: the date, whether it was written in an era after that era ended, and the
   * original text.
   */
  public record Parsed(LocalDate date, boolean eraOverflow, String original) {
    public Parsed {
      requireNonNull(date, "date is null");
      requireNonNull(original, "original is null");
    }
  }

  private static final String ERA = "(明治|大正|昭和|平成|令和|[MTSHRmtshr])";
  private static final Pattern ERA_KANJI =
      Pattern.compile(ERA + "(元|\\d{1,3})年(\\d{1,2})月(\\d{1,2})日");
  private static final Pattern ERA_SHORT =
      Pattern.compile(ERA + "(元|\\d{1,3})[./\\-](\\d{1,2})[./\\-](\\d{1,2})");
  private static final Pattern WESTERN =
      Pattern.compile("(\\d{4})(?:[./\\-](\\d{1,2})[./\\-](\\d{1,2})|年(\\d{1,2})月(\\d{1,2})日)");
  private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

  /**
   * Parses a wareki or Western date.
   *
   * @throws DomainException {@code DATE_INVALID} or {@code DATE_ERA_YEAR}
   */
  public static Parsed parse(String text) {
    String original = text;
    String s = JapaneseText.nfkc(text);
    if (s == null || s.isBlank()) {
      throw new DomainException(
          "DATE_INVALID",
          "Date is empty (input "
              + JapaneseText.quote(text)
              + "): write it like 令和6年4月1日,"
              + " R6.4.1 or 2024-04-01");
    }
    s = s.replaceAll("\\s+", "");
    Matcher m = ERA_KANJI.matcher(s);
    if (!m.matches()) {
      m = ERA_SHORT.matcher(s);
    }
    if (m.matches()) {
      return eraDate(original, Era.parse(m.group(1)), m.group(2), m.group(3), m.group(4));
    }
    m = WESTERN.matcher(s);
    if (m.matches()) {
      String month = m.group(2) != null ? m.group(2) : m.group(4);
      String day = m.group(3) != null ? m.group(3) : m.group(5);
      return new Parsed(calendarDate(original, parseInt(m.group(1)), month, day), false, original);
    }
    m = COMPACT.matcher(s);
    if (m.matches()) {
      return new Parsed(
          calendarDate(original, parseInt(m.group(1)), m.group(2), m.group(3)), false, original);
    }
    throw new DomainException(
        "DATE_INVALID",
        "Unrecognised date "
            + JapaneseText.quote(text)
            + ": write it like 令和6年4月1日, 令和元年5月1日, R6.4.1, 2024/04/01 or 2024-04-01");
  }

  /** Like {@link #parse} but empty instead of an exception. */
  public static Optional<Parsed> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (DomainException e) {
      return Optional.empty();
    }
  }

  private static Parsed eraDate(String original, Era era, String year, String month, String day) {
    int eraYear = year.equals("元") ? 1 : parseInt(year);
    if (eraYear < 1) {
      throw new DomainException(
          "DATE_ERA_YEAR",
          "Date "
              + JapaneseText.quote(original)
              + " has "
              + era.nameJa()
              + eraYear
              + "年: era years start at 1 (元年); check the year");
    }
    LocalDate date = calendarDate(original, era.westernYear(eraYear), month, day);
    if (date.isBefore(era.start())) {
      throw new DomainException(
          "DATE_ERA_YEAR",
          "Date "
              + JapaneseText.quote(original)
              + " ("
              + date
              + ") is before "
              + era.nameJa()
              + " began on "
              + era.start()
              + ": check the era, year or month");
    }
    boolean overflow = era.end().map(date::isAfter).orElse(false);
    return new Parsed(date, overflow, original);
  }

  private static LocalDate calendarDate(String original, int year, String month, String day) {
    try {
      return LocalDate.of(year, parseInt(month), parseInt(day));
    } catch (DateTimeException e) {
      throw new DomainException(
          "DATE_INVALID",
          "Impossible date "
              + JapaneseText.quote(original)
              + " (year "
              + year
              + ", month "
              + month
              + ", day "
              + day
              + "): "
              + e.getMessage()
              + "; check the month and day",
          e);
    }
  }

  private static int parseInt(String digits) {
    return Integer.parseInt(digits);
  }

  /**
   * {@code 令和6年4月1日}; year 1 is written 元年 ({@code 令和元年5月1日}).
   *
   * @throws DomainException {@code DATE_ERA_YEAR} for a date before 明治 (1868-01-25)
   */
  public static String format(LocalDate date) {
    Era era = eraOf(date);
    int y = date.getYear() - era.start().getYear() + 1;
    return era.nameJa()
        + (y == 1 ? "元" : Integer.toString(y))
        + "年"
        + date.getMonthValue()
        + "月"
        + date.getDayOfMonth()
        + "日";
  }

  /**
   * {@code R6.4.1} (year 1 is {@code R1}).
   *
   * @throws DomainException {@code DATE_ERA_YEAR} for a date before 明治 (1868-01-25)
   */
  public static String formatShort(LocalDate date) {
    Era era = eraOf(date);
    int y = date.getYear() - era.start().getYear() + 1;
    return String.format(
        Locale.ROOT, "%c%d.%d.%d", era.letter(), y, date.getMonthValue(), date.getDayOfMonth());
  }

  private static Era eraOf(LocalDate date) {
    return Era.of(date)
        .orElseThrow(
            () ->
                new DomainException(
                    "DATE_ERA_YEAR",
                    "Cannot write "
                        + date
                        + " in a Japanese era: 明治 began "
                        + Era.MEIJI.start()
                        + "; use the Western date"));
  }
}
