package org.policyreach.pipelines.segments.expr;

/** Lexical classes of the segment expression language. */
enum TokenKind {
  FIELD("a field"),
  STRING("a string"),
  NUMBER("a number"),
  TRUE("true"),
  FALSE("false"),
  AND("'and'"),
  OR("'or'"),
  NOT("'not'"),
  IN("'in'"),
  EQ("'=='"),
  NE("'!='"),
  LT("'<'"),
  LE("'<='"),
  GT("'>'"),
  GE("'>='"),
  LPAREN("'('"),
  RPAREN("')'"),
  LBRACKET("'['"),
  RBRACKET("']'"),
  COMMA("','"),
  EOF("end of expression");

  private final String description;

  TokenKind(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }
}
