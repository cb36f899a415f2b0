package org.policyreach.pipelines.segments.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser. Grammar (lowest precedence first):
 *
 * <pre>
 * expression := or EOF
 * or         := and { "or" and }
 * and        := unary { "and" unary }
 * unary      := "not" unary | predicate
 * predicate  := operand [ ("==" | "!=" | "<" | "<=" | ">" | ">=") operand
 *                       | ["not"] "in" list ]
 * operand    := "(" or ")" | FIELD | STRING | NUMBER | "true" | "false"
 * list       := "[" [ value { "," value } ] "]"
 * </pre>
 *
 * <p>Limits, each an error naming where it is exceeded: {@link #MAX_LENGTH} characters, {@link
 * #MAX_NESTING} levels of '(' and 'not', {@link #MAX_OPERATORS} 'and'/'or'/'not', numbers of at
 * most {@link #MAX_DIGITS} digits and absolute value {@link #MAX_NUMBER}.
 */
final class Parser {
  /** Deepest nesting of '(' and 'not', so parsing and checking never overflow the stack. */
  static final int MAX_NESTING = 32;

  /**
   * Most 'and', 'or' and 'not' in one expression: a chain of them is a tree as deep as it is long,
   * which the checker walks recursively.
   */
  static final int MAX_OPERATORS = 200;

  /** Longest expression, in characters. */
  static final int MAX_LENGTH = 20_000;

  /** Most digits in a number. */
  static final int MAX_DIGITS = 30;

  /** Largest absolute value of a number; every integer up to it is exact as a double. */
  static final BigDecimal MAX_NUMBER = new BigDecimal("9000000000000000");

  private final ExpressionSource source;
  private final List<Token> tokens;
  private int pos;
  private int depth;
  private int nesting;
  private int operators;

  Parser(ExpressionSource source) {
    this.source = source;
    int length = source.text().length();
    if (length > MAX_LENGTH) {
      throw ExpressionErrors.at(
          source,
          MAX_LENGTH,
          "式が長すぎます (" + length + " 文字、" + MAX_LENGTH + " 文字まで)",
          "the expression is " + length + " characters long, more than " + MAX_LENGTH,
          "セグメントを分けるか、条件を短くしてください",
          "split the segment or shorten the condition");
    }
    this.tokens = new Lexer(source).tokens();
  }

  Expr parse() {
    if (peek().kind() == TokenKind.EOF) {
      throw ExpressionErrors.at(
          source,
          0,
          "式が空です",
          "the expression is empty",
          "例: size_class == \"small_scale\" and need.digitalization >= 0.5",
          "write a condition such as size_class == \"small_scale\"");
    }
    Expr e = or();
    Token t = peek();
    if (t.kind() != TokenKind.EOF) {
      throw ExpressionErrors.unexpected(source, t, afterPredicate());
    }
    return e;
  }

  private Expr or() {
    Expr left = and();
    while (peek().kind() == TokenKind.OR) {
      Token op = advance();
      countOperator(op);
      left = new Expr.Or(left, and(), op.offset());
    }
    return left;
  }

  private Expr and() {
    Expr left = unary();
    while (peek().kind() == TokenKind.AND) {
      Token op = advance();
      countOperator(op);
      left = new Expr.And(left, unary(), op.offset());
    }
    return left;
  }

  private Expr unary() {
    if (peek().kind() == TokenKind.NOT) {
      Token not = advance();
      countOperator(not);
      enter(not);
      Expr operand = unary();
      nesting--;
      return new Expr.Not(operand, not.offset());
    }
    return predicate();
  }

  private Expr predicate() {
    Expr left = operand();
    Token t = peek();
    Expr.CompareOp op = compareOp(t.kind());
    if (op != null) {
      advance();
      return new Expr.Compare(left, op, operand(), t.offset());
    }
    if (t.kind() == TokenKind.IN) {
      advance();
      return new Expr.In(left, list(), false, t.offset());
    }
    if (t.kind() == TokenKind.NOT) {
      advance();
      Token in = peek();
      if (in.kind() != TokenKind.IN) {
        throw ExpressionErrors.unexpected(source, in, "'in' (x not in [..])");
      }
      advance();
      return new Expr.In(left, list(), true, t.offset());
    }
    if (left instanceof Expr.Field && !isFollower(t.kind()) && t.kind() != TokenKind.EOF) {
      throw ExpressionErrors.unexpected(
          source, t, "an operator (== != < <= > >= in), 'and', 'or'" + closing());
    }
    return left;
  }

  private Expr operand() {
    Token t = advance();
    switch (t.kind()) {
      case LPAREN:
        {
          enter(t);
          depth++;
          Expr inner = or();
          Token close = peek();
          if (close.kind() != TokenKind.RPAREN) {
            throw ExpressionErrors.unexpected(source, close, "'and', 'or' or ')'");
          }
          advance();
          depth--;
          nesting--;
          return inner;
        }
      case FIELD:
        return new Expr.Field(t.text(), t.offset());
      case STRING:
      case NUMBER:
      case TRUE:
      case FALSE:
        return literal(t);
      default:
        throw ExpressionErrors.unexpected(
            source, t, "a field, a value (\"text\", 10, 0.5, true) or '('");
    }
  }

  private Expr.ListOf list() {
    Token open = peek();
    if (open.kind() != TokenKind.LBRACKET) {
      throw ExpressionErrors.unexpected(source, open, "'[' to start a list such as [\"E\", \"D\"]");
    }
    advance();
    List<Expr.Literal> items = new ArrayList<>();
    if (peek().kind() == TokenKind.RBRACKET) {
      throw ExpressionErrors.at(
          source,
          peek().offset(),
          "空のリスト",
          "empty list",
          "少なくとも一つの値を書いてください",
          "put at least one value in the list");
    }
    while (true) {
      Token v = peek();
      if (!isLiteral(v.kind())) {
        throw ExpressionErrors.unexpected(source, v, "a value (\"text\", 10, 0.5, true)");
      }
      advance();
      items.add(literal(v));
      Token sep = peek();
      if (sep.kind() == TokenKind.RBRACKET) {
        advance();
        return new Expr.ListOf(items, open.offset());
      }
      if (sep.kind() != TokenKind.COMMA) {
        throw ExpressionErrors.unexpected(source, sep, "',' or ']'");
      }
      advance();
    }
  }

  private Expr.Literal literal(Token t) {
    return switch (t.kind()) {
      case STRING -> new Expr.Literal(t.text(), t.offset());
      case NUMBER -> new Expr.Literal(number(t), t.offset());
      case TRUE -> new Expr.Literal(Boolean.TRUE, t.offset());
      case FALSE -> new Expr.Literal(Boolean.FALSE, t.offset());
      default -> throw new IllegalStateException("not a literal: " + t);
    };
  }

  /** The exact value of a number token, refused if it is too long or too large for a double. */
  private double number(Token t) {
    String plain = t.text().replace("_", "");
    long digits = plain.chars().filter(c -> c >= '0' && c <= '9').count();
    String shown = ExpressionErrors.shown(t.text());
    if (digits > MAX_DIGITS) {
      throw ExpressionErrors.at(
          source,
          t.offset(),
          "数値 " + shown + " は桁が多すぎます (" + MAX_DIGITS + " 桁まで)",
          "number " + shown + " has more than " + MAX_DIGITS + " digits",
          "数値は 20、0.5、300_000_000 のように書きます",
          "expected a number such as 20, 0.5 or 300_000_000");
    }
    BigDecimal value = new BigDecimal(plain);
    if (value.abs().compareTo(MAX_NUMBER) > 0) {
      throw ExpressionErrors.at(
          source,
          t.offset(),
          "数値 " + shown + " は大きすぎます",
          "number " + shown + " is too large",
          "絶対値は 9_000_000_000_000_000 以下にしてください",
          "expected at most 9_000_000_000_000_000 in absolute value");
    }
    return value.doubleValue();
  }

  /** Counts an 'and', 'or' or 'not'. */
  private void countOperator(Token t) {
    if (++operators > MAX_OPERATORS) {
      throw ExpressionErrors.at(
          source,
          t.offset(),
          "and / or / not が多すぎます (" + MAX_OPERATORS + " 個まで)",
          "more than " + MAX_OPERATORS + " and/or/not in one expression",
          "値を並べるときは フィールド in [..] を使うか、セグメントを分けてください",
          "use field in [..] for a list of values, or split the segment");
    }
  }

  /** Opens a '(' or 'not'. */
  private void enter(Token t) {
    if (++nesting > MAX_NESTING) {
      throw ExpressionErrors.at(
          source,
          t.offset(),
          "括弧と not の入れ子が深すぎます (" + MAX_NESTING + " 段まで)",
          "'(' and 'not' nested deeper than " + MAX_NESTING + " levels",
          "括弧や not を重ねずに、条件を and / or で並べてください",
          "nest fewer '(' and 'not'; list conditions with and/or instead");
    }
  }

  private String afterPredicate() {
    return "'and', 'or'" + closing();
  }

  private String closing() {
    return depth > 0 ? " or ')'" : " or end of expression";
  }

  private static boolean isFollower(TokenKind k) {
    return k == TokenKind.AND || k == TokenKind.OR || k == TokenKind.RPAREN;
  }

  private static boolean isLiteral(TokenKind k) {
    return k == TokenKind.STRING
        || k == TokenKind.NUMBER
        || k == TokenKind.TRUE
        || k == TokenKind.FALSE;
  }

  private static Expr.CompareOp compareOp(TokenKind k) {
    return switch (k) {
      case EQ -> Expr.CompareOp.EQ;
      case NE -> Expr.CompareOp.NE;
      case LT -> Expr.CompareOp.LT;
      case LE -> Expr.CompareOp.LE;
      case GT -> Expr.CompareOp.GT;
      case GE -> Expr.CompareOp.GE;
      default -> null;
    };
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token advance() {
    Token t = tokens.get(pos);
    if (t.kind() != TokenKind.EOF) {
      pos++;
    }
    return t;
  }
}
