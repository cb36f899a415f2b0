package org.policyreach.ingestion.parse;

import java.util.regex.Pattern;

/**
 * Recognises text garbled by a wrong decoding: the replacement character, UTF-8 Japanese read as
 * Shift_JIS (hiragana and katakana bytes E3 81..83 always show as 縺, 繧, 繝) or as Latin-1 ({@code ã}
 * followed by a C1 control or Latin-1 symbol).
 */
final class Mojibake {
  private static final Pattern LATIN1_UTF8 = Pattern.compile("[\\u00C2-\\u00EF][\\u0080-\\u00BF]");

  private Mojibake() {}

  static boolean looksGarbled(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    int sjisMarkers = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\uFFFD') {
        return true;
      }
      if (c == '縺' || c == '繧' || c == '繝') {
        sjisMarkers++;
      }
    }
    return sjisMarkers >= 2 || LATIN1_UTF8.matcher(text).find();
  }
}
