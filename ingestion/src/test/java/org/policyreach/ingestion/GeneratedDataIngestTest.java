package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingests every source of a generated dataset and checks it against the generator's truth: each
 * injected fault is quarantined (with a reason), flagged on its silver record, or counted as a
 * duplicate — and no clean line is quarantined or flagged.
 */
class GeneratedDataIngestTest {

  /** Faults that make a line untrustworthy: it must be in quarantine, with a reason. */
  static final Set<String> QUARANTINED_KINDS =
      Set.of(
          "bad_check_digit",
          "unknown_program",
          "malformed",
          "impossible_date",
          "negative_amount",
          "mojibake");

  /** Faults kept on the accepted record as findings. */
  static final Map<String, String> FLAGGED_KINDS =
      Map.of("missing_attachment", "MISSING_ATTACHMENT", "amount_over_max", "AMOUNT_OVER_MAX");

  static final Map<Source, String> FOLDERS = new EnumMap<>(Source.class);

  static {
    FOLDERS.put(Source.REGISTRY, "registry");
    FOLDERS.put(Source.FIRM_ATTRIBUTES, "firm_attributes");
    FOLDERS.put(Source.APPLICATIONS, "applications");
    FOLDERS.put(Source.LEGACY, "legacy");
    FOLDERS.put(Source.EVENTS, "events");
  }

  @TempDir static Path dir;
  static TestLake lake;
  static GeneratedData data;
  static final Map<Source, IngestResult> results = new EnumMap<>(Source.class);

  @BeforeAll
  static void ingestEverything() {
    lake = new TestLake(dir);
    data = GeneratedData.generate(dir.resolve("input"), 300, 0.08, StandardCharsets.UTF_8);
    for (Map.Entry<Source, String> e : FOLDERS.entrySet()) {
      results.put(e.getKey(), lake.ingest(e.getKey(), data.folder(e.getValue())));
    }
  }

  @Test
  void everyBatchReconcilesAndReadsEveryDataLine() {
    for (Map.Entry<Source, IngestResult> e : results.entrySet()) {
      IngestResult r = e.getValue();
      Source s = e.getKey();
      assertThat(r.reconciles()).as(s + " " + r.summary()).isTrue();
      assertThat(r.read())
          .as("records read from " + s)
          .isEqualTo(
              data.dataLines(
                  FOLDERS.get(s),
                  s == Source.LEGACY ? Source.CP932 : StandardCharsets.UTF_8,
                  s == Source.LEGACY));
    }
    List<Row> ledger =
        lake.table("meta", "batches").filter(col("status").equalTo("committed")).collectAsList();
    assertThat(ledger).hasSize(FOLDERS.size());
    for (Row b : ledger) {
      assertThat(b.<Long>getAs("read"))
          .isEqualTo(
              b.<Long>getAs("accepted")
                  + b.<Long>getAs("quarantined")
                  + b.<Long>getAs("duplicates"));
    }
  }

  @Test
  void exactlyTheUntrustworthyLinesAreQuarantinedWithReasons() {
    for (Map.Entry<Source, String> e : FOLDERS.entrySet()) {
      Set<String> expected =
          data.faults(e.getValue()).stream()
              .filter(f -> QUARANTINED_KINDS.contains(f.kind()))
              .map(f -> f.fileName() + ":" + f.line())
              .collect(Collectors.toSet());
      List<Row> rows =
          lake.table("quarantine", "records")
              .filter(col("source").equalTo(e.getKey().id()))
              .collectAsList();
      Set<String> actual =
          rows.stream()
              .map(r -> r.<String>getAs("source_file") + ":" + r.<Long>getAs("line"))
              .collect(Collectors.toSet());
      assertThat(actual).as("quarantined lines of " + e.getKey()).isEqualTo(expected);
      assertThat(rows)
          .allSatisfy(r -> assertThat(r.<Row>getList(r.fieldIndex("reasons"))).isNotEmpty());
      assertThat(results.get(e.getKey()).quarantined()).isEqualTo(expected.size());
    }
  }

  @Test
  void exactDuplicatesAreCountedNotStored() {
    for (Map.Entry<Source, String> e : FOLDERS.entrySet()) {
      assertThat(results.get(e.getKey()).duplicates())
          .as("duplicates of " + e.getKey())
          .isEqualTo(data.faults(e.getValue(), "duplicate").size());
    }
    Dataset<Row> apps = lake.table("silver", "applications");
    assertThat(apps.count()).isEqualTo(apps.select("application_id").distinct().count());
    Dataset<Row> firms = lake.table("silver", "firms");
    assertThat(firms.count()).isEqualTo(firms.select("corporate_number").distinct().count());
    Dataset<Row> events = lake.table("silver", "events");
    assertThat(events.count()).isEqualTo(events.select("event_id").distinct().count());
    long bronze = lake.table("bronze", "applications").count();
    assertThat(
            lake.table("bronze", "applications").select("source_file", "line").distinct().count())
        .isEqualTo(bronze);
  }

