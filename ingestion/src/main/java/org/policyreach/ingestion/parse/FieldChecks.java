package org.policyreach.ingestion.parse;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.DomainException;
import org.policyreach.core.JapaneseNumbers;
import org.policyreach.core.JapaneseText;
import org.policyreach.core.Jsic;
import org.policyreach.core.Prefecture;
import org.policyreach.core.WarekiDate;

/**
 * Normalizes the fields of one line through the core types and collects what is wrong: reasons (the
 * line cannot be trusted and goes to quarantine) and findings (kept on the accepted record). Each
 * method returns the normalized value, or null when the value is absent or invalid.
 */
final class FieldChecks {

  /** Japan's time zone: times without an offset and dates without a time are read in it. */
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  /** Above this a yen amount on an application is not a typo of a real amount but nonsense. */
  static final long ABSURD_AMOUNT_YEN = 100_000_000_000L;

  /** Above this a capital is absurd (Japan's largest are a few trillion yen). */
  static final long ABSURD_CAPITAL_YEN = 10_000_000_000_000L;

  /** Above this an employee count is absurd (Japan's largest employers have a few 100k). */
  static final int ABSURD_EMPLOYEES = 2_000_000;

  private final List<Reason> reasons = new ArrayList<>();
  private final List<Reason> findings = new ArrayList<>();

  List<Reason> reasons() {
    return reasons;
  }

  List<Reason> findings() {
    return findings;
  }

  boolean ok() {
    return reasons.isEmpty();
  }

  void reject(String code, String detail) {
    reasons.add(Reason.labelled(code, detail));
  }

  void find(String code, String detail) {
    findings.add(Reason.labelled(code, detail));
  }

