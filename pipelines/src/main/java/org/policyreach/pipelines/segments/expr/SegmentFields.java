package org.policyreach.pipelines.segments.expr;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.policyreach.core.DomainException;
import org.policyreach.core.Jsic;
import org.policyreach.core.Prefecture;
import org.policyreach.core.SizeClass;

/**
 * The fields a segment expression may use, their types and their columns in {@code
 * gold.firm_profiles}. Code-valued fields check and normalize their values through core ({@code
 * jsic in ["製造業"]} becomes {@code "E"}, {@code prefecture == "東京都"} becomes {@code "13"}).
 */
public final class SegmentFields {

  /** Prefix of need-score fields: {@code need.<need id>}. */
  public static final String NEED_PREFIX = "need.";

  /**
   * One field.
   *
   * @param codes for code-valued string fields: raw value → canonical code, throwing {@link
   *     DomainException} for an unknown value; null for free fields
   */
  public record Field(
      String name,
      ExprType type,
      Column column,
      Function<String, String> codes,
      String valuesHint) {}

  private final Map<String, Field> fixed = new LinkedHashMap<>();
  private final Set<String> needIds;

  /**
   * @param needIds the need ids of {@code conf/needs.yaml}
   */
  public SegmentFields(Set<String> needIds) {
    this.needIds = Set.copyOf(Objects.requireNonNull(needIds, "needIds is null"));
    add(
        "size_class",
        ExprType.STRING,
        "size_class",
        v -> SizeClass.ofId(v).id(),
        "small_scale, sme, large");
    add("jsic", ExprType.STRING, "jsic_division", v -> Jsic.parse(v).letter(), "A〜T (例: \"E\")");
    add(
        "prefecture",
        ExprType.STRING,
        "prefecture_code",
        v -> Prefecture.parse(v).code(),
        "01〜47 または都道府県名 (例: \"13\", \"東京都\")");
    add("firm_age", ExprType.NUMBER, "firm_age_years", null, null);
    add("employees", ExprType.NUMBER, "employees", null, null);
    add("capital_yen", ExprType.NUMBER, "capital_yen", null, null);
    add("reached", ExprType.BOOLEAN, "reached", null, null);
    add("applications", ExprType.NUMBER, "applications", null, null);
    add("awards", ExprType.NUMBER, "awards", null, null);
  }

  private void add(
      String name, ExprType type, String column, Function<String, String> codes, String hint) {
    fixed.put(name, new Field(name, type, col(column), codes, hint));
  }

  /** The field of that name, empty if there is none. */
  public Optional<Field> find(String name) {
    Field f = fixed.get(name);
    if (f != null) {
      return Optional.of(f);
    }
    if (name.startsWith(NEED_PREFIX) && needIds.contains(name.substring(NEED_PREFIX.length()))) {
      String id = name.substring(NEED_PREFIX.length());
      return Optional.of(
          new Field(name, ExprType.NUMBER, col("need_scores").getItem(id), null, null));
    }
    return Optional.empty();
  }

  /** Names of the fixed fields, in documentation order. */
  public List<String> fixedNames() {
    return List.copyOf(fixed.keySet());
  }

  public Set<String> needIds() {
    return needIds;
  }
}
