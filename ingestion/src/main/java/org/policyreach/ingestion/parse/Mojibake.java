package org.policyreach.ingestion.parse;

/**
 * Recognises text garbled by a wrong decoding. UTF-8 Japanese read as Shift_JIS turns each
 * three-byte character into a kanji followed by a half-width katakana, a C1 control or a
 * private-use character (hiragana and katakana always show as 縺, 繧, 繝); Shift_JIS read as UTF-8
 * gives replacement characters; UTF-8 read as Latin-1 gives {@code ã} followed by C1 controls.
 * Clean, NFKC-normalizable Japanese text has none of these patterns.
 */
final class Mojibake {
  private Mojibake() {}

  static boolean looksGarbled(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    int sjisMarkers = 0;
    char previous = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '\u0080') {
        previous = c;
        continue;
      }
      if (c == '\uFFFD' || (c >= '\u0080' && c <= '\u009F') || (c >= '\uE000' && c <= '\uF8FF')) {
        return true;
      }
      if (c == '縺' || c == '繧' || c == '繝') {
        sjisMarkers++;
      }
      boolean halfKana = c >= '\uFF61' && c <= '\uFF9F';
      boolean prevHalfKana = previous >= '\uFF61' && previous <= '\uFF9F';
      if ((halfKana && isIdeograph(previous)) || (prevHalfKana && isIdeograph(c))) {
        return true;
      }
      if (previous >= '\u00C2' && previous <= '\u00EF' && c >= '\u0080' && c <= '\u00BF') {
        return true;
      }
      previous = c;
    }
    return sjisMarkers >= 2;
  }

  private static boolean isIdeograph(char c) {
    return (c >= '\u4E00' && c <= '\u9FFF') || (c >= '\u3400' && c <= '\u4DBF');
  }
}
