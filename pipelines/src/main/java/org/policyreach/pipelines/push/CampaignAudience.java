package org.policyreach.pipelines.push;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.policyreach.pipelines.build.AsOfSilver;

/**
 * Who a campaign's experiment compares, from contact-ledger rows ({@code silver.contacts}): the one
 * rule that {@code push report}, {@code evaluate} and the uplift model's training share.
 *
 * <ul>
 *   <li>The push date of a campaign is the date of its first treated contact (of its last contact
 *       when it has none).
 *   <li>Its audience is the firms held out plus the treated firms a contact reached ({@code sent}
 *       or {@code delivered}); a bounced e-mail or a returned letter is not a push.
 * </ul>
 */
public final class CampaignAudience {
  private CampaignAudience() {}

  /**
   * Per campaign {@code (campaign_id, program_id, push_at, push_date)}.
   *
   * @param ledger contact rows with at least {@code campaign_id, program_id, arm, sent_at}
   */
  public static Dataset<Row> campaigns(Dataset<Row> ledger) {
    return ledger
        .groupBy("campaign_id", "program_id")
        .agg(
            coalesce(min(when(col("arm").equalTo("treated"), col("sent_at"))), max("sent_at"))
                .as("push_at"))
        .withColumn("push_date", to_date(col("push_at")));
  }

  /**
   * One row per firm and campaign: {@code (campaign_id, corporate_number, arm, program_id,
   * push_date)}, arm {@code treated} or {@code holdout}.
   *
   * @param ledger contact rows with at least {@code campaign_id, program_id, corporate_number, arm,
   *     sent_at, status}
   * @param campaigns {@link #campaigns} of the same ledger
   */
  public static Dataset<Row> members(Dataset<Row> ledger, Dataset<Row> campaigns) {
    return ledger
        .filter(
            col("arm")
                .equalTo("holdout")
                .or(col("arm").equalTo("treated").and(col("status").isin("sent", "delivered"))))
        .select(col("campaign_id"), col("corporate_number"), col("arm"))
        .dropDuplicates("campaign_id", "corporate_number")
        .join(campaigns.select("campaign_id", "program_id", "push_date"), "campaign_id");
  }

  /**
   * The members (of {@link #members}) who had applied to anything on or before their campaign's
   * push date: {@code (campaign_id, corporate_number, reached = true)}.
   */
  public static Dataset<Row> reached(Dataset<Row> members, AsOfSilver silver) {
    Dataset<Row> apps = applications(silver);
    return members
        .join(
            apps,
            members
                .col("corporate_number")
                .equalTo(apps.col("_cn"))
                .and(apps.col("_day").leq(members.col("push_date"))),
            "left_semi")
        .select("campaign_id", "corporate_number")
        .withColumn("reached", lit(true));
  }

  /**
   * The members (of {@link #members}) who applied to their campaign's program after its push date,
   * within {@code withinDays} of it (null: any time up to {@code silver}'s date): {@code
   * (campaign_id, corporate_number, program_id, applied = true)}.
   */
  public static Dataset<Row> applied(Dataset<Row> members, AsOfSilver silver, Integer withinDays) {
    Dataset<Row> apps = applications(silver);
    Column after =
        members
            .col("corporate_number")
            .equalTo(apps.col("_cn"))
            .and(apps.col("_program").equalTo(members.col("program_id")))
            .and(apps.col("_day").gt(members.col("push_date")));
    if (withinDays != null) {
      after = after.and(apps.col("_day").leq(date_add(members.col("push_date"), withinDays)));
    }
    return members
        .join(apps, after, "left_semi")
        .select("campaign_id", "corporate_number", "program_id")
        .withColumn("applied", lit(true));
  }

  private static Dataset<Row> applications(AsOfSilver silver) {
    return silver
        .applications()
        .select(
            col("corporate_number").as("_cn"),
            col("program_id").as("_program"),
            col("submitted_date").as("_day"));
  }
}
