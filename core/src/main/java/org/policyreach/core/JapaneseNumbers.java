package org.policyreach.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Integers as written on Japanese forms: full-width digits ({@code １，０００，０００}), comma separators in
 * groups of three, a leading {@code ¥}/{@code ￥} or trailing {@code 円}, and the units 億 (10^8) and
 * 万 (10^4) ({@code 1億2,000万円}, {@code 500万}).
 *
 * <p>Negatives are explicit: {@link #parseLong} accepts a leading {@code -}, {@code −}, or the
 * accounting markers {@code △}/{@code ▲} (△1,000 = −1000); {@link #parseAmountYen} and {@link
 * #parseCount} reject any negative with {@code AMOUNT_NEGATIVE}. Anything else — letters, decimals,
 * misplaced commas, overflow — is {@code AMOUNT_INVALID}.
 */
public final class JapaneseNumbers {
  private JapaneseNumbers() {}

  private static final Pattern GROUPED = Pattern.compile("\\d{1,3}(?:,\\d{3})+|\\d+");
  private static final Pattern UNITS = Pattern.compile("(?:([\\d,]+)億)?(?:([\\d,]+)万)?([\\d,]+)?");

  /**
   * Parses a signed integer; empty for null or blank input.
   *
   * @throws DomainException {@code AMOUNT_INVALID}
   */
  public static Optional<Long> parseLong(String text) {
    String s = JapaneseText.nfkc(text);
    if (s == null) {
      return Optional.empty();
    }
    s = s.strip();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    boolean negative = false;
    char first = s.charAt(0);
    if (first == '-' || first == '\u2212' || first == '△' || first == '▲') {
      negative = true;
      s = s.substring(1);
    }
    if (s.startsWith("¥") || s.startsWith("\\")) {
      s = s.substring(1);
    }
    if (s.endsWith("円")) {
      s = s.substring(0, s.length() - 1).strip();
    }
    long value = body(text, s);
    return Optional.of(negative ? -value : value);
  }

  /**
   * A yen amount: like {@link #parseLong} but negative amounts are rejected.
   *
   * @throws DomainException {@code AMOUNT_INVALID} or {@code AMOUNT_NEGATIVE}
   */
  public static Optional<Long> parseAmountYen(String text) {
    Optional<Long> v = parseLong(text);
    if (v.isPresent() && v.get() < 0) {
      throw new DomainException(
          "AMOUNT_NEGATIVE",
          "Amount "
              + JapaneseText.quote(text)
              + " is negative: an amount in yen must be 0 or"
              + " more; remove the sign or the △/▲ marker if it was a typing error");
    }
    return v;
  }

  /**
   * A non-negative count (employees), also accepting a trailing 人 or 名.
   *
   * @throws DomainException {@code AMOUNT_INVALID} (also when above Integer.MAX_VALUE) or {@code
   *     AMOUNT_NEGATIVE}
   */
  public static Optional<Integer> parseCount(String text) {
    String s = JapaneseText.nfkcTrim(text);
    if (s != null && (s.endsWith("人") || s.endsWith("名"))) {
      s = s.substring(0, s.length() - 1);
    }
    Optional<Long> v = parseLong(s);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    long n = v.get();
    if (n < 0) {
      throw new DomainException(
          "AMOUNT_NEGATIVE", "Count " + JapaneseText.quote(text) + " is negative: give 0 or more");
    }
    if (n > Integer.MAX_VALUE) {
      throw invalid(text, "it is larger than " + Integer.MAX_VALUE);
    }
    return Optional.of((int) n);
  }

  private static long body(String original, String s) {
    if (s.isEmpty()) {
      throw invalid(original, "there are no digits");
    }
    Matcher m = UNITS.matcher(s);
    if (!m.matches()) {
      throw invalid(
          original,
          "only digits, ',' separators, 億, 万, a leading ¥ and a trailing 円" + " are allowed");
    }
    String oku = m.group(1);
    String man = m.group(2);
    String rest = m.group(3);
    try {
      if (oku == null && man == null) {
        return digits(original, rest);
      }
      long total = 0;
      if (oku != null) {
        total = Math.multiplyExact(digits(original, oku), 100_000_000L);
      }
      if (man != null) {
        long v = digits(original, man);
        if (oku != null && v >= 10_000) {
          throw invalid(original, "the part before 万 must be below 10000 when 億 is given");
        }
        total = Math.addExact(total, Math.multiplyExact(v, 10_000L));
      }
      if (rest != null) {
        long v = digits(original, rest);
        if (v >= 10_000) {
          throw invalid(original, "the part after 万/億 must be below 10000");
        }
        total = Math.addExact(total, v);
      }
      return total;
    } catch (ArithmeticException e) {
      throw invalid(original, "it does not fit in a 64-bit integer");
    }
  }

  private static long digits(String original, String group) {
    if (!GROUPED.matcher(group).matches()) {
      throw invalid(original, "',' must separate groups of three digits (1,000,000)");
    }
    try {
      return Long.parseLong(group.replace(",", ""));
    } catch (NumberFormatException e) {
      throw invalid(original, "it does not fit in a 64-bit integer");
    }
  }

  private static DomainException invalid(String original, String why) {
    return new DomainException(
        "AMOUNT_INVALID",
        "Not a number: "
            + JapaneseText.quote(original)
            + " ("
            + why
            + "); write it like"
            + " 1000000, 1,000,000, １，０００，０００ or 1,000,000円");
  }
}
