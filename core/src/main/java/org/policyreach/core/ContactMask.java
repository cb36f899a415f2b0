package org.policyreach.core;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks contact details typed into free text (申請目的, notes, a quarantined line): e-mail addresses
 * become {@value #EMAIL} and Japanese phone numbers as people write them become {@value #PHONE}.
 *
 * <p>Phone numbers: domestic numbers of 10 or 11 digits starting with 0, with or without hyphens,
 * spaces or parentheses ({@code 03-1234-5678}, {@code (03)1234-5678}, {@code 090 1234 5678}, {@code
 * 09012345678}, {@code 0120-123-456}), and {@code +81} numbers ({@code +81-3-1234-5678}, {@code +81
 * 90 1234 5678}, {@code +819012345678}); full-width digits and dashes too. Corporate numbers (13
 * digits), dates, amounts and postcodes are left alone: a match must be delimited by non-digits and
 * have a phone number's digit count.
 */
public final class ContactMask {
  public static final String EMAIL = "〔メール〕";
  public static final String PHONE = "〔電話〕";

  private static final String D = "[0-9０-９]";
  private static final String SEP = "(?:[-‐‑‒–—―−－ー・.．\\s]|[)）]\\s?|\\s?[(（])";

  private static final Pattern EMAIL_PATTERN =
      Pattern.compile(
          "[A-Za-z0-9._%+\\-Ａ-Ｚａ-ｚ０-９]+\\s?[@＠]\\s?[A-Za-z0-9\\-Ａ-Ｚａ-ｚ０-９]+"
              + "(?:[.．][A-Za-z0-9\\-Ａ-Ｚａ-ｚ０-９]+)+");

  /** Candidates: an optional +81, then groups of digits joined by at most one separator each. */
  private static final Pattern PHONE_CANDIDATE =
      Pattern.compile(
          "(?<![0-9０-９+＋])(?:[+＋]\\s?[8８][1１]"
              + SEP
              + "?[(（]?[0０]?[)）]?)?[(（]?"
              + D
              + "+(?:"
              + SEP
              + "{1,2}"
              + D
              + "+){0,7}(?![0-9０-９])");

  private ContactMask() {}

  /** {@code text} with every e-mail address and phone number replaced; null stays null. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String masked = text;
    if (masked.indexOf('@') >= 0 || masked.indexOf('＠') >= 0) {
      masked = EMAIL_PATTERN.matcher(masked).replaceAll(EMAIL);
    }
    if (!hasDigits(masked, 9)) {
      return masked;
    }
    Matcher m = PHONE_CANDIDATE.matcher(masked);
    StringBuilder sb = new StringBuilder(masked.length());
    int last = 0;
    while (m.find()) {
      last = maskCandidate(masked, m.start(), m.end(), sb, last);
    }
    if (last == 0) {
      return masked;
    }
    return sb.append(masked, last, masked.length()).toString();
  }

  /**
   * Masks the phone numbers inside one candidate: the longest run of its digit groups (at most
   * four, from the left) that has a phone number's digits, then the rest after it. {@code
   * 03-1234-5678 2026} masks the first three groups and keeps 2026.
   */
  private static int maskCandidate(String text, int from, int to, StringBuilder sb, int last) {
    java.util.List<int[]> groups = new java.util.ArrayList<>();
    for (int i = from; i < to; ) {
      if (Character.digit(text.charAt(i), 10) >= 0) {
        int j = i;
        while (j < to && Character.digit(text.charAt(j), 10) >= 0) {
          j++;
        }
        groups.add(new int[] {i, j});
        i = j;
      } else {
        i++;
      }
    }
    int g = 0;
    while (g < groups.size()) {
      boolean found = false;
      for (int e = Math.min(groups.size() - 1, g + 3); e >= g; e--) {
        int start = groups.get(g)[0];
        if (g == 0) {
          start = from; // a leading +81 or (
        } else if (start > from && "(（".indexOf(text.charAt(start - 1)) >= 0) {
          start--;
        }
        int end = groups.get(e)[1];
        if (isPhone(text.substring(start, end))) {
          sb.append(text, last, start).append(PHONE);
          last = end;
          g = e + 1;
          found = true;
          break;
        }
      }
      if (!found) {
        g++;
      }
    }
    return last;
  }

  /** Whether {@code text} holds an e-mail address or a phone number. */
  public static boolean containsContact(String text) {
    return text != null && !mask(text).equals(text);
  }

  private static boolean isPhone(String candidate) {
    StringBuilder digits = new StringBuilder(16);
    boolean international = false;
    String s = candidate.strip();
    if (s.startsWith("+") || s.startsWith("＋")) {
      international = true;
    } else if (s.startsWith("(") || s.startsWith("（")) {
      s = s.substring(1);
    }
    for (int i = 0; i < s.length(); i++) {
      int d = Character.digit(s.charAt(i), 10);
      if (d >= 0) {
        digits.append((char) ('0' + d));
      }
    }
    String n = digits.toString();
    if (international) {
      if (!n.startsWith("81")) {
        return false;
      }
      String national = n.substring(2);
      if (national.startsWith("0")) {
        national = national.substring(1); // +81 (0)3 …
      }
      return national.length() >= 9 && national.length() <= 10 && national.charAt(0) != '0';
    }
    return (n.length() == 10 || n.length() == 11) && n.charAt(0) == '0' && n.charAt(1) != '0';
  }

  private static boolean hasDigits(String s, int atLeast) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 10) >= 0 && ++n >= atLeast) {
        return true;
      }
    }
    return false;
  }
}
