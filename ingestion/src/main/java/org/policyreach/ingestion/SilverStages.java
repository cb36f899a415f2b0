package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.policyreach.ingestion.spark.ScalaValues.seq;

import java.sql.Date;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.policyreach.ingestion.parse.Reason;

/**
 * From parsed lines to silver, one method per source. Each write is idempotent by batch, so a batch
 * re-run after a crash finishes what is missing and leaves every record once.
 */
final class SilverStages {

  /** What a stage adds to the batch's reconciliation beyond the parse counts. */
  record Outcome(long extraDuplicates, Map<String, Long> extraFindings, List<String> tables) {}

  private static final String SIZE_MISMATCH = "SIZE_MISMATCH_WITH_REGISTRY";

  private SilverStages() {}

  static Outcome write(
      SparkSession spark,
      Lakehouse lakehouse,
      Source source,
      Dataset<Row> parsed,
      String batchId,
      Instant startedAt) {
    return switch (source) {
      case REGISTRY -> registry(spark, lakehouse, parsed, batchId);
      case FIRM_ATTRIBUTES -> firmAttributes(spark, lakehouse, parsed, batchId, startedAt);
      case APPLICATIONS, LEGACY -> applications(spark, lakehouse, parsed, batchId);
      case EVENTS -> events(spark, lakehouse, parsed, batchId);
      case CONTACTS -> contacts(spark, lakehouse, parsed, batchId);
      case PROGRAMS -> throw new IllegalArgumentException("programs are synced, not parsed");
    };
  }

  static Dataset<Row> accepted(Dataset<Row> parsed) {
    return parsed.filter(col("record").isNotNull()).select(col("fingerprint"), col("record.*"));
  }

  /** The first line (by file and line) of each distinct content. */
  static Dataset<Row> unique(Dataset<Row> records, String keyColumn) {
    return records
        .withColumn(
            "_rn",
            row_number()
                .over(
                    Window.partitionBy(col(keyColumn))
                        .orderBy(col("source_file"), col("source_line"))))
        .filter(col("_rn").equalTo(1))
        .drop("_rn");
  }

  // ---------------------------------------------------------------- registry

  private static Outcome registry(
      SparkSession spark, Lakehouse lakehouse, Dataset<Row> parsed, String batchId) {
    Dataset<Row> records = accepted(parsed);
    Dataset<Row> history =
        unique(records, "fingerprint")
            .withColumn("batch_id", lit(batchId))
            .select(columns(Tables.REGISTRY_HISTORY_SCHEMA));
    DeltaWrites.appendOnce(
        spark,
        lakehouse.path(Tables.SILVER, Tables.REGISTRY_HISTORY),
        Tables.REGISTRY_HISTORY_SCHEMA,
        history,
        batchId);
    Map<String, Column> given = new HashMap<>();
    given.put("corporate_number", col("corporate_number"));
    given.put("patch_source", lit(FirmMerger.REGISTRY));
    given.put("patch_as_of", col("update_date"));
    given.put("patch_order", col("sequence_number"));
    for (String f : FirmMerger.REGISTRY_FIELDS) {
      given.put(f, col(f));
    }
    FirmsWriter.write(spark, lakehouse, records.select(FirmsWriter.patchColumns(given)), batchId);
    return new Outcome(
        0, Map.of(), List.of("silver." + Tables.REGISTRY_HISTORY, "silver." + Tables.FIRMS));
  }

  // ---------------------------------------------------------------- firm attributes

  private static Outcome firmAttributes(
      SparkSession spark,
      Lakehouse lakehouse,
      Dataset<Row> parsed,
      String batchId,
      Instant startedAt) {
    Date received = Date.valueOf(startedAt.atZone(java.time.ZoneId.of("Asia/Tokyo")).toLocalDate());
    Map<String, Column> given = new HashMap<>();
    given.put("corporate_number", col("corporate_number"));
    given.put("patch_source", lit(FirmMerger.FIRM_ATTRIBUTES));
    given.put("patch_as_of", coalesce(col("update_date"), lit(received)));
    given.put("patch_order", col("source_line"));
    for (String f : FirmMerger.ATTRIBUTE_FIELDS) {
      given.put(f, col(f));
    }
    FirmsWriter.write(
        spark, lakehouse, accepted(parsed).select(FirmsWriter.patchColumns(given)), batchId);
    return new Outcome(0, Map.of(), List.of("silver." + Tables.FIRMS));
  }

  // ---------------------------------------------------------------- applications

