package org.policyreach.pipelines.segments.expr;

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
 */
final class Parser {
  private final ExpressionSource source;
  private final List<Token> tokens;
  private int pos;
  private int depth;

  Parser(ExpressionSource source) {
    this.source = source;
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
      left = new Expr.Or(left, and(), op.offset());
    }
    return left;
  }

  private Expr and() {
    Expr left = unary();
    while (peek().kind() == TokenKind.AND) {
      Token op = advance();
      left = new Expr.And(left, unary(), op.offset());
    }
    return left;
  }

  private Expr unary() {
    if (peek().kind() == TokenKind.NOT) {
      Token not = advance();
      return new Expr.Not(unary(), not.offset());
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
          depth++;
          Expr inner = or();
          Token close = peek();
          if (close.kind() != TokenKind.RPAREN) {
            throw ExpressionErrors.unexpected(source, close, "'and', 'or' or ')'");
          }
          advance();
          depth--;
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
      case NUMBER -> new Expr.Literal(Double.parseDouble(t.text().replace("_", "")), t.offset());
      case TRUE -> new Expr.Literal(Boolean.TRUE, t.offset());
      case FALSE -> new Expr.Literal(Boolean.FALSE, t.offset());
      default -> throw new IllegalStateException("not a literal: " + t);
    };
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
