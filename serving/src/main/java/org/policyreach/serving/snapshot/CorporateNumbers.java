package org.policyreach.serving.snapshot;

/**
 * A 13-digit corporate number as a {@code long} (it is below 10<sup>13</sup>), the key of every
 * index. Validation (check digit) belongs to core's {@code CorporateNumber}; this only packs the
 * digits.
 */
final class CorporateNumbers {
  private CorporateNumbers() {}

  /** The digits as a long, or -1 if {@code s} is not exactly 13 ASCII digits. */
  static long toLong(String s) {
    if (s == null || s.length() != 13) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < 13; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  static String format(long cn) {
    char[] out = new char[13];
    for (int i = 12; i >= 0; i--) {
      out[i] = (char) ('0' + (cn % 10));
      cn /= 10;
    }
    return new String(out);
  }
}