  private static Outcome applications(
      SparkSession spark, Lakehouse lakehouse, Dataset<Row> parsed, String batchId) {
    // not cached: recomputing from the cached parse is cheaper than a second copy of the batch
    Dataset<Row> apps = withSizeCheck(spark, lakehouse, accepted(parsed));
    {
      long mismatches =
          !lakehouse.exists(spark, Tables.SILVER, Tables.FIRMS)
              ? 0
              : apps.filter(array_contains(col("findings.code"), SIZE_MISMATCH))
                  .select("fingerprint")
                  .distinct()
                  .count();
      mergeApplications(spark, lakehouse, apps, batchId);
      Map<String, Column> given = new HashMap<>();
      given.put("corporate_number", col("corporate_number"));
      // field_sources names the e-application source "application" (docs/architecture.md)
      given.put(
          "patch_source",
          when(col("source").equalTo(Source.APPLICATIONS.id()), lit(FirmMerger.APPLICATION))
              .otherwise(col("source")));
      given.put("patch_as_of", col("submitted_date"));
      given.put("patch_order", col("source_line"));
      given.put("name", col("declared_name"));
      given.put("prefecture_code", col("declared_prefecture_code"));
      given.put("city", col("declared_city"));
      given.put("jsic_division", col("declared_jsic_division"));
      given.put("jsic_major", col("declared_jsic_major"));
      given.put("capital_yen", col("declared_capital_yen"));
      given.put("employees", col("declared_employees"));
      given.put("established", col("declared_established"));
      FirmsWriter.write(spark, lakehouse, apps.select(FirmsWriter.patchColumns(given)), batchId);
      return new Outcome(
          0,
          mismatches == 0 ? Map.of() : Map.of(SIZE_MISMATCH, mismatches),
          List.of("silver." + Tables.APPLICATIONS, "silver." + Tables.FIRMS));
    }
  }

  /**
   * Applications new to silver are built in SQL and appended; those already there are merged line
   * by line with {@link ApplicationMerger}. Both follow the same order: the latest status by
   * (status time, progress, file, line), the history distinct by (status, time) and sorted, the
   * findings distinct and sorted.
   */
  private static void mergeApplications(
      SparkSession spark, Lakehouse lakehouse, Dataset<Row> apps, String batchId) {
    String path = lakehouse.path(Tables.SILVER, Tables.APPLICATIONS);
    Dataset<Row> target = DeltaWrites.ensure(spark, path, Tables.APPLICATIONS_SCHEMA).toDF();
    Dataset<Row> known = target.select(col("application_id").as("_known"));
    Column isKnown = apps.col("application_id").equalTo(known.col("_known"));
    DeltaWrites.appendOnce(
        spark,
        path,
        Tables.APPLICATIONS_SCHEMA,
        newApplications(apps.join(known, isKnown, "left_anti"), batchId),
        batchId);

    Dataset<Row> lines = apps.join(known, isKnown, "left_semi");
    if (lines.isEmpty()) {
      return;
    }
    Dataset<Row> keys = lines.select(col("application_id").as("_id")).distinct();
    Dataset<Row> current =
        target.join(keys, target.col("application_id").equalTo(keys.col("_id")), "left_semi");
    MapFunction<Row, String> byId = r -> r.getAs("application_id");
    Dataset<Row> merged =
        lines
            .groupByKey(byId, Encoders.STRING())
            .cogroup(
                current.groupByKey(byId, Encoders.STRING()),
                (CoGroupFunction<String, Row, Row, Row>)
                    (id, batchLines, cur) -> {
                      Row r = ApplicationMerger.merge(batchLines, cur, batchId);
                      return r == null ? List.<Row>of().iterator() : List.of(r).iterator();
                    },
                Encoders.row(ApplicationMerger.OUTPUT))
            .drop("is_new");
    DeltaWrites.mergeOnce(
        spark,
        path,
        Tables.APPLICATIONS_SCHEMA,
        batchId + ":update",
        t ->
            t.as("t")
                .merge(merged.as("s"), "t.application_id = s.application_id")
                .whenMatched()
                .updateAll()
                .whenNotMatched()
                .insertAll()
                .execute());
  }

  private static final String RANK =
      "CASE status WHEN 'submitted' THEN 0 WHEN 'accepted' THEN 1 ELSE 2 END";
  private static final String NO_TIME = "TIMESTAMP'0001-01-01 00:00:00'";

