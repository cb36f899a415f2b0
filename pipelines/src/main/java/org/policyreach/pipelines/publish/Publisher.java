package org.policyreach.pipelines.publish;

import static org.apache.spark.sql.functions.col;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.PipelineException;

/**
 * Records in {@code meta.publications} which versions of the gold tables belong to a build. A table
 * belongs to build {@code b} when its latest version holds rows with {@code build_id = b}; the
 * version recorded is that one. The serving layer reads exactly the recorded versions (Delta time
 * travel), so a later write to a gold table never shows through before its build is published.
 *
 * <p>Ids are {@code pub-000001}, {@code pub-000002}, … in publication order. Publishing a build
 * whose tables have not changed since its last publication returns that publication instead of
 * adding a row.
 */
public final class Publisher {
  public static final String SCHEMA_NAME = "meta";
  public static final String TABLE = "publications";

  public static final StructType SCHEMA =
      new StructType()
          .add("publication_id", DataTypes.StringType, false)
          .add("build_id", DataTypes.StringType, false)
          .add("as_of", DataTypes.DateType, false)
          .add("created_at", DataTypes.TimestampType, false)
          .add(
              "tables",
              DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false),
              false);

  private static final Pattern ID = Pattern.compile("pub-(\\d+)");

  private final SparkSession spark;
  private final Lakehouse lakehouse;
  private final Clock clock;

  public Publisher(SparkSession spark, Lakehouse lakehouse, Clock clock) {
    this.spark = Objects.requireNonNull(spark, "spark is null");
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /**
   * Publishes build {@code buildId}: every gold table whose latest version has rows of that build,
   * at that version.
   *
   * @throws PipelineException (bad input) when no gold table holds rows of the build
   */
  public Publication publish(String buildId, LocalDate asOf) {
    Map<String, Long> tables = versionsOf(buildId);
    if (tables.isEmpty()) {
      throw PipelineException.badInput(
          "Cannot publish build "
              + buildId
              + ": no gold table under "
              + lakehouse.root()
              + "/gold has rows of it; run the build (policyreach build) before publishing");
    }
    List<Publication> all = list();
    Optional<Publication> same =
        all.stream()
            .filter(p -> p.buildId().equals(buildId) && p.tables().equals(tables))
            .max(Comparator.comparing(Publication::createdAt));
    Optional<Publication> latest = latestOf(all);
    if (same.isPresent() && latest.isPresent() && latest.get().equals(same.get())) {
      return same.get();
    }
    Publication p =
        new Publication(
            nextId(all),
            buildId,
            asOf,
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            new LinkedHashMap<>(tables));
    Row row =
        RowFactory.create(
            p.publicationId(),
            p.buildId(),
            Date.valueOf(p.asOf()),
            Timestamp.from(p.createdAt()),
            scala.jdk.javaapi.CollectionConverters.asScala(p.tables()));
    spark
        .createDataFrame(List.of(row), SCHEMA)
        .write()
        .format("delta")
        .mode(SaveMode.Append)
        .save(lakehouse.path(SCHEMA_NAME, TABLE));
    return p;
  }

  /**
   * Publishes build {@code buildId}, reading its as-of date from its gold rows (for a publish step
   * run apart from the build).
   */
  public Publication publish(String buildId) {
    for (String table : lakehouse.tablesIn(spark, "gold")) {
      Dataset<Row> rows = spark.read().format("delta").load(lakehouse.path("gold", table));
      List<String> columns = Arrays.asList(rows.columns());
      if (columns.contains("build_id") && columns.contains("as_of")) {
        List<Row> day =
            rows.filter(col("build_id").equalTo(buildId).and(col("as_of").isNotNull()))
                .select("as_of")
                .limit(1)
                .collectAsList();
        if (!day.isEmpty()) {
          return publish(buildId, day.get(0).getDate(0).toLocalDate());
        }
      }
    }
    throw PipelineException.badInput(
        "Cannot publish build "
            + buildId
            + ": no gold table under "
            + lakehouse.root()
            + "/gold has rows of it; check the build id (policyreach build --json prints it)");
  }

  /** The gold tables that hold rows of {@code buildId} at their latest version, with it. */
  public Map<String, Long> versionsOf(String buildId) {
    Map<String, Long> tables = new LinkedHashMap<>();
    for (String table : lakehouse.tablesIn(spark, "gold")) {
      OptionalLong version = lakehouse.version(spark, "gold", table);
      if (version.isEmpty()) {
        continue;
      }
      Dataset<Row> at =
          spark
              .read()
              .format("delta")
              .option("versionAsOf", version.getAsLong())
              .load(lakehouse.path("gold", table));
      if (Arrays.asList(at.columns()).contains("build_id")
          && !at.filter(col("build_id").equalTo(buildId)).limit(1).isEmpty()) {
        tables.put("gold." + table, version.getAsLong());
      }
    }
    return tables;
  }

  /** Every publication, oldest first. */
  public List<Publication> list() {
    if (!lakehouse.exists(spark, SCHEMA_NAME, TABLE)) {
      return List.of();
    }
    List<Publication> out = new ArrayList<>();
    for (Row r :
        spark.read().format("delta").load(lakehouse.path(SCHEMA_NAME, TABLE)).collectAsList()) {
      Map<String, Long> tables = new LinkedHashMap<>(r.getJavaMap(r.fieldIndex("tables")));
      out.add(
          new Publication(
              r.getAs("publication_id"),
              r.getAs("build_id"),
              r.<Date>getAs("as_of").toLocalDate(),
              r.<Timestamp>getAs("created_at").toInstant(),
              tables));
    }
    out.sort(
        Comparator.comparing(Publication::createdAt).thenComparing(Publication::publicationId));
    return out;
  }

  /** The newest publication (what the serving layer loads). */
  public Optional<Publication> latest() {
    return latestOf(list());
  }

  private static Optional<Publication> latestOf(List<Publication> all) {
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  private static String nextId(List<Publication> all) {
    long max = 0;
    for (Publication p : all) {
      Matcher m = ID.matcher(p.publicationId());
      if (m.matches()) {
        max = Math.max(max, Long.parseLong(m.group(1)));
      }
    }
    return String.format("pub-%06d", max + 1);
  }
}
