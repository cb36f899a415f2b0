package org.policyreach.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyreach.ingestion.spark.ScalaValues.seq;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.policyreach.ingestion.parse.ApplicationRecord;

/** The per-key merge rules, without Spark. */
class MergersTest {

  static final StructType LINE = lineSchema();

  static StructType lineSchema() {
    StructType t = new StructType().add("fingerprint", DataTypes.StringType);
    for (var f : ApplicationRecord.SCHEMA.fields()) {
      t = t.add(f);
    }
    return t;
  }

  static Row line(String status, String at, long lineNo, String fingerprint) {
    Map<String, Object> v = new HashMap<>();
    v.put("fingerprint", fingerprint);
    v.put("application_id", "A-1");
    v.put("program_id", "monozukuri-20");
    v.put("corporate_number", "4010401098455");
    v.put("source", "applications");
    v.put("submitted_at", Timestamp.valueOf("2025-05-01 10:00:00"));
    v.put("status", status);
    v.put("status_at", Timestamp.valueOf(at));
    v.put("status_rank", ApplicationMerger.rank(status));
    v.put("purpose_tags", seq(List.of()));
    v.put("attachments", seq(List.of("quote")));
    v.put("findings", seq(List.of(RowFactory.create("MISSING_ATTACHMENT", "missing " + status))));
    v.put("source_file", "a.jsonl");
    v.put("source_line", lineNo);
    return row(LINE, v);
  }

  static Row row(StructType schema, Map<String, Object> values) {
    Object[] out = new Object[schema.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(schema.fields()[i].name());
    }
    return new GenericRowWithSchema(out, schema);
  }

