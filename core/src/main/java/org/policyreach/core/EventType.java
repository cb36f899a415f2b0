package org.policyreach.core;

import java.util.Locale;

/** Engagement event types (INPUT-FORMATS §5, POST /v1/events). */
public enum EventType {
  IMPRESSION("impression"),
  CLICK("click"),
  DISMISS("dismiss"),
  APPLY("apply"),
  OPT_OUT("opt_out"),
  OPT_IN("opt_in"),
  /** The portal showed a push notice of the inbox channel ({@code GET …/notices}). */
  NOTICE_OPENED("notice_opened"),
  /**
   * The firm followed a push notice's link (inbox notice, e-mail or the campaign code of a letter).
   */
  NOTICE_CLICKED("notice_clicked");

  private final String code;

  EventType(String code) {
    this.code = code;
  }

  /**
   * {@code impression}, {@code click}, {@code dismiss}, {@code apply}, {@code opt_out}, {@code
   * opt_in}, {@code notice_opened}, {@code notice_clicked}.
   */
  public String code() {
    return code;
  }

  /**
   * By code (case-insensitive; {@code opt-out} accepted for {@code opt_out}).
   *
   * @throws DomainException {@code EVENT_TYPE_UNKNOWN}
   */
  public static EventType parse(String code) {
    String s = JapaneseText.nfkcTrim(code);
    if (s != null) {
      String k = s.toLowerCase(Locale.ROOT).replace('-', '_');
      for (EventType t : values()) {
        if (t.code.equals(k)) {
          return t;
        }
      }
    }
    throw new DomainException(
        "EVENT_TYPE_UNKNOWN",
        "Unknown event type "
            + JapaneseText.quote(code)
            + ": use impression, click, dismiss, apply, opt_out, opt_in, notice_opened or"
            + " notice_clicked");
  }
}
