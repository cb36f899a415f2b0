package org.policyreach.generator;

import java.util.SplittableRandom;

/** CSV line building (RFC 4180 quoting) and the malformed-row fault. */
final class Csv {
  private Csv() {}

  /**
   * Joins fields; a field is quoted when {@code alwaysQuote[i]} is set and it is not empty (the NTA
   * style), or when it contains a comma or quote (the spreadsheet style).
   */
  static String join(String[] fields, boolean[] alwaysQuote) {
    StringBuilder sb = new StringBuilder(256);
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields[i];
      if (f == null || f.isEmpty()) {
        continue;
      }
      boolean quote =
          (alwaysQuote != null && i < alwaysQuote.length && alwaysQuote[i])
              || f.indexOf(',') >= 0
              || f.indexOf('"') >= 0;
      if (quote) {
        sb.append('"');
        for (int j = 0; j < f.length(); j++) {
          char c = f.charAt(j);
          if (c == '"') {
            sb.append('"');
          }
          sb.append(c);
        }
        sb.append('"');
      } else {
        sb.append(f);
      }
    }
    return sb.toString();
  }

  /** The fields with one column too few or one too many (a trailing empty column). */
  static String[] wrongColumnCount(String[] fields, SplittableRandom rng) {
    if (rng.nextBoolean()) {
      String[] fewer = new String[fields.length - 1];
      System.arraycopy(fields, 0, fewer, 0, fewer.length);
      return fewer;
    }
    String[] more = new String[fields.length + 1];
    System.arraycopy(fields, 0, more, 0, fields.length);
    more[fields.length] = "";
    return more;
  }
}
