package org.policyreach.ingestion.parse;

import java.util.List;
import java.util.Objects;

/**
 * One input line after parsing: either an accepted record (with its natural key, a fingerprint of
 * its normalized content for duplicate detection, and findings) or a rejection with every reason
 * and the raw text to quarantine.
 */
public final class ParsedLine {
  private final Object[] record;
  private final String key;
  private final String fingerprint;
  private final List<Reason> reasons;
  private final List<Reason> findings;
  private final String quarantineRaw;

  private ParsedLine(
      Object[] record,
      String key,
      String fingerprint,
      List<Reason> reasons,
      List<Reason> findings,
      String quarantineRaw) {
    this.record = record;
    this.key = key;
    this.fingerprint = fingerprint;
    this.reasons = List.copyOf(reasons);
    this.findings = List.copyOf(findings);
    this.quarantineRaw = quarantineRaw;
  }

  public static ParsedLine accepted(
      Object[] record, String key, String fingerprint, List<Reason> findings) {
    return new ParsedLine(
        Objects.requireNonNull(record, "record is null"),
        Objects.requireNonNull(key, "key is null"),
        Objects.requireNonNull(fingerprint, "fingerprint is null"),
        List.of(),
        findings,
        null);
  }

  /**
   * @param quarantineRaw the line as it may be stored outside bronze (contact details removed)
   */
  public static ParsedLine rejected(List<Reason> reasons, String quarantineRaw) {
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a rejected line needs at least one reason");
    }
    return new ParsedLine(null, null, null, reasons, List.of(), quarantineRaw);
  }

  public boolean isAccepted() {
    return record != null;
  }

  /** The record's values in the parser's record schema order; null when rejected. */
  public Object[] record() {
    return record;
  }

  public String key() {
    return key;
  }

  public String fingerprint() {
    return fingerprint;
  }

  public List<Reason> reasons() {
    return reasons;
  }

  public List<Reason> findings() {
    return findings;
  }

  public String quarantineRaw() {
    return quarantineRaw;
  }
}
