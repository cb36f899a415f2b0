package org.policyreach.pipelines.segments.expr;

/** A token: its kind, its text as written, and its offset in the expression. */
record Token(TokenKind kind, String text, int offset) {

  /** How an error message shows this token. */
  String shown() {
    return kind == TokenKind.EOF ? "end of expression" : "'" + ExpressionErrors.shown(text) + "'";
  }
}
