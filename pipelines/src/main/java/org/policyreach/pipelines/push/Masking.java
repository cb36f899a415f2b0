package org.policyreach.pipelines.push;

import java.util.regex.Pattern;

/** Masks e-mail addresses in text that may reach a log or an error message. */
final class Masking {
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+");

  private Masking() {}

  static String mask(String text) {
    return text == null ? null : EMAIL.matcher(text).replaceAll("***@***");
  }
}
