package org.policyreach.ingestion;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.policyreach.ingestion.spark.ScalaValues.map;

import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.DomainException;
import org.policyreach.core.FirmFacts;
import org.policyreach.core.Jsic;
import org.policyreach.core.SizeClass;

/**
 * Builds one {@code silver.firms} row — the once-only record — from the firm's current row and the
 * patches of a batch. Each field keeps the value of its best source: the registry for identity and
 * status (the latest by update date and sequence number wins, as a block), firm attributes for size
 * and industry, and values declared on applications only where nothing better is known; within a
 * source the newer as-of date wins. Applying the same patches twice gives the same row.
 */
final class FirmMerger {

  static final String REGISTRY = "registry";
  static final String FIRM_ATTRIBUTES = "firm_attributes";
  static final String APPLICATION = "application";

  /** Fields the registry owns as one block (a newer registry row replaces all of them). */
  static final List<String> REGISTRY_FIELDS =
      List.of(
          "name",
          "name_kana",
          "kind",
          "prefecture_code",
          "city",
          "post_code",
          "status",
          "close_date",
          "close_cause",
          "successor_corporate_number",
          "assignment_date");

  static final List<String> ATTRIBUTE_FIELDS =
      List.of("jsic_division", "jsic_major", "capital_yen", "employees", "established");

  /** Fields an application may fill when no better source has. */
  static final List<String> DECLARED_FIELDS =
      List.of(
          "name",
          "prefecture_code",
          "city",
          "jsic_division",
          "capital_yen",
          "employees",
          "established");

  /** One source's values for a firm as of a date. */
  static final StructType PATCH = patchSchema();

  /** {@code silver.firms} plus whether the firm is new to the table. */
  static final StructType OUTPUT = Tables.FIRMS_SCHEMA.add("is_new", DataTypes.BooleanType, false);

  private static StructType patchSchema() {
    StructType t =
        new StructType()
            .add("corporate_number", StringType, false)
            .add("patch_source", StringType, false)
            .add("patch_as_of", DateType, true)
            .add("patch_order", LongType, false);
    for (String f : REGISTRY_FIELDS) {
      t = t.add(nullable(Tables.FIRMS_SCHEMA.apply(f)));
    }
    for (String f : ATTRIBUTE_FIELDS) {
      t = t.add(nullable(Tables.FIRMS_SCHEMA.apply(f)));
    }
    return t;
  }

  private static StructField nullable(StructField f) {
    return new StructField(f.name(), f.dataType(), true, f.metadata());
  }

  private FirmMerger() {}

  static int rank(String source) {
    return switch (source) {
      case REGISTRY -> 3;
      case FIRM_ATTRIBUTES -> 2;
      default -> 1;
    };
  }

  /** The mutable state of one firm while patches are applied. */
  private static final class State {
    final String cn;
    final Map<String, Object> values = new HashMap<>();
    final Map<String, Row> sources = new TreeMap<>();
    Date registryUpdateDate;

    State(String cn) {
      this.cn = cn;
    }

    int rankOf(String field) {
      Row s = sources.get(field);
      return s == null ? 0 : rank(s.getString(0));
    }

    Date asOf(String field) {
      Row s = sources.get(field);
      return s == null ? null : (Date) s.get(1);
    }

    void set(String field, Object value, String source, Date asOf) {
      values.put(field, value);
      if (value == null) {
        sources.remove(field);
      } else {
        sources.put(field, RowFactory.create(source, asOf));
      }
    }
  }

  /**
   * @param patches the batch's patches for one firm ({@link #PATCH})
   * @param current the firm's row in silver, if any
   */
  static Row merge(String cn, Iterator<Row> patches, Iterator<Row> current, String batchId) {
    List<Row> sorted = new ArrayList<>();
    patches.forEachRemaining(sorted::add);
    if (sorted.isEmpty()) {
      return null;
    }
    Row target = current.hasNext() ? current.next() : null;
    State state = new State(cn);
    if (target != null) {
      load(target, state);
    }
    sorted.sort(
        Comparator.comparing((Row p) -> days((Date) p.getAs("patch_as_of")))
            .thenComparing(p -> rank(p.getAs("patch_source")))
            .thenComparing(p -> p.<Long>getAs("patch_order")));
    for (Row p : sorted) {
      apply(p, state);
    }
    return output(state, batchId, target == null);
  }

  private static void load(Row target, State state) {
    for (String f : REGISTRY_FIELDS) {
      state.values.put(f, target.get(target.fieldIndex(f)));
    }
    for (String f : ATTRIBUTE_FIELDS) {
      state.values.put(f, target.get(target.fieldIndex(f)));
    }
    Map<String, Row> sources = target.getJavaMap(target.fieldIndex("field_sources"));
    state.sources.putAll(sources);
    state.registryUpdateDate = target.getAs("registry_update_date");
  }

