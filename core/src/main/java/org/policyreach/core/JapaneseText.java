package org.policyreach.core;

import java.text.Normalizer;

/** Normalisation of Japanese text typed by people or printed on forms. */
public final class JapaneseText {
  private JapaneseText() {}

  /**
   * Unicode NFKC: full-width ASCII to half-width ({@code １２３} → {@code 123}, {@code Ａ} → {@code A},
   * {@code －} → {@code -}, ideographic space → space), half-width katakana to full-width. Returns
   * {@code null} for {@code null} so that it can be applied to optional fields directly.
   */
  public static String nfkc(String text) {
    if (text == null) {
      return null;
    }
    return Normalizer.normalize(text, Normalizer.Form.NFKC);
  }

  /** NFKC, then trimmed of leading and trailing white space (including U+3000); null stays null. */
  public static String nfkcTrim(String text) {
    String n = nfkc(text);
    return n == null ? null : n.strip();
  }

  /** Shortens a value for an error message so that a huge input does not flood a log. */
  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() > 60 ? value.substring(0, 57) + "..." : value;
    return "'" + shown + "'";
  }
}
