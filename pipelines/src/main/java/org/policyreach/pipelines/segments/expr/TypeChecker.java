package org.policyreach.pipelines.segments.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.policyreach.core.DomainException;

/**
 * Resolves fields, checks types and normalizes code values. Returns the tree with normalized
 * literals; throws the language's error (file:line:column, token, what was expected) otherwise.
 */
final class TypeChecker {
  private final ExpressionSource source;
  private final SegmentFields fields;

  TypeChecker(ExpressionSource source, SegmentFields fields) {
    this.source = source;
    this.fields = fields;
  }

  Expr checkCondition(Expr e) {
    Typed t = check(e);
    requireBoolean(t, e);
    return t.expr();
  }

  private record Typed(Expr expr, ExprType type) {}

  private Typed check(Expr e) {
    if (e instanceof Expr.Field f) {
      return new Typed(f, field(f).type());
    }
    if (e instanceof Expr.Literal l) {
      return new Typed(l, ExprType.of(l.value()));
    }
    if (e instanceof Expr.And a) {
      return new Typed(new Expr.And(bool(a.left()), bool(a.right()), a.offset()), ExprType.BOOLEAN);
    }
    if (e instanceof Expr.Or o) {
      return new Typed(new Expr.Or(bool(o.left()), bool(o.right()), o.offset()), ExprType.BOOLEAN);
    }
    if (e instanceof Expr.Not n) {
      return new Typed(new Expr.Not(bool(n.operand()), n.offset()), ExprType.BOOLEAN);
    }
    if (e instanceof Expr.Compare c) {
      return new Typed(compare(c), ExprType.BOOLEAN);
    }
    if (e instanceof Expr.In in) {
      return new Typed(in(in), ExprType.BOOLEAN);
    }
    if (e instanceof Expr.ListOf list) {
      throw ExpressionErrors.at(
          source,
          list.offset(),
          "リストは in の右辺にだけ書けます",
          "a list may only follow 'in'",
          "例: jsic in [\"E\", \"D\"]",
          "write field in [..]");
    }
    throw new IllegalStateException("unknown node " + e);
  }

  private Expr bool(Expr e) {
    Typed t = check(e);
    requireBoolean(t, e);
    return t.expr();
  }

  private void requireBoolean(Typed t, Expr e) {
    if (t.type() != ExprType.BOOLEAN) {
      String shown = ExpressionErrors.shown(e);
      throw ExpressionErrors.at(
          source,
          e.offset(),
          "'" + shown + "' は条件ではなく" + t.type().labelJa() + "です",
          "'" + shown + "' is " + t.type().labelEn() + ", not a condition",
          "比較を書いてください (例: " + shown + " >= 0.5)",
          "compare it, e.g. " + shown + " >= 0.5");
    }
  }

  private Expr compare(Expr.Compare c) {
    Typed left = check(c.left());
    Typed right = check(c.right());
    if (left.type() != right.type()) {
      Expr bad = right.expr() instanceof Expr.Field ? c.left() : c.right();
      ExprType want = bad == c.right() ? left.type() : right.type();
      ExprType got = bad == c.right() ? right.type() : left.type();
      throw ExpressionErrors.at(
          source,
          bad.offset(),
          "'"
              + ExpressionErrors.shown(c.left())
              + "' と '"
              + ExpressionErrors.shown(c.right())
              + "' は型が違います ("
              + got.labelJa()
              + ")",
          "type mismatch: '" + ExpressionErrors.shown(bad) + "' is " + got.labelEn(),
          want.labelJa() + "が必要です",
          "expected " + want.labelEn());
    }
    if (c.op().isOrdering() && left.type() != ExprType.NUMBER) {
      throw ExpressionErrors.at(
          source,
          c.offset(),
          "'" + c.op().symbol() + "' は数値の比較にだけ使えます",
          "'" + c.op().symbol() + "' compares numbers, not " + left.type().labelEn(),
          "== か != を使ってください",
          "expected '==' or '!='");
    }
    return new Expr.Compare(
        normalize(left.expr(), right.expr()),
        c.op(),
        normalize(right.expr(), left.expr()),
        c.offset());
  }

  private Expr in(Expr.In in) {
    Typed operand = check(in.operand());
    List<Expr.Literal> items = new ArrayList<>();
    for (Expr.Literal item : in.list().items()) {
      ExprType t = ExprType.of(item.value());
      if (t != operand.type()) {
        throw ExpressionErrors.at(
            source,
            item.offset(),
            "リストの値 " + ExpressionErrors.shown(item) + " は" + t.labelJa() + "です",
            "list value " + ExpressionErrors.shown(item) + " is " + t.labelEn(),
            "'"
                + ExpressionErrors.shown(in.operand())
                + "' と同じ"
                + operand.type().labelJa()
                + "が必要です",
            "expected "
                + operand.type().labelEn()
                + " like '"
                + ExpressionErrors.shown(in.operand())
                + "'");
      }
      items.add((Expr.Literal) normalize(item, operand.expr()));
    }
    return new Expr.In(
        operand.expr(), new Expr.ListOf(items, in.list().offset()), in.negated(), in.offset());
  }

  /** A string literal compared with a code-valued field becomes the canonical code. */
  private Expr normalize(Expr value, Expr other) {
    if (!(value instanceof Expr.Literal lit)
        || !(lit.value() instanceof String raw)
        || !(other instanceof Expr.Field f)) {
      return value;
    }
    SegmentFields.Field field = field(f);
    if (field.codes() == null) {
      return value;
    }
    try {
      return new Expr.Literal(field.codes().apply(raw), lit.offset());
    } catch (DomainException e) {
      throw ExpressionErrors.at(
          source,
          lit.offset(),
          f.name() + " の値 " + ExpressionErrors.shown(lit) + " は存在しません",
          "unknown " + f.name() + " value " + ExpressionErrors.shown(lit),
          f.name() + " の値は " + field.valuesHint(),
          "expected one of " + field.valuesHint());
    }
  }

  private SegmentFields.Field field(Expr.Field f) {
    return fields
        .find(f.name())
        .orElseThrow(
            () -> {
              if (f.name().startsWith(SegmentFields.NEED_PREFIX)) {
                String needs = String.join(", ", new TreeSet<>(fields.needIds()));
                String name = ExpressionErrors.shown(f.name());
                return ExpressionErrors.at(
                    source,
                    f.offset(),
                    "ニーズ '"
                        + ExpressionErrors.shown(
                            f.name().substring(SegmentFields.NEED_PREFIX.length()))
                        + "' は needs.yaml にありません",
                    "unknown need '" + name + "'",
                    "need.<id> の id は次のいずれか: " + needs,
                    "expected need.<id> with id one of " + needs);
              }
              String known = String.join(", ", fields.fixedNames()) + ", need.<id>";
              String name = ExpressionErrors.shown(f.name());
              return ExpressionErrors.at(
                  source,
                  f.offset(),
                  "不明なフィールド '" + name + "'",
                  "unknown field '" + name + "'",
                  "使えるフィールド: " + known,
                  "expected one of " + known);
            });
  }
}
