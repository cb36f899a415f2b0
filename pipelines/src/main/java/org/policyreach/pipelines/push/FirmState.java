package org.policyreach.pipelines.push;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.build.AsOfSilver;
import org.policyreach.pipelines.build.ConsentOrder;
import org.policyreach.pipelines.recommend.ContactCounts;
import org.policyreach.pipelines.recommend.FirmFrame;

/**
 * What may stop a push to a firm today, checked when a campaign is planned and again for each firm
 * when it is sent: an opt-out (the latest opt_out/opt_in event is opt_out, in {@link ConsentOrder},
 * the rule of the profiles), a firm no longer active in the registry (or unknown to it), a firm at
 * its contact cap.
 */
final class FirmState {
  enum Exclusion {
    NONE,
    OPTED_OUT,
    CLOSED,
    CONTACT_CAP
  }

  private FirmState() {}

  /**
   * {@code corporate_number, opted_out, active, contacts} for every firm with any of them known.
   *
   * @param exceptCampaign contacts of this campaign do not count towards the cap (its own send)
   */
  static Dataset<Row> of(
      SparkSession spark,
      Lakehouse lakehouse,
      LocalDate today,
      int windowDays,
      String exceptCampaign) {
    AsOfSilver silver = new AsOfSilver(spark, lakehouse, today);
    Dataset<Row> consent = ConsentOrder.optedOut(spark, lakehouse, silver.events());
    Dataset<Row> active =
        silver
            .activeFirms()
            .filter(col("status").equalTo("active"))
            .select(col("corporate_number"))
            .distinct()
            .withColumn("active", lit(true));
    Dataset<Row> contacts = ContactCounts.recent(silver, windowDays, exceptCampaign);
    return active
        .join(consent, "corporate_number", "full_outer")
        .join(contacts, "corporate_number", "full_outer")
        .select(
            col("corporate_number"),
            col("opted_out"),
            col("active"),
            col(FirmFrame.CONTACTS).as("contacts"));
  }

  static Exclusion exclusion(Row r, int contactCap) {
    if (Boolean.TRUE.equals(r.getAs("opted_out"))) {
      return Exclusion.OPTED_OUT;
    }
    if (!Boolean.TRUE.equals(r.getAs("active"))) {
      return Exclusion.CLOSED;
    }
    Integer contacts = r.getAs("contacts");
    if (contacts != null && contacts >= contactCap) {
      return Exclusion.CONTACT_CAP;
    }
    return Exclusion.NONE;
  }
}
