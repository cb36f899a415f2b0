package org.policyreach.pipelines.build;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.policyreach.pipelines.recommend.Spark.seq;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.policyreach.core.EventType;
import org.policyreach.ingestion.Lakehouse;

/**
 * A firm's consent in the build: {@code opted_out} = its latest opt_out/opt_in event is opt_out,
 * latest in the order the serving layer uses ({@code ConsentRegistry}): the time a server received
 * the event ({@code received_at} of the landing line, kept in {@code bronze.events}), which the
 * client cannot set, not the client's {@code at}. Lines without {@code received_at} (event files
 * not written by the server) fall back to their {@code at}. Ties: the later landing file, then the
 * later line, then the greater event id.
 */
public final class ConsentOrder {
  private ConsentOrder() {}

  /**
   * {@code corporate_number, opted_out} for every firm with a consent event.
   *
   * @param events rows of {@code silver.events} (already cut to the as-of date)
   */
  public static Dataset<Row> optedOut(
      SparkSession spark, Lakehouse lakehouse, Dataset<Row> events) {
    Dataset<Row> consent =
        events
            .filter(col("type").isin(EventType.OPT_OUT.code(), EventType.OPT_IN.code()))
            .select("corporate_number", "type", "at", "event_id");
    return consent
        .join(receivedAt(spark, lakehouse), seq("event_id"), "left")
        .withColumn("_order", coalesce(col("received_at"), col("at")))
        .groupBy("corporate_number")
        .agg(max_by(col("type"), struct(col("_order"), col("event_id"))).as("_consent"))
        .select(
            col("corporate_number"),
            col("_consent").equalTo(lit(EventType.OPT_OUT.code())).as("opted_out"));
  }

  /**
   * {@code event_id, received_at} of the consent lines in bronze.events; an id received twice (a
   * client's retry to another replica) counts at its later receipt, as on a server that reads both
   * copies.
   */
  static Dataset<Row> receivedAt(SparkSession spark, Lakehouse lakehouse) {
    if (!lakehouse.exists(spark, "bronze", "events")) {
      StructType schema =
          new StructType()
              .add("event_id", DataTypes.StringType)
              .add("received_at", DataTypes.TimestampType);
      return spark.createDataFrame(List.of(), schema);
    }
    return spark
        .read()
        .format("delta")
        .load(lakehouse.path("bronze", "events"))
        .filter(col("raw").contains("opt_"))
        .select(
            get_json_object(col("raw"), "$.event_id").as("event_id"),
            get_json_object(col("raw"), "$.received_at").try_cast("timestamp").as("received_at"))
        .filter(col("event_id").isNotNull().and(col("received_at").isNotNull()))
        .groupBy("event_id")
        .agg(max("received_at").as("received_at"));
  }
}
