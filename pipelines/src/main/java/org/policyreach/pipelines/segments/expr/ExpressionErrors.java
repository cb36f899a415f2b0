package org.policyreach.pipelines.segments.expr;

import org.policyreach.core.ConfigException;

/** Builds every error of the expression language, so they all read the same way. */
final class ExpressionErrors {
  private ExpressionErrors() {}

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
