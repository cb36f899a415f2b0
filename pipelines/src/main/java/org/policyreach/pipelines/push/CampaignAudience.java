package org.policyreach.pipelines.push;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
}
