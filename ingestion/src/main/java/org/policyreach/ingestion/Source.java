package org.policyreach.ingestion;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The input sources of {@code ingest --source}, with their file conventions. */
public enum Source {
  REGISTRY("registry", List.of(".csv", ".txt"), true),
  FIRM_ATTRIBUTES("firm-attributes", List.of(".jsonl", ".ndjson", ".json"), false),
  APPLICATIONS("applications", List.of(".jsonl", ".ndjson", ".json"), false),
  LEGACY("legacy", List.of(".csv", ".txt"), true),
  EVENTS("events", List.of(".jsonl", ".ndjson", ".json"), false),
  /** Delivery receipts (bounces, returned letters) and push history (INPUT-FORMATS §7). */
  CONTACTS("contacts", List.of(".jsonl", ".ndjson", ".json"), false),
  /** The programs catalog from {@code conf/programs} into {@code silver.programs}. */
  PROGRAMS("programs", List.of(".yaml", ".yml"), false);

  /** Windows-31J, the Microsoft variant of Shift_JIS that Japanese offices actually write. */
  public static final Charset CP932 = Charset.forName("windows-31j");

  private final String id;
  private final List<String> extensions;
  private final boolean shiftJisAllowed;

  Source(String id, List<String> extensions, boolean shiftJisAllowed) {
    this.id = id;
    this.extensions = extensions;
    this.shiftJisAllowed = shiftJisAllowed;
  }

  /** The CLI name: {@code registry}, {@code firm-attributes}… */
  public String id() {
    return id;
  }

  /** The table name part: {@code firm_attributes} for {@code bronze.firm_attributes}. */
  public String tableName() {
    return id.replace('-', '_');
  }

  /** File name endings taken from a folder given as {@code --input}. */
  public List<String> extensions() {
    return extensions;
  }

  /** Whether files may come in Shift_JIS/CP932 (registry "Shift-JIS" variant, legacy forms). */
  public boolean shiftJisAllowed() {
    return shiftJisAllowed;
  }

  /** The encoding a file of this source has when nothing says otherwise. */
  public Charset defaultCharset() {
    return this == LEGACY ? CP932 : StandardCharsets.UTF_8;
  }

  /** By CLI name or table name, case-insensitive. */
  public static Source parse(String name) {
    if (name != null) {
      String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      for (Source s : values()) {
        if (s.id.equals(n)) {
          return s;
        }
      }
    }
    throw IngestionException.badInput(
        "Unknown source '"
            + name
            + "': use one of "
            + Arrays.stream(values()).map(Source::id).collect(Collectors.joining(", ")));
  }
}
