package org.policyreach.core;

import java.util.Locale;
import java.util.Map;

/**
 * Status of a subsidy application. Applications move submitted → accepted (採択) → awarded (交付 決定),
 * or to rejected / withdrawn.
 */
public enum ApplicationStatus {
  SUBMITTED("submitted", "申請中"),
  ACCEPTED("accepted", "採択"),
  REJECTED("rejected", "不採択"),
  AWARDED("awarded", "交付決定"),
  WITHDRAWN("withdrawn", "取下げ");

  /** Spellings seen on forms besides the code and the label. */
  private static final Map<String, ApplicationStatus> VARIANTS =
      Map.ofEntries(
          Map.entry("取り下げ", WITHDRAWN),
          Map.entry("取下", WITHDRAWN),
          Map.entry("取り下げ済", WITHDRAWN),
          Map.entry("申請済", SUBMITTED),
          Map.entry("審査中", SUBMITTED),
          Map.entry("採択済", ACCEPTED),
          Map.entry("交付決定済", AWARDED));

  private final String code;
  private final String labelJa;

  ApplicationStatus(String code, String labelJa) {
    this.code = code;
    this.labelJa = labelJa;
  }

  /** {@code submitted}, {@code accepted}, {@code rejected}, {@code awarded}, {@code withdrawn}. */
  public String code() {
    return code;
  }

  public String labelJa() {
    return labelJa;
  }

  /** Still waiting for a decision (only SUBMITTED). */
  public boolean isPending() {
    return this == SUBMITTED;
  }

  /** Selected for the program: ACCEPTED (採択) or AWARDED (交付決定). */
  public boolean isWon() {
    return this == ACCEPTED || this == AWARDED;
  }

  /** No further change is expected: REJECTED, AWARDED or WITHDRAWN. */
  public boolean isFinal() {
    return this == REJECTED || this == AWARDED || this == WITHDRAWN;
  }

  /**
   * By code (case-insensitive) or Japanese label (申請中, 採択, 不採択, 交付決定, 取下げ/取り下げ).
   *
   * @throws DomainException {@code STATUS_UNKNOWN}
   */
  public static ApplicationStatus parse(String codeOrJapanese) {
    String s = JapaneseText.nfkcTrim(codeOrJapanese);
    if (s != null) {
      for (ApplicationStatus st : values()) {
        if (st.code.equals(s.toLowerCase(Locale.ROOT)) || st.labelJa.equals(s)) {
          return st;
        }
      }
      ApplicationStatus v = VARIANTS.get(s);
      if (v != null) {
        return v;
      }
    }
    throw new DomainException(
        "STATUS_UNKNOWN",
        "Unknown application status "
            + JapaneseText.quote(codeOrJapanese)
            + ": use submitted|accepted|rejected|awarded|withdrawn or 申請中, 採択, 不採択, 交付決定,"
            + " 取下げ");
  }
}
