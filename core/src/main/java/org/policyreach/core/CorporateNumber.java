package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A 法人番号 (corporate number): 13 ASCII digits, a leading check digit followed by a 12-digit base.
 *
 * <p>Check digit (National Tax Agency): with P<sub>n</sub> the n-th digit of the base counted from
 * the right (n = 1..12) and Q<sub>n</sub> = 1 for odd n, 2 for even n, {@code check = 9 − (Σ P·Q
 * mod 9)}, always 1..9. Because the weights are 1 and 2 and the modulus is 9, changing a base digit
 * by ±9 (0 ↔ 9) changes the sum by 9 or 18 and is not detected; every other single digit change is.
 */
public final class CorporateNumber implements Comparable<CorporateNumber> {
  public static final int LENGTH = 13;
  public static final int BASE_LENGTH = 12;

  private final String value;

  private CorporateNumber(String value) {
    this.value = value;
  }

  /**
   * Parses what people type and forms hold: full-width digits, hyphens and dashes, spaces (NFKC
   * first).
   *
   * @throws DomainException {@code CN_EMPTY}, {@code CN_LENGTH}, {@code CN_NON_DIGIT} or {@code
   *     CN_CHECK_DIGIT}
   */
  public static CorporateNumber parse(String raw) {
    String digits = normalize(raw);
    if (digits == null || digits.isEmpty()) {
      throw new DomainException(
          "CN_EMPTY",
          "Corporate number is empty (input "
              + JapaneseText.quote(raw)
              + "): "
              + "give the 13-digit 法人番号, for example 4010401098455");
    }
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new DomainException(
            "CN_NON_DIGIT",
            "Corporate number "
                + JapaneseText.quote(raw)
                + " contains the non-digit '"
                + c
                + "' at position "
                + (i + 1)
                + ": a 法人番号 has digits only (hyphens and spaces are ignored)");
      }
    }
    if (digits.length() != LENGTH) {
      throw new DomainException(
          "CN_LENGTH",
          "Corporate number "
              + JapaneseText.quote(raw)
              + " has "
              + digits.length()
              + " digits, expected 13: check for a missing or extra digit");
    }
    int expected = checkDigit(digits.substring(1));
    int actual = digits.charAt(0) - '0';
    if (expected != actual) {
      throw new DomainException(
          "CN_CHECK_DIGIT",
          "Corporate number "
              + JapaneseText.quote(raw)
              + " fails the check digit: expected "
              + expected
              + ", got "
              + actual
              + ": a digit was probably mistyped; look the firm up on the NTA 法人番号公表サイト");
    }
    return new CorporateNumber(digits);
  }

  /** Like {@link #parse} but empty instead of an exception. */
  public static Optional<CorporateNumber> tryParse(String raw) {
    try {
      return Optional.of(parse(raw));
    } catch (DomainException e) {
      return Optional.empty();
    }
  }

  /** True if {@code raw} parses. */
  public static boolean isValid(String raw) {
    return tryParse(raw).isPresent();
  }

  /**
   * The check digit (1..9) of a 12-digit base.
   *
   * @throws DomainException {@code CN_LENGTH} or {@code CN_NON_DIGIT} if the base is not 12 ASCII
   *     digits
   */
  public static int checkDigit(String base12) {
    requireNonNull(base12, "base12 is null");
    if (base12.length() != BASE_LENGTH) {
      throw new DomainException(
          "CN_LENGTH",
          "Corporate number base "
              + JapaneseText.quote(base12)
              + " has "
              + base12.length()
              + " characters, expected 12 digits (the number without its leading check digit)");
    }
    int sum = 0;
    for (int n = 1; n <= BASE_LENGTH; n++) {
      char c = base12.charAt(BASE_LENGTH - n);
      if (c < '0' || c > '9') {
        throw new DomainException(
            "CN_NON_DIGIT",
            "Corporate number base "
                + JapaneseText.quote(base12)
                + " contains the non-digit '"
                + c
                + "': the base is 12 ASCII digits");
      }
      sum += (c - '0') * (n % 2 == 1 ? 1 : 2);
    }
    return 9 - (sum % 9);
  }

  /** Builds the valid number for a 12-digit base by prefixing its check digit. */
  public static CorporateNumber ofBase(String base12) {
    return new CorporateNumber(checkDigit(base12) + base12);
  }

  /**
   * NFKC, then removes white space, hyphens and dash-like characters (‐ ‑ ‒ – — ― − ー); does not
   * validate. Returns {@code null} for {@code null}.
   */
  public static String normalize(String raw) {
    String n = JapaneseText.nfkc(raw);
    if (n == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && !isDash(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isDash(char c) {
    return c == '-'
        || (c >= '\u2010' && c <= '\u2015')
        || c == '\u2212'
        || c == '\u30FC'
        || c == '\uFE63';
  }

  /** The 13 ASCII digits. */
  public String value() {
    return value;
  }

  /** The check digit (first digit). */
  public int check() {
    return value.charAt(0) - '0';
  }

  /** The 12-digit base (without the check digit). */
  public String base() {
    return value.substring(1);
  }

  @Override
  public int compareTo(CorporateNumber other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CorporateNumber && ((CorporateNumber) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
