package org.policyreach.pipelines.segments.expr;

/** Value types of the expression language. */
public enum ExprType {
  STRING("文字列", "a string"),
  NUMBER("数値", "a number"),
  BOOLEAN("真偽値", "true/false");

  private final String labelJa;
  private final String labelEn;

  ExprType(String labelJa, String labelEn) {
    this.labelJa = labelJa;
    this.labelEn = labelEn;
  }

  public String labelJa() {
    return labelJa;
  }

  public String labelEn() {
    return labelEn;
  }

  static ExprType of(Object literal) {
    if (literal instanceof String) {
      return STRING;
    }
    if (literal instanceof Boolean) {
      return BOOLEAN;
    }
    return NUMBER;
  }
}
