package org.policyreach.ingestion.parse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A digest of a record's normalized values. Two lines with the same fingerprint carry the same
 * information (an exact or a reformatted duplicate); the first one counts, the rest are duplicates.
 */
final class Fingerprint {
  private Fingerprint() {}

  static String of(Object[] values, int... excluded) {
    StringBuilder sb = new StringBuilder(256);
    outer:
    for (int i = 0; i < values.length; i++) {
      for (int e : excluded) {
        if (e == i) {
          continue outer;
        }
      }
      append(sb, values[i]);
      sb.append('\u0001');
    }
    return md5(sb.toString());
  }

  private static void append(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append('\u0000');
    } else if (v instanceof Row row) {
      sb.append('(');
      for (int i = 0; i < row.length(); i++) {
        append(sb, row.get(i));
        sb.append('\u0002');
      }
      sb.append(')');
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (Object o : list) {
        append(sb, o);
        sb.append('\u0003');
      }
      sb.append(']');
    } else {
      sb.append(v);
    }
  }

  private static String md5(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every JVM", e);
    }
  }
}