  /** One silver row per new application, as {@link ApplicationMerger} builds it without target. */
  static Dataset<Row> newApplications(Dataset<Row> lines, String batchId) {
    List<Column> fields = new ArrayList<>();
    for (org.apache.spark.sql.types.StructField f : Tables.APPLICATIONS_SCHEMA.fields()) {
      if (!List.of("status_history", "findings", "batch_id").contains(f.name())) {
        fields.add(col(f.name()));
      }
    }
    Column order =
        expr("struct(coalesce(status_at, " + NO_TIME + "), status_rank, source_file, source_line)");
    Column historyEntry =
        expr(
            "struct(coalesce(status_at, "
                + NO_TIME
                + ") AS k, "
                + RANK
                + " AS r, status AS s, struct(status, status_at AS at, '"
                + batchId.replace("'", "''")
                + "' AS batch_id) AS e)");
    Dataset<Row> grouped =
        lines
            .groupBy(col("application_id").as("_id"))
            .agg(
                max_by(struct(fields.toArray(Column[]::new)), order).as("best"),
                array_sort(array_distinct(collect_list(historyEntry))).as("_history"),
                array_sort(array_distinct(flatten(collect_list(col("findings"))))).as("_findings"));
    Column[] out = new Column[Tables.APPLICATIONS_SCHEMA.size()];
    for (int i = 0; i < out.length; i++) {
      org.apache.spark.sql.types.StructField f = Tables.APPLICATIONS_SCHEMA.fields()[i];
      Column c =
          switch (f.name()) {
            case "status_history" -> expr("transform(_history, h -> h.e)");
            case "findings" -> col("_findings");
            case "batch_id" -> lit(batchId);
            default -> col("best." + f.name());
          };
      out[i] = c.cast(f.dataType()).as(f.name());
    }
    return grouped.select(out);
  }

  /**
   * Adds {@code SIZE_MISMATCH_WITH_REGISTRY} where the size class implied by the declared capital
   * and employees differs from the one silver.firms knows from the registry and firm attributes
   * (values declared on earlier applications do not count).
   */
  private static Dataset<Row> withSizeCheck(
      SparkSession spark, Lakehouse lakehouse, Dataset<Row> records) {
    StructType schema = records.schema();
    if (!lakehouse.exists(spark, Tables.SILVER, Tables.FIRMS)) {
      return records;
    }
    Dataset<Row> firms =
        spark.read().format("delta").load(lakehouse.path(Tables.SILVER, Tables.FIRMS));
    Dataset<Row> known =
        firms.select(
            col("corporate_number").as("_cn"),
            trusted("jsic_division").as("_jsic"),
            trusted("jsic_major").as("_major"),
            trusted("capital_yen").as("_capital"),
            trusted("employees").as("_employees"));
    Dataset<Row> joined =
        records.join(known, records.col("corporate_number").equalTo(known.col("_cn")), "left");
    int width = schema.size();
    int findings = schema.fieldIndex("findings");
    MapPartitionsFunction<Row, Row> check =
        rows ->
            new Iterator<>() {
              @Override
              public boolean hasNext() {
                return rows.hasNext();
              }

              @Override
              public Row next() {
                Row r = rows.next();
                Object[] v = new Object[width];
                for (int i = 0; i < width; i++) {
                  v[i] = r.get(i);
                }
                String mismatch = sizeMismatch(r);
                if (mismatch != null) {
                  List<Row> f = new ArrayList<>(r.<Row>getList(findings));
                  Reason reason = Reason.labelled(SIZE_MISMATCH, mismatch);
                  f.add(RowFactory.create(reason.code(), reason.detail()));
                  v[findings] = seq(f);
                }
                return RowFactory.create(v);
              }
            };
    return joined.mapPartitions(check, Encoders.row(schema));
  }

  private static Column trusted(String field) {
    return when(
        col("field_sources")
            .getItem(field)
            .getField("source")
            .isin(FirmMerger.REGISTRY, FirmMerger.FIRM_ATTRIBUTES),
        col(field));
  }

