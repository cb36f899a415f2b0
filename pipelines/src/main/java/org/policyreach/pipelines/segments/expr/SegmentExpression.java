package org.policyreach.pipelines.segments.expr;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;

/**
 * A parsed and type-checked segment condition over {@code gold.firm_profiles}, such as {@code
 * size_class == "small_scale" and jsic in ["E"] and need.digitalization >= 0.5}.
 *
 * <p>Semantics: {@code and}, {@code or}, {@code not}, parentheses; comparisons {@code == != < <= >
 * >=} (ordering on numbers only); {@code x [not] in [..]}. A comparison on an unknown attribute
 * (null employees, say) is false, so a firm whose attribute is unknown is never selected by a
 * condition on it, and {@code not} of that comparison is true.
 *
 * <p>Compiles to a Spark {@link Column} built from column objects, never from SQL text.
 */
public final class SegmentExpression {
  private final ExpressionSource source;
  private final Expr tree;

  private SegmentExpression(ExpressionSource source, Expr tree) {
    this.source = source;
    this.tree = tree;
  }

  /**
   * Parses and checks an expression.
   *
   * @throws org.policyreach.core.ConfigException naming file, line, column, the offending token and
   *     what was expected
   */
  public static SegmentExpression parse(ExpressionSource source, SegmentFields fields) {
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(fields, "fields is null");
    Expr parsed = new Parser(source).parse();
    return new SegmentExpression(source, new TypeChecker(source, fields).checkCondition(parsed));
  }

  public String text() {
    return source.text();
  }

  /** The checked tree, with code values normalized. */
  public Expr tree() {
    return tree;
  }

  /** A boolean column, never null: true for the firms in the segment. */
  public Column toColumn(SegmentFields fields) {
    return known(tree, fields);
  }

  private static Column compile(Expr e, SegmentFields fields) {
    if (e instanceof Expr.Field f) {
      return fields.find(f.name()).orElseThrow().column();
    }
    if (e instanceof Expr.Literal l) {
      Object v = l.value();
      if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15) {
        return lit(d.longValue());
      }
      return lit(v);
    }
    if (e instanceof Expr.And || e instanceof Expr.Or) {
      boolean and = e instanceof Expr.And;
      List<Expr> operands = new ArrayList<>();
      chain(e, and, operands);
      List<Column> terms = operands.stream().map(x -> known(x, fields)).toList();
      return balanced(terms, 0, terms.size(), and);
    }
    if (e instanceof Expr.Not n) {
      return not(known(n.operand(), fields));
    }
    if (e instanceof Expr.Compare c) {
      Column l = compile(c.left(), fields);
      Column r = compile(c.right(), fields);
      return switch (c.op()) {
        case EQ -> l.equalTo(r);
        case NE -> l.notEqual(r);
        case LT -> l.lt(r);
        case LE -> l.leq(r);
        case GT -> l.gt(r);
        case GE -> l.geq(r);
      };
    }
    if (e instanceof Expr.In in) {
      Object[] values = in.list().items().stream().map(i -> literalValue(i)).toArray();
      Column member = compile(in.operand(), fields).isin(values);
      // not in: false when the operand is unknown
      return in.negated() ? member.eqNullSafe(lit(false)) : member;
    }
    throw new IllegalStateException("cannot compile " + e);
  }

  /** The operands of a chain of one operator, in order: a and b and c gives [a, b, c]. */
  private static void chain(Expr e, boolean and, List<Expr> out) {
    if (and && e instanceof Expr.And a) {
      chain(a.left(), true, out);
      chain(a.right(), true, out);
    } else if (!and && e instanceof Expr.Or o) {
      chain(o.left(), false, out);
      chain(o.right(), false, out);
    } else {
      out.add(e);
    }
  }

  /**
   * {@code terms[from..to)} joined by and (or or) as a balanced tree, so a long chain stays
   * shallow: Spark converts and analyzes columns recursively, and a chain of 200 'or' as deep as it
   * is long overflowed the stack.
   */
  private static Column balanced(List<Column> terms, int from, int to, boolean and) {
    if (to - from == 1) {
      return terms.get(from);
    }
    int mid = (from + to) >>> 1;
    Column left = balanced(terms, from, mid, and);
    Column right = balanced(terms, mid, to, and);
    return and ? left.and(right) : left.or(right);
  }

  /**
   * Every sub-condition is two-valued: unknown (null) counts as false before and/or/not. Written
   * {@code c <=> true} rather than {@code coalesce(c, false)}: Spark's subexpression elimination
   * walks every branch of a coalesce again, so nested coalesces take time exponential in the
   * nesting (generating a predicate for a chain of 13 'and' took 90 s, each more ×4).
   */
  private static Column known(Expr e, SegmentFields fields) {
    return compile(e, fields).eqNullSafe(lit(true));
  }

  private static Object literalValue(Expr.Literal l) {
    Object v = l.value();
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15) {
      return d.longValue();
    }
    return v;
  }

  @Override
  public String toString() {
    return tree.toString();
  }
}
