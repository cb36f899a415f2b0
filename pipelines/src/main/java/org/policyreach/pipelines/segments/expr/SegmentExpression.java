package org.policyreach.pipelines.segments.expr;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

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
    return coalesce(compile(tree, fields), lit(false));
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
    if (e instanceof Expr.And a) {
      return known(a.left(), fields).and(known(a.right(), fields));
    }
    if (e instanceof Expr.Or o) {
      return known(o.left(), fields).or(known(o.right(), fields));
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
      return in.negated() ? not(coalesce(member, lit(true))) : member;
    }
    throw new IllegalStateException("cannot compile " + e);
  }

  /** Every sub-condition is two-valued: unknown (null) counts as false before and/or/not. */
  private static Column known(Expr e, SegmentFields fields) {
    return coalesce(compile(e, fields), lit(false));
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
