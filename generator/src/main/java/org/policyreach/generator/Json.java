package org.policyreach.generator;

/** Minimal JSON writing into a StringBuilder: the generator's hot loops avoid object mappers. */
final class Json {
  private Json() {}

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Appends a JSON string literal, or {@code null}. */
  static StringBuilder str(StringBuilder sb, String value) {
    if (value == null) {
      return sb.append("null");
    }
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append("\\u00").append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }

  /** Appends {@code ,"name":} (or without the comma for the first field). */
  static StringBuilder key(StringBuilder sb, String name, boolean first) {
    if (!first) {
      sb.append(',');
    }
    return sb.append('"').append(name).append("\":");
  }

  static StringBuilder field(StringBuilder sb, String name, String value) {
    return str(key(sb, name, false), value);
  }

  static StringBuilder field(StringBuilder sb, String name, long value) {
    return key(sb, name, false).append(value);
  }

  static StringBuilder field(StringBuilder sb, String name, Long value) {
    key(sb, name, false);
    return value == null ? sb.append("null") : sb.append(value.longValue());
  }
}