  /**
   * The mismatch between the declared size and what is known, or null. Each side fills the facts it
   * lacks from the other, so a declaration that merely adds a fact (employees the registry lacks)
   * or omits one is not a mismatch; one that contradicts a known fact is.
   */
  static String sizeMismatch(Row r) {
    String cn = r.getAs("corporate_number");
    Long capital = r.getAs("declared_capital_yen");
    Integer employees = r.getAs("declared_employees");
    Long knownCapital = r.getAs("_capital");
    Integer knownEmployees = r.getAs("_employees");
    if ((capital == null && employees == null)
        || (knownCapital == null && knownEmployees == null)) {
      return null;
    }
    String knownJsic = r.getAs("_jsic");
    String knownMajor = r.getAs("_major");
    String declaredJsic = r.getAs("declared_jsic_division");
    String declaredMajor = r.getAs("declared_jsic_major");
    String jsic = declaredJsic != null ? declaredJsic : knownJsic;
    String major =
        declaredMajor != null
            ? declaredMajor
            : knownJsic != null && knownJsic.equals(jsic) ? knownMajor : null;
    String declared =
        FirmMerger.sizeClass(
            cn,
            jsic,
            major,
            capital != null ? capital : knownCapital,
            employees != null ? employees : knownEmployees);
    String registered =
        FirmMerger.sizeClass(
            cn,
            knownJsic != null ? knownJsic : jsic,
            knownJsic != null ? knownMajor : major,
            knownCapital != null ? knownCapital : capital,
            knownEmployees != null ? knownEmployees : employees);
    if (declared == null || registered == null || declared.equals(registered)) {
      return null;
    }
    return "declared "
        + declared
        + " (capital "
        + capital
        + ", employees "
        + employees
        + ") but known as "
        + registered
        + " (capital "
        + knownCapital
        + ", employees "
        + knownEmployees
        + ")";
  }

  // ---------------------------------------------------------------- events

  private static Outcome events(
      SparkSession spark, Lakehouse lakehouse, Dataset<Row> parsed, String batchId) {
    String path = lakehouse.path(Tables.SILVER, Tables.EVENTS);
    Dataset<Row> target = DeltaWrites.ensure(spark, path, Tables.EVENTS_SCHEMA).toDF();
    Dataset<Row> first = unique(accepted(parsed), "event_id");
    Dataset<Row> seenBefore =
        target.filter(col("batch_id").notEqual(batchId)).select(col("event_id").as("_seen"));
    Dataset<Row> fresh =
        first
            .join(seenBefore, first.col("event_id").equalTo(seenBefore.col("_seen")), "left_anti")
            .withColumn("batch_id", lit(batchId))
            .select(columns(Tables.EVENTS_SCHEMA))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long uniqueCount = first.count();
      long freshCount = fresh.count();
      DeltaWrites.appendOnce(spark, path, Tables.EVENTS_SCHEMA, fresh, batchId);
      return new Outcome(uniqueCount - freshCount, Map.of(), List.of("silver." + Tables.EVENTS));
    } finally {
      fresh.unpersist();
    }
  }

  // ---------------------------------------------------------------- contacts

  /**
   * The latest line of each contact id in the batch (by status time, then file and line) is merged
   * into the ledger: a new contact is inserted, a known one takes the status when it is not older
   * than the one recorded (a bounce or a returned letter after the send).
   */
  private static Outcome contacts(
      SparkSession spark, Lakehouse lakehouse, Dataset<Row> parsed, String batchId) {
    Dataset<Row> latest =
        accepted(parsed)
            .withColumn(
                "_rn",
                row_number()
                    .over(
                        Window.partitionBy(col("contact_id"))
                            .orderBy(
                                coalesce(col("status_at"), col("sent_at")).desc_nulls_last(),
                                col("source_file").desc(),
                                col("source_line").desc())))
            .filter(col("_rn").equalTo(1))
            .withColumn("address_sha256", lit(null).cast("string"))
            .withColumn("message", lit(null).cast("string"))
            .withColumn("batch_id", lit(batchId))
            .select(columns(Tables.CONTACTS_SCHEMA));
    Map<String, String> update = new java.util.LinkedHashMap<>();
    update.put("status", "s.status");
    update.put("status_at", "s.status_at");
    update.put("channel", "coalesce(t.channel, s.channel)");
    update.put("sent_at", "coalesce(t.sent_at, s.sent_at)");
    update.put("batch_id", "s.batch_id");
    DeltaWrites.mergeOnce(
        spark,
        lakehouse.path(Tables.SILVER, Tables.CONTACTS),
        Tables.CONTACTS_SCHEMA,
        batchId,
        t ->
            t.as("t")
                .merge(latest.as("s"), "t.contact_id = s.contact_id")
                .whenMatched(
                    "s.status IS NOT NULL AND (t.status_at IS NULL OR s.status_at >= t.status_at)")
                .updateExpr(update)
                .whenNotMatched()
                .insertAll()
                .execute());
    return new Outcome(0, Map.of(), List.of("silver." + Tables.CONTACTS));
  }

  static Column[] columns(StructType schema) {
    Column[] cols = new Column[schema.size()];
    for (int i = 0; i < cols.length; i++) {
      String name = schema.fields()[i].name();
      cols[i] = col(name).cast(schema.fields()[i].dataType()).as(name);
    }
    return cols;
  }
}
