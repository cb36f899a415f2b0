package org.policyreach.ingestion.parse;

import java.util.List;
import java.util.Objects;
import org.policyreach.core.ContactMask;

/**
 * One input line after parsing: either an accepted record (with its natural key, a fingerprint of
 * its normalized content for duplicate detection, and findings) or a rejection with every reason
 * and the raw text to quarantine. The quarantine text and every reason's detail have e-mail
 * addresses and phone numbers masked ({@link ContactMask}): quarantine is kept outside bronze.
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
    this.reasons = masked(reasons);
    this.findings = masked(findings);
    this.quarantineRaw = ContactMask.mask(quarantineRaw);
  }

  private static List<Reason> masked(List<Reason> reasons) {
    return reasons.stream().map(r -> new Reason(r.code(), ContactMask.mask(r.detail()))).toList();
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
