package org.policyreach.pipelines.build;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.PipelineException;

/**
 * Silver as it was visible at the end of the as-of date (Asia/Tokyo), so that a build for a past
 * date never reads later records:
 *
 * <ul>
 *   <li>firms: assigned (法人番号指定) on or before the date and not closed by then;
 *   <li>applications: submitted on or before the date, with the status they had then — the last
 *       entry of {@code status_history} at or before the end of the day; without a history, the
 *       recorded status once {@code decided_at} has passed (or, with no decision time either, 180
 *       days after submission), {@code submitted} before;
 *   <li>events: at or before the end of the day;
 *   <li>contacts (the push ledger): sent at or before the end of the day.
 * </ul>
 *
 * Firm attributes (capital, employees, industry) are the latest known: silver keeps no history of
 * them.
 */
public final class AsOfSilver {

  /** Assumed delay before an undated decision of a history-less (legacy) record is known. */
  public static final int UNDATED_DECISION_DAYS = 180;

  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private final SparkSession spark;
  private final Lakehouse lakehouse;
  private final LocalDate asOf;
  private final Map<String, Long> pinned;
  private Dataset<Row> firms;
  private Dataset<Row> applications;
  private Dataset<Row> events;
  private Dataset<Row> contacts;

  public AsOfSilver(SparkSession spark, Lakehouse lakehouse, LocalDate asOf) {
    this(spark, lakehouse, asOf, null);
  }

  /**
   * Silver of {@code lakehouse} at the Delta versions in {@code pinned} (table → version; a table
   * missing from the map did not exist when they were taken), as visible on {@code asOf}; null
   * reads the latest versions.
   */
  public AsOfSilver(
      SparkSession spark, Lakehouse lakehouse, LocalDate asOf, Map<String, Long> pinned) {
    this.spark = spark;
    this.lakehouse = lakehouse;
    this.asOf = asOf;
    this.pinned = pinned == null ? null : Map.copyOf(pinned);
  }

  /**
   * The current Delta version of each of {@code tables} in {@code lakehouse}'s silver (absent
   * tables left out): a consistent view for reads that must not see later commits.
   */
  public static Map<String, Long> versions(
      SparkSession spark, Lakehouse lakehouse, List<String> tables) {
    Map<String, Long> versions = new LinkedHashMap<>();
    for (String table : tables) {
      OptionalLong v = lakehouse.version(spark, "silver", table);
      if (v.isPresent()) {
        versions.put(table, v.getAsLong());
      }
    }
    return versions;
  }

  /** The pinned versions read, or null when the latest are. */
  public Map<String, Long> pinned() {
    return pinned;
  }

  public LocalDate asOf() {
    return asOf;
  }

  /** First instant after the as-of date (Tokyo midnight); visible means strictly before it. */
  public Timestamp endOfDay() {
    return Timestamp.from(asOf.plusDays(1).atStartOfDay(TOKYO).toInstant());
  }

  /** Firms active on the as-of date, with the silver.firms columns of {@link SilverSchemas}. */
  public synchronized Dataset<Row> activeFirms() {
    if (firms == null) {
      if (!exists("firms")) {
        throw PipelineException.badInput(
            "Cannot build: silver.firms does not exist under "
                + lakehouse.root()
                + "; ingest the corporate registry first (policyreach ingest --source registry"
                + " --input …)");
      }
      Date day = Date.valueOf(asOf);
      Dataset<Row> all = read("firms", SilverSchemas.FIRMS);
      Column assigned = col("assignment_date").isNull().or(col("assignment_date").leq(day));
      Column closedBy =
          col("close_date")
              .leq(day)
              .or(
                  col("close_date")
                      .isNull()
                      .and(coalesce(col("status"), lit("active")).notEqual("active"))
                      .and(coalesce(col("registry_update_date"), lit(day)).leq(day)));
      firms = all.filter(assigned.and(not(coalesce(closedBy, lit(false)))));
    }
    return firms;
  }

  /**
   * Applications submitted by the as-of date; {@code status} is replaced by the status then and
   * {@code submitted_date} is filled from {@code submitted_at} where missing.
   */
  public synchronized Dataset<Row> applications() {
    if (applications == null) {
      Date day = Date.valueOf(asOf);
      Timestamp end = endOfDay();
      Dataset<Row> all = read("applications", SilverSchemas.APPLICATIONS);
      Column submitted = coalesce(col("submitted_date"), to_date(col("submitted_at")));
      Column known = filter(col("status_history"), h -> h.getField("at").lt(lit(end)));
      // try_: no status known yet at the as-of date is an empty array, which must read as null
      // (→ "submitted") rather than fail under ANSI mode.
      Column fromHistory = try_element_at(known, lit(-1)).getField("status");
      Column undated =
          when(col("decided_at").isNotNull(), col("decided_at").lt(lit(end)))
              .otherwise(date_add(submitted, UNDATED_DECISION_DAYS).leq(lit(day)));
      Column statusThen =
          when(
                  coalesce(size(col("status_history")), lit(-1)).gt(0),
                  coalesce(fromHistory, lit("submitted")))
              .otherwise(when(undated, col("status")).otherwise(lit("submitted")));
      applications =
          all.withColumn("submitted_date", submitted)
              .filter(col("submitted_date").leq(lit(day)))
              .withColumn("status", statusThen);
    }
    return applications;
  }

  /** Events at or before the end of the as-of date. */
  public synchronized Dataset<Row> events() {
    if (events == null) {
      events = read("events", SilverSchemas.EVENTS).filter(col("at").lt(lit(endOfDay())));
    }
    return events;
  }

  /** Contact-ledger rows (silver.contacts) sent at or before the end of the as-of date. */
  public synchronized Dataset<Row> contacts() {
    if (contacts == null) {
      contacts =
          read("contacts", SilverSchemas.CONTACTS)
              .filter(col("sent_at").isNotNull().and(col("sent_at").lt(lit(endOfDay()))));
    }
    return contacts;
  }

  private boolean exists(String table) {
    return pinned != null ? pinned.containsKey(table) : lakehouse.exists(spark, "silver", table);
  }

  private Dataset<Row> read(String table, StructType needed) {
    if (!exists(table)) {
      return spark.createDataFrame(java.util.List.of(), needed);
    }
    DataFrameReader reader = spark.read().format("delta");
    if (pinned != null) {
      reader = reader.option("versionAsOf", pinned.get(table));
    }
    Dataset<Row> df = reader.load(lakehouse.path("silver", table));
    for (org.apache.spark.sql.types.StructField f : needed.fields()) {
      String name = f.name();
      if (!Arrays.asList(df.columns()).contains(name) && SilverSchemas.OPTIONAL.contains(name)) {
        df = df.withColumn(name, lit(null).cast(f.dataType()));
      } else if (!Arrays.asList(df.columns()).contains(name)) {
        throw PipelineException.failure(
            "Cannot build: silver."
                + table
                + " has no column "
                + name
                + " (has "
                + String.join(", ", df.columns())
                + "); re-ingest with this version or check docs/architecture.md");
      }
    }
    return df.select(Arrays.stream(needed.fieldNames()).map(n -> col(n)).toArray(Column[]::new));
  }
}