  static Row applicationMerge(List<Row> lines, Row current, String batchId) {
    Row r =
        ApplicationMerger.merge(
            lines.iterator(), current == null ? none() : List.of(current).iterator(), batchId);
    Object[] v = new Object[r.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    return new GenericRowWithSchema(v, ApplicationMerger.OUTPUT);
  }

  static Row asSilver(Row merged) {
    Object[] v = new Object[Tables.APPLICATIONS_SCHEMA.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = merged.get(i);
    }
    return new GenericRowWithSchema(v, Tables.APPLICATIONS_SCHEMA);
  }

  static List<String> history(Row r) {
    return r.<Row>getList(r.fieldIndex("status_history")).stream()
        .map(h -> h.getString(0))
        .toList();
  }

  static Iterator<Row> none() {
    return java.util.Collections.emptyIterator();
  }

  @Test
  void theLatestStatusWinsAndAnOlderOneArrivingLaterOnlyJoinsTheHistory() {
    Row first =
        applicationMerge(
            List.of(
                line("awarded", "2025-08-01 09:00:00", 2, "f2"),
                line("submitted", "2025-05-01 10:00:00", 1, "f1"),
                line("submitted", "2025-05-01 10:00:00", 3, "f1")),
            null,
            "b1");
    assertThat(first.<String>getAs("status")).isEqualTo("awarded");
    assertThat(first.<Boolean>getAs("is_new")).isTrue();
    assertThat(history(first)).containsExactly("submitted", "awarded");
    assertThat(first.<Long>getAs("source_line")).isEqualTo(2);

    Row late =
        applicationMerge(
            List.of(line("accepted", "2025-07-01 09:00:00", 9, "f3")), asSilver(first), "b2");
    assertThat(late.<String>getAs("status")).isEqualTo("awarded");
    assertThat(late.<String>getAs("batch_id")).isEqualTo("b1");
    assertThat(late.<Boolean>getAs("is_new")).isFalse();
    assertThat(history(late)).containsExactly("submitted", "accepted", "awarded");
    assertThat(late.<Row>getList(late.fieldIndex("findings")))
        .extracting(f -> f.getString(1))
        .containsExactlyInAnyOrder("missing awarded", "missing submitted", "missing accepted");

    Row again =
        applicationMerge(
            List.of(line("accepted", "2025-07-01 09:00:00", 9, "f3")), asSilver(late), "b2");
    assertThat(asSilver(again)).isEqualTo(asSilver(late));
  }

  @Test
  void aDecisionOutranksTheSubmissionAtTheSameInstant() {
    Row r =
        applicationMerge(
            List.of(
                line("rejected", "2025-05-01 10:00:00", 1, "f1"),
                line("submitted", "2025-05-01 10:00:00", 2, "f2")),
            null,
            "b1");
    assertThat(r.<String>getAs("status")).isEqualTo("rejected");
  }

  static Row patch(String source, String asOf, long order, Map<String, Object> values) {
    Map<String, Object> v = new HashMap<>(values);
    v.put("corporate_number", "4010401098455");
    v.put("patch_source", source);
    v.put("patch_as_of", Date.valueOf(asOf));
    v.put("patch_order", order);
    return row(FirmMerger.PATCH, v);
  }

  static Row firm(List<Row> patches, Row current) {
    Row r =
        FirmMerger.merge(
            "4010401098455",
            patches.iterator(),
            current == null ? none() : List.of(current).iterator(),
            "b");
    Object[] v = new Object[Tables.FIRMS_SCHEMA.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.get(i);
    }
    return new GenericRowWithSchema(v, Tables.FIRMS_SCHEMA);
  }

  static String source(Row firm, String field) {
    Map<String, Row> m = firm.getJavaMap(firm.fieldIndex("field_sources"));
    return m.containsKey(field) ? m.get(field).getString(0) : null;
  }

  @Test
  void eachFirmFieldKeepsItsBestSource() {
    Row declared =
        patch(
            "applications",
            "2025-05-01",
            1,
            Map.of(
                "name", "サンプル", "capital_yen", 5_000_000L, "employees", 3, "jsic_division", "E"));
    Row f1 = firm(List.of(declared), null);
    assertThat(f1.<String>getAs("name")).isEqualTo("サンプル");
    assertThat(f1.<String>getAs("size_class")).isEqualTo("small_scale");
    assertThat(source(f1, "capital_yen")).isEqualTo("applications");

    Row attributes =
        patch(
            "firm_attributes",
            "2024-01-01",
            1,
            Map.of(
                "capital_yen",
                50_000_000L,
                "employees",
                40,
                "jsic_division",
                "E",
                "jsic_major",
                "29"));
    Row registry =
        patch(
            "registry",
            "2024-03-01",
            7,
            Map.of("name", "株式会社サンプル", "status", "active", "prefecture_code", "13"));
    Row f2 = firm(List.of(attributes, registry), f1);
    assertThat(f2.<String>getAs("name")).isEqualTo("株式会社サンプル");
    assertThat(f2.<Long>getAs("capital_yen")).isEqualTo(50_000_000L);
    assertThat(f2.<String>getAs("jsic_major")).isEqualTo("29");
    assertThat(f2.<String>getAs("size_class")).isEqualTo("sme");
    assertThat(source(f2, "employees")).isEqualTo("firm_attributes");
    assertThat(f2.<Date>getAs("registry_update_date")).isEqualTo(Date.valueOf("2024-03-01"));

    Row newerDeclaration = patch("legacy", "2026-01-01", 1, Map.of("employees", 2, "city", "千代田区"));
    Row f3 = firm(List.of(newerDeclaration), f2);
    assertThat(f3.<Integer>getAs("employees")).isEqualTo(40);
    assertThat(f3.<String>getAs("city")).isEqualTo("千代田区");

    Row closed =
        patch(
            "registry",
            "2025-01-01",
            9,
            Map.of(
                "name",
                "株式会社サンプル",
                "status",
                "closed",
                "close_date",
                Date.valueOf("2024-12-31"),
                "close_cause",
                "01"));
    Row staleRegistry =
        patch("registry", "2023-01-01", 3, Map.of("name", "旧商号", "status", "active"));
    Row f4 = firm(List.of(staleRegistry, closed), f3);
    assertThat(f4.<String>getAs("status")).isEqualTo("closed");
    assertThat(f4.<String>getAs("name")).isEqualTo("株式会社サンプル");
    assertThat(f4.<String>getAs("city")).isEqualTo("千代田区");

    Row restored =
        patch("registry", "2025-06-01", 1, Map.of("name", "株式会社サンプル", "status", "active"));
    Row f5 = firm(List.of(restored), f4);
    assertThat(f5.<String>getAs("status")).isEqualTo("active");
    assertThat(f5.<Object>getAs("close_date")).isNull();
    assertThat(firm(List.of(restored), f5)).isEqualTo(f5);
  }
}