  @Test
  void dataQualityFindingsAreKeptOnTheRecordAndNoCleanRecordIsFlagged() {
    Map<String, Set<String>> flaggedApps = new java.util.HashMap<>();
    for (String folder : List.of("applications", "legacy")) {
      for (GeneratedData.Fault f : data.faults(folder)) {
        String code = FLAGGED_KINDS.get(f.kind());
        if (code != null) {
          flaggedApps.computeIfAbsent(f.applicationId(), k -> new HashSet<>()).add(code);
        }
      }
    }
    Map<String, Set<String>> found = new java.util.HashMap<>();
    for (Row r :
        lake.table("silver", "applications")
            .select(col("application_id"), explode(col("findings.code")).as("code"))
            .filter(col("code").notEqual("ERA_OVERFLOW"))
            .collectAsList()) {
      found.computeIfAbsent(r.getString(0), k -> new HashSet<>()).add(r.getString(1));
    }
    assertThat(found).isEqualTo(flaggedApps);
    for (Source s : List.of(Source.APPLICATIONS, Source.LEGACY)) {
      String folder = FOLDERS.get(s);
      assertThat(results.get(s).findings("MISSING_ATTACHMENT"))
          .isEqualTo(data.faults(folder, "missing_attachment").size());
      assertThat(results.get(s).findings("AMOUNT_OVER_MAX"))
          .isEqualTo(data.faults(folder, "amount_over_max").size());
      assertThat(results.get(s).findings()).doesNotContainKey("SIZE_MISMATCH_WITH_REGISTRY");
    }
  }

  @Test
  void silverHoldsOneNormalizedRecordPerKey() {
    List<Row> legacy =
        lake.table("silver", "applications")
            .filter(col("source").equalTo("legacy"))
            .collectAsList();
    assertThat(legacy).isNotEmpty();
    assertThat(legacy)
        .allSatisfy(
            r -> {
              assertThat(r.<String>getAs("corporate_number")).matches("\\d{13}");
              assertThat(r.<String>getAs("declared_prefecture_code")).matches("\\d{2}");
              assertThat(r.<String>getAs("declared_jsic_division")).matches("[A-T]");
              assertThat(r.<Object>getAs("submitted_date")).isNotNull();
            });
    Row firm =
        lake.table("silver", "firms")
            .filter(col("name").isNotNull().and(col("capital_yen").isNotNull()))
            .head();
    Map<String, Row> sources = firm.getJavaMap(firm.fieldIndex("field_sources"));
    assertThat(sources.get("name").getString(0)).isEqualTo("registry");
    assertThat(sources.get("capital_yen").getString(0))
        .isIn("firm_attributes", "application", "legacy");
    assertThat(lake.table("silver", "programs").count()).isGreaterThanOrEqualTo(20);
    assertThat(lake.table("silver", "registry_history").count())
        .isEqualTo(results.get(Source.REGISTRY).accepted());
  }

  static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  static final Pattern PHONE = Pattern.compile("(?<!\\d)0\\d{1,4}-\\d{1,4}-\\d{4}(?!\\d)");

  @Test
  void contactDetailsNeverLeaveBronze() {
    Set<String> contactNames = new HashSet<>();
    for (Row r : lake.table("bronze", "applications").select("raw").collectAsList()) {
      var m = Pattern.compile("\"contact\":\\{\"name\":\"([^\"]+)\"").matcher(r.getString(0));
      if (m.find()) {
        contactNames.add(m.group(1));
      }
    }
    assertThat(contactNames).isNotEmpty();
    for (String schema : List.of("silver", "quarantine", "meta")) {
      for (String table : lake.lakehouse.tablesIn(lake.spark, schema)) {
        Dataset<Row> t = lake.table(schema, table);
        for (StructField f : t.schema().fields()) {
          assertThat(f.name()).doesNotContain("email", "phone", "contact");
        }
        for (Row r : t.select(to_json(struct(col("*")))).collectAsList()) {
          String json = r.getString(0);
          assertThat(EMAIL.matcher(json).find()).as(schema + "." + table + ": " + json).isFalse();
          assertThat(PHONE.matcher(json).find()).as(schema + "." + table + ": " + json).isFalse();
          assertThat(contactNames).noneMatch(json::contains);
        }
      }
    }
  }

  @Test
  void reIngestingTheSameContentIsANoOpThatSaysSo() {
    long bronze = lake.table("bronze", "applications").count();
    long apps = lake.table("silver", "applications").count();
    IngestResult again = lake.ingest(Source.APPLICATIONS, data.folder("applications"));
    assertThat(again.alreadyIngested()).isTrue();
    assertThat(again.batchId()).isEqualTo(results.get(Source.APPLICATIONS).batchId());
    assertThat(again.summary()).contains("already ingested");
    assertThat(lake.table("bronze", "applications").count()).isEqualTo(bronze);
    assertThat(lake.table("silver", "applications").count()).isEqualTo(apps);
  }
}
