package org.policyreach.generator;

import java.time.LocalDateTime;

/** Japan-time ISO-8601 timestamps ({@code 2026-04-01T10:15:00+09:00}) without a formatter. */
final class Timestamps {
  private Timestamps() {}

  static String iso(LocalDateTime t) {
    StringBuilder sb = new StringBuilder(25);
    sb.append(t.toLocalDate()).append('T');
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    two(sb, t.getSecond());
    return sb.append("+09:00").toString();
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }
}