  /**
   * The index of the first control character (C0 but tab, and DEL) in {@code s}, or -1. C1 controls
   * are left to the mojibake check (they come from a wrong decoding).
   */
  static int controlCharacterAt(String s) {
    if (s == null) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Rejects a value holding a control character (a NUL byte, a stray carriage return…): no field of
   * ours may carry one, and downstream text tools break on them.
   */
  void noControlCharacters(String field, String value) {
    int at = controlCharacterAt(value);
    if (at >= 0) {
      reject(
          "FIELD_INVALID",
          String.format(
              java.util.Locale.ROOT,
              "%s holds the control character U+%04X at position %d",
              field,
              (int) value.charAt(at),
              at + 1));
    }
  }

  /** Trimmed NFKC text, or null for null/blank. */
  static String text(String raw) {
    String s = JapaneseText.nfkcTrim(raw);
    return s == null || s.isEmpty() ? null : s;
  }

  String required(String field, String raw) {
    String s = text(raw);
    if (s == null) {
      reject("MISSING_FIELD", field + " is missing or empty");
    }
    return s;
  }

  String corporateNumber(String field, String raw, boolean required) {
    if (text(raw) == null) {
      if (required) {
        reject("CN_EMPTY", field + " is missing or empty");
      }
      return null;
    }
    try {
      return CorporateNumber.parse(raw).value();
    } catch (DomainException e) {
      reasons.add(Reason.of(field, e));
      return null;
    }
  }

  /** A date (ISO, slashes or wareki); an era overflow (平成32年) is converted and flagged. */
  Date date(String field, String raw, boolean required) {
    LocalDate d = localDate(field, raw, required);
    return d == null ? null : Date.valueOf(d);
  }

  LocalDate localDate(String field, String raw, boolean required) {
    if (text(raw) == null) {
      if (required) {
        reject("MISSING_FIELD", field + " is missing or empty");
      }
      return null;
    }
    try {
      WarekiDate.Parsed parsed = WarekiDate.parse(raw);
      if (parsed.eraOverflow()) {
        find(
            "ERA_OVERFLOW",
            field
                + ": "
                + raw
                + " is past the end of its era; read as "
                + parsed.date()
                + " (a pre-printed form?)");
      }
      return parsed.date();
    } catch (DomainException e) {
      reasons.add(Reason.of(field, e));
      return null;
    }
  }

  /**
   * A point in time: ISO with offset ({@code 2026-04-01T10:15:00+09:00}), without offset (read in
   * Tokyo time), or a date alone (its start in Tokyo).
   */
  Timestamp timestamp(String field, String raw, boolean required) {
    String s = text(raw);
    if (s == null) {
      if (required) {
        reject("MISSING_FIELD", field + " is missing or empty");
      }
      return null;
    }
    Instant instant = instant(s);
    if (instant == null) {
      LocalDate d = localDate(field, s, required);
      return d == null ? null : Timestamp.from(d.atStartOfDay(TOKYO).toInstant());
    }
    return Timestamp.from(instant);
  }

  /** The calendar day of an instant in Tokyo. */
  static Date tokyoDate(Timestamp t) {
    return Date.valueOf(t.toInstant().atZone(TOKYO).toLocalDate());
  }

  private static Instant instant(String s) {
    if (s.length() < 11 || (s.charAt(10) != 'T' && s.charAt(10) != ' ')) {
      return null;
    }
    String iso = s.charAt(10) == ' ' ? s.substring(0, 10) + "T" + s.substring(11) : s;
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeParseException e) {
      // no offset: local Tokyo time
    }
    try {
      return LocalDateTime.parse(iso).atZone(TOKYO).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A yen amount: negative, junk or absurd values reject the line. */
  Long amountYen(String field, String raw, long absurdAbove) {
    if (text(raw) == null) {
      return null;
    }
    try {
      Optional<Long> v = JapaneseNumbers.parseAmountYen(raw);
      if (v.isPresent() && v.get() > absurdAbove) {
        reject(
            "AMOUNT_ABSURD",
            field + ": " + raw + " yen is implausibly large (above " + absurdAbove + ")");
        return null;
      }
      return v.orElse(null);
    } catch (DomainException e) {
      reasons.add(Reason.of(field, e));
      return null;
    }
  }

  Integer count(String field, String raw, int absurdAbove) {
    if (text(raw) == null) {
      return null;
    }
    try {
      Optional<Integer> v = JapaneseNumbers.parseCount(raw);
      if (v.isPresent() && v.get() > absurdAbove) {
        reject("AMOUNT_ABSURD", field + ": " + raw + " is implausibly large");
        return null;
      }
      return v.orElse(null);
    } catch (DomainException e) {
      reasons.add(Reason.of(field, e));
      return null;
    }
  }

  /** A prefecture code or name → the two-digit JIS code. */
  String prefecture(String field, String raw) {
    if (text(raw) == null) {
      return null;
    }
    try {
      return Prefecture.parse(raw).code();
    } catch (DomainException e) {
      reasons.add(Reason.of(field, e));
      return null;
    }
  }

  /** A JSIC division letter or name → the letter. */
  String jsic(String field, String raw) {
    if (text(raw) == null) {
      return null;
    }
    try {
      return Jsic.parse(raw).letter();
    } catch (DomainException e) {
      reasons.add(Reason.of(field, e));
      return null;
    }
  }

  /** A JSIC major group (2 digits) that must lie inside {@code division} when both are known. */
  String jsicMajor(String field, String raw, String division) {
    String s = text(raw);
    if (s == null) {
      return null;
    }
    try {
      Jsic ofMajor = Jsic.ofMajor(s);
      if (division != null && !ofMajor.letter().equals(division)) {
        reject(
            "JSIC_CODE_INVALID",
            field
                + ": major "
                + s
                + " belongs to division "
                + ofMajor.letter()
                + ", not "
                + division);
        return null;
      }
      return s.length() >= 2 ? s.substring(0, 2) : s;
    } catch (DomainException e) {
      reasons.add(Reason.of(field, e));
      return null;
    }
  }
}
