package org.policyreach.ingestion.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line (RFC 4180 quoting: {@code "a,b"}, {@code ""} for a quote). A record that
 * spans lines is not supported: its first line has an unclosed quote and is rejected.
 */
final class CsvLine {
  private CsvLine() {}

  /** The fields, or null when a quote is not closed on this line. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>(32);
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      field.setLength(0);
      if (i < n && line.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < n && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              closed = true;
              break;
            }
          } else {
            field.append(c);
          }
        }
        if (!closed) {
          return null;
        }
        // text between the closing quote and the separator is kept, as lenient readers do
        while (i < n && line.charAt(i) != ',') {
          field.append(line.charAt(i++));
        }
      } else {
        while (i < n && line.charAt(i) != ',') {
          field.append(line.charAt(i++));
        }
      }
      fields.add(field.toString());
      if (i >= n) {
        return fields;
      }
      i++; // the comma
    }
  }
}
