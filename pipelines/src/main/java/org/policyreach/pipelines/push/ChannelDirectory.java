package org.policyreach.pipelines.push;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.policyreach.core.Prefecture;
import org.policyreach.ingestion.Lakehouse;

/**
 * Where each firm can be reached, looked up when a campaign is planned and again when it is sent:
 *
 * <ul>
 *   <li>inbox — the firm has used the portal (any event in {@code silver.events});
 *   <li>e-mail — the contact e-mail the firm itself gave on its latest application that has one. It
 *       exists only in {@code bronze.applications}: it is read from there at send time, kept in
 *       memory for the send and never written anywhere (the ledger gets a salted hash);
 *   <li>post — the registered address of the NTA registry (public data): post code, prefecture and
 *       city from {@code silver.firms}, the street from the latest {@code bronze.registry} line.
 * </ul>
 */
final class ChannelDirectory {
  static final Pattern EMAIL =
      Pattern.compile("^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}$");

  private final SparkSession spark;
  private final Lakehouse lakehouse;

  ChannelDirectory(SparkSession spark, Lakehouse lakehouse) {
    this.spark = spark;
    this.lakehouse = lakehouse;
  }

  /** {@code corporate_number, portal_user, has_email, has_post} for every firm in {@code cns}. */
  Dataset<Row> facts(Dataset<Row> cns) {
    Dataset<Row> portal =
        firmsIn(table("silver", "events")).distinct().withColumn("portal_user", lit(true));
    Dataset<Row> email =
        emailRows()
            .filter(col("email").rlike(EMAIL.pattern()))
            .select(col("corporate_number"))
            .withColumn("has_email", lit(true));
    Dataset<Row> firms = table("silver", "firms");
    Dataset<Row> post =
        firmsIn(firms.columns().length == 0 ? firms : firms.filter(col("post_code").isNotNull()))
            .withColumn("has_post", lit(true));
    return cns.select("corporate_number")
        .join(portal, "corporate_number", "left")
        .join(email, "corporate_number", "left")
        .join(post, "corporate_number", "left")
        .select(
            col("corporate_number"),
            coalesce(col("portal_user"), lit(false)).as("portal_user"),
            coalesce(col("has_email"), lit(false)).as("has_email"),
            coalesce(col("has_post"), lit(false)).as("has_post"));
  }

  /**
   * The e-mail address of each firm of {@code cns} that gave one (its latest application with a
   * contact e-mail), valid or not: the caller checks it. Held in memory only.
   */
  Map<String, String> emails(Collection<String> cns) {
    Map<String, String> out = new HashMap<>();
    if (cns.isEmpty()) {
      return out;
    }
    Dataset<Row> wanted =
        spark.createDataset(List.copyOf(cns), Encoders.STRING()).toDF("corporate_number");
    for (Row r : emailRows().join(wanted, "corporate_number").collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  /** {@code corporate_number, email}: the latest application line with a contact e-mail. */
  private Dataset<Row> emailRows() {
    Dataset<Row> bronze = table("bronze", "applications");
    if (bronze.columns().length == 0) {
      return spark.createDataFrame(
          List.of(),
          new StructType()
              .add("corporate_number", DataTypes.StringType)
              .add("email", DataTypes.StringType));
    }
    return bronze
        .select(
            regexp_replace(
                    get_json_object(col("raw"), "$.applicant.corporate_number"), "[^0-9]", "")
                .as("corporate_number"),
            trim(get_json_object(col("raw"), "$.contact.email")).as("email"),
            coalesce(
                    get_json_object(col("raw"), "$.updated_at"),
                    get_json_object(col("raw"), "$.submitted_at"),
                    lit(""))
                .as("at"),
            col("batch_id"),
            col("line"))
        .filter(col("email").isNotNull().and(col("email").notEqual("")))
        .groupBy("corporate_number")
        .agg(max_by(col("email"), struct(col("at"), col("batch_id"), col("line"))).as("email"));
  }

  /**
   * {@code corporate_number, name, post_code, address} for the firms of {@code cns}: the registered
   * address (prefecture, city, street) of the registry.
   */
  Dataset<Row> postalAddresses(Dataset<Row> cns) {
    Dataset<Row> firms =
        table("silver", "firms")
            .select("corporate_number", "name", "post_code", "prefecture_code", "city");
    Dataset<Row> street = streets();
    return cns.select("corporate_number")
        .join(firms, "corporate_number")
        .join(street, "corporate_number", "left")
        .map(
            (org.apache.spark.api.java.function.MapFunction<Row, Row>)
                r ->
                    org.apache.spark.sql.RowFactory.create(
                        r.getAs("corporate_number"),
                        r.getAs("name"),
                        r.getAs("post_code"),
                        address(r.getAs("prefecture_code"), r.getAs("city"), r.getAs("street"))),
            Encoders.row(
                new StructType()
                    .add("corporate_number", DataTypes.StringType)
                    .add("name", DataTypes.StringType)
                    .add("post_code", DataTypes.StringType)
                    .add("address", DataTypes.StringType)));
  }

  static String address(String prefectureCode, String city, String street) {
    StringBuilder sb = new StringBuilder();
    if (prefectureCode != null) {
      try {
        sb.append(Prefecture.ofCode(prefectureCode).nameJa());
      } catch (RuntimeException e) {
        // an unknown code: the rest of the address still reaches the firm
      }
    }
    if (city != null) {
      sb.append(city);
    }
    if (street != null) {
      sb.append(street);
    }
    return sb.toString();
  }

  /** The street (column 12) of each firm's latest registry line (by update date, sequence). */
  private Dataset<Row> streets() {
    Dataset<Row> bronze = table("bronze", "registry");
    StructType csv = new StructType();
    for (int i = 1; i <= 30; i++) {
      csv = csv.add("c" + i, DataTypes.StringType);
    }
    if (bronze.columns().length == 0) {
      return spark.createDataFrame(
          List.of(),
          new StructType()
              .add("corporate_number", DataTypes.StringType)
              .add("street", DataTypes.StringType));
    }
    return bronze
        .select(from_csv(col("raw"), lit(csv.toDDL()), Map.of("mode", "PERMISSIVE")).as("r"))
        .select(
            col("r.c2").as("corporate_number"),
            concat_ws("", col("r.c12")).as("street"),
            struct(col("r.c5"), col("r.c1").cast("long")).as("order"))
        .filter(col("corporate_number").rlike("^[0-9]{13}$"))
        .groupBy("corporate_number")
        .agg(max_by(col("street"), col("order")).as("street"));
  }

  private Dataset<Row> firmsIn(Dataset<Row> table) {
    if (table.columns().length == 0) {
      return spark.createDataFrame(
          List.of(), new StructType().add("corporate_number", DataTypes.StringType));
    }
    return table.select("corporate_number");
  }

  private Dataset<Row> table(String schema, String name) {
    if (!lakehouse.exists(spark, schema, name)) {
      return spark.emptyDataFrame();
    }
    return spark.read().format("delta").load(lakehouse.path(schema, name));
  }
}
