package org.policyreach.pipelines.segments.expr;

import java.util.List;
import java.util.stream.Collectors;

/** The syntax tree of a segment expression; every node knows its offset in the source. */
public sealed interface Expr
    permits Expr.Field,
        Expr.Literal,
        Expr.ListOf,
        Expr.Compare,
        Expr.In,
        Expr.And,
        Expr.Or,
        Expr.Not {

  int offset();

  /** A field such as {@code size_class} or {@code need.digitalization}. */
  record Field(String name, int offset) implements Expr {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A string, number ({@link Double}) or boolean value. */
  record Literal(Object value, int offset) implements Expr {
    @Override
    public String toString() {
      if (value instanceof String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
      }
      if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      return String.valueOf(value);
    }
  }

  /** {@code [v1, v2, …]}, only as the right side of {@code in}. */
  record ListOf(List<Literal> items, int offset) implements Expr {
    public ListOf {
      items = List.copyOf(items);
    }

    @Override
    public String toString() {
      return items.stream().map(Literal::toString).collect(Collectors.joining(", ", "[", "]"));
    }
  }

  /** {@code left op right}; the offset is the operator's. */
  record Compare(Expr left, CompareOp op, Expr right, int offset) implements Expr {
    @Override
    public String toString() {
      return left + " " + op.symbol() + " " + right;
    }
  }

  /** {@code operand [not] in [..]}; the offset is the {@code in}'s (or {@code not}'s). */
  record In(Expr operand, ListOf list, boolean negated, int offset) implements Expr {
    @Override
    public String toString() {
      return operand + (negated ? " not in " : " in ") + list;
    }
  }

  record And(Expr left, Expr right, int offset) implements Expr {
    @Override
    public String toString() {
      return "(" + left + " and " + right + ")";
    }
  }

  record Or(Expr left, Expr right, int offset) implements Expr {
    @Override
    public String toString() {
      return "(" + left + " or " + right + ")";
    }
  }

  record Not(Expr operand, int offset) implements Expr {
    @Override
    public String toString() {
      return "not " + operand;
    }
  }

  /** Comparison operators. */
  enum CompareOp {
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    CompareOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean isOrdering() {
      return this != EQ && this != NE;
    }
  }
}