  private static void apply(Row p, State state) {
    String source = p.getAs("patch_source");
    Date asOf = p.getAs("patch_as_of");
    switch (source) {
      case REGISTRY -> applyRegistry(p, state, asOf);
      case FIRM_ATTRIBUTES -> applyAttributes(p, state, asOf);
      default -> applyDeclared(p, state, source, asOf);
    }
  }

  private static void applyRegistry(Row p, State state, Date asOf) {
    if (state.registryUpdateDate != null && days(asOf) < days(state.registryUpdateDate)) {
      return; // an older registry row arriving late: history only
    }
    for (String f : REGISTRY_FIELDS) {
      Object v = p.get(p.fieldIndex(f));
      if (v != null || state.rankOf(f) == rank(REGISTRY)) {
        state.set(f, v, REGISTRY, asOf);
      }
    }
    state.registryUpdateDate = asOf;
  }

  private static void applyAttributes(Row p, State state, Date asOf) {
    String division = p.getAs("jsic_division");
    if (division != null && wins(state, "jsic_division", FIRM_ATTRIBUTES, asOf)) {
      state.set("jsic_division", division, FIRM_ATTRIBUTES, asOf);
      state.set("jsic_major", p.getAs("jsic_major"), FIRM_ATTRIBUTES, asOf);
    }
    for (String f : List.of("capital_yen", "employees", "established")) {
      Object v = p.get(p.fieldIndex(f));
      if (v != null && wins(state, f, FIRM_ATTRIBUTES, asOf)) {
        state.set(f, v, FIRM_ATTRIBUTES, asOf);
      }
    }
  }

  private static void applyDeclared(Row p, State state, String source, Date asOf) {
    for (String f : DECLARED_FIELDS) {
      Object v = p.get(p.fieldIndex(f));
      if (v == null || !wins(state, f, source, asOf)) {
        continue;
      }
      if (f.equals("jsic_division")) {
        Object declaredMajor = p.getAs("jsic_major");
        Object major = state.values.get("jsic_major");
        boolean majorFits = major != null && v.equals(state.values.get("jsic_division"));
        state.set(
            "jsic_major",
            declaredMajor != null ? declaredMajor : majorFits ? major : null,
            source,
            asOf);
      }
      state.set(f, v, source, asOf);
    }
  }

  /** Whether a value from {@code source} as of {@code asOf} replaces the field's current one. */
  private static boolean wins(State state, String field, String source, Date asOf) {
    if (state.values.get(field) == null) {
      return true;
    }
    int current = state.rankOf(field);
    int incoming = rank(source);
    if (incoming != current) {
      return incoming > current;
    }
    return days(asOf) >= days(state.asOf(field));
  }

  private static Row output(State s, String batchId, boolean isNew) {
    Map<String, Row> sources = new TreeMap<>(s.sources);
    String sizeClass = sizeClass(s);
    Object[] v = new Object[OUTPUT.size()];
    for (int i = 0; i < Tables.FIRMS_SCHEMA.size(); i++) {
      String name = Tables.FIRMS_SCHEMA.fields()[i].name();
      v[i] =
          switch (name) {
            case "corporate_number" -> s.cn;
            case "size_class" -> sizeClass;
            case "field_sources" -> map(sources);
            case "registry_update_date" -> s.registryUpdateDate;
            case "updated_batch_id" -> batchId;
            default -> s.values.get(name);
          };
    }
    v[v.length - 1] = isNew;
    return RowFactory.create(v);
  }

  /** The SME Basic Act class from the merged attributes, through core's one rule. */
  static String sizeClass(State s) {
    return sizeClass(
        s.cn,
        (String) s.values.get("jsic_division"),
        (String) s.values.get("jsic_major"),
        (Long) s.values.get("capital_yen"),
        (Integer) s.values.get("employees"));
  }

  static String sizeClass(
      String cn, String division, String major, Long capital, Integer employees) {
    try {
      FirmFacts facts =
          new FirmFacts(
              CorporateNumber.parse(cn),
              null,
              division == null ? null : Jsic.ofLetter(division),
              major,
              capital,
              employees,
              null);
      return facts.sizeClass().map(SizeClass::id).orElse(null);
    } catch (DomainException e) {
      return null; // inconsistent industry code: no class rather than a wrong one
    }
  }

  private static long days(Date d) {
    return d == null ? Long.MIN_VALUE : d.toLocalDate().toEpochDay();
  }
}
