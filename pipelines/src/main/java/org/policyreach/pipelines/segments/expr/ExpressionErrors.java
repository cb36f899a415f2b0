package org.policyreach.pipelines.segments.expr;

import org.policyreach.core.ConfigException;

/** Builds every error of the expression language, so they all read the same way. */
final class ExpressionErrors {
  /** Most characters of the expression an error repeats. */
  static final int MAX_SHOWN = 60;

  private ExpressionErrors() {}

  /**
   * Text from the expression as an error repeats it: control, invisible and bidi characters (and
   * lone surrogates) as {@code <U+202E>}, so they can neither hide nor reorder the message, and at
   * most {@link #MAX_SHOWN} characters, then {@code …}.
   */
  static String shown(Object text) {
    String s = String.valueOf(text);
    StringBuilder out = new StringBuilder();
    int count = 0;
    for (int i = 0; i < s.length(); ) {
      if (count == MAX_SHOWN) {
        return out.append('…').toString();
      }
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (invisible(cp)) {
        out.append(String.format("<U+%04X>", cp));
      } else {
        out.appendCodePoint(cp);
      }
      count++;
    }
    return out.toString();
  }

  private static boolean invisible(int cp) {
    int type = Character.getType(cp);
    return Character.isISOControl(cp)
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED
        || (type == Character.SPACE_SEPARATOR && cp != ' ');
  }

  /**
   * {@code <file>:<line>:<column>: <context>: セグメント式の誤り: <problem>. <expected>}.
   *
   * @param problemJa what is wrong, in Japanese
   * @param problemEn the same in English
   * @param expectedJa what would have been right, in Japanese
   * @param expectedEn the same in English
   */
  static ConfigException at(
      ExpressionSource source,
      int offset,
      String problemJa,
      String problemEn,
      String expectedJa,
      String expectedEn) {
    ExpressionSource.Position p = source.position(offset);
    String context = source.context().isEmpty() ? "" : source.context() + ": ";
    return ConfigException.at(
        source.file(),
        p.line(),
        p.column(),
        context + "セグメント式の誤り: " + problemJa + " (" + problemEn + ")",
        expectedJa + " (" + expectedEn + ")");
  }

  static ConfigException unexpected(ExpressionSource source, Token token, String expectedEn) {
    return at(
        source,
        token.offset(),
        "想定外のトークン " + token.shown(),
        "unexpected token " + token.shown(),
        "ここに必要なもの: " + expectedEn,
        "expected " + expectedEn);
  }
}
