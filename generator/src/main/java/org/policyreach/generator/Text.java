package org.policyreach.generator;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Character-level helpers: full-width digits, mojibake, CP932 safety. */
final class Text {
  private Text() {}

  static final Charset CP932 = Charset.forName("windows-31j");

  /** ASCII digits, letters, '-', ',', '.', '/' and space to their full-width forms. */
  static String fullWidth(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        sb.append('\u3000');
      } else if (c == '-') {
        sb.append('－');
      } else if (c > ' ' && c < 0x7F) {
        sb.append((char) (c - 0x21 + 0xFF01));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Amount with thousands separators: {@code 1,000,000}. */
  static String grouped(long value) {
    String digits = Long.toString(Math.abs(value));
    StringBuilder sb = new StringBuilder(digits.length() + digits.length() / 3 + 1);
    if (value < 0) {
      sb.append('-');
    }
    int lead = digits.length() % 3;
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (i - lead) % 3 == 0) {
        sb.append(',');
      }
      sb.append(digits.charAt(i));
    }
    return sb.toString();
  }

  /** Classic mojibake: the UTF-8 bytes of {@code s} read as CP932. */
  static String utf8ReadAsCp932(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), CP932);
  }

  /** The reverse: the CP932 bytes of {@code s} read as UTF-8 (mostly U+FFFD). */
  static String cp932ReadAsUtf8(String s) {
    return new String(s.getBytes(CP932), StandardCharsets.UTF_8);
  }

  /** Replaces characters CP932 cannot encode with {@code ?} (as a careless converter would). */
  static String cp932Safe(String s) {
    CharsetEncoder enc = CP932.newEncoder();
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      sb.append(enc.canEncode(c) ? c : '?');
    }
    return sb.toString();
  }

  /** True if every character encodes in {@code charset} (no lossy replacement). */
  static boolean encodes(String s, Charset charset) {
    try {
      charset
          .newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(s));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** True if the text shows mojibake: U+FFFD or half-width katakana, which clean text never has. */
  static boolean looksGarbled(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\uFFFD' || (c >= '\uFF61' && c <= '\uFF9F')) {
        return true;
      }
    }
    return false;
  }
}
