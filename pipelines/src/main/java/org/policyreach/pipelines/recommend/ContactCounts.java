package org.policyreach.pipelines.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.policyreach.core.EventType;
import org.policyreach.pipelines.build.AsOfSilver;
import org.policyreach.pipelines.build.BuildJob;

/**
 * The contacts a firm had within the contact window, the one count behind {@code
 * targets.contact_cap}: portal impressions ({@code silver.events}) plus push-campaign contacts of
 * every channel ({@code silver.contacts}, treated rows: inbox notices, e-mails, letters — whatever
 * their later status, an attempt is a contact). The target lists of the build and {@code push
 * plan}/{@code push send} all count with it.
 */
public final class ContactCounts {
  private ContactCounts() {}

  /**
   * {@code corporate_number, contacts INT} for firms with at least one contact on the last {@code
   * windowDays} days up to the end of the as-of date (that day included).
   */
  public static Dataset<Row> recent(AsOfSilver silver, int windowDays) {
    return recent(silver, windowDays, null);
  }

  /** As {@link #recent(AsOfSilver, int)}, not counting the contacts of one campaign. */
  public static Dataset<Row> recent(AsOfSilver silver, int windowDays, String exceptCampaign) {
    Timestamp windowStart =
        Timestamp.from(
            silver.asOf().minusDays(windowDays - 1L).atStartOfDay(BuildJob.TOKYO).toInstant());
    Dataset<Row> impressions =
        silver
            .events()
            .filter(
                col("type")
                    .equalTo(EventType.IMPRESSION.code())
                    .and(col("at").geq(lit(windowStart))))
            .select(col(FirmFrame.CN));
    Dataset<Row> pushes =
        silver
            .contacts()
            .filter(col("arm").equalTo("treated").and(col("sent_at").geq(lit(windowStart))));
    if (exceptCampaign != null) {
      pushes = pushes.filter(col("campaign_id").notEqual(exceptCampaign));
    }
    return impressions
        .union(pushes.select(col(FirmFrame.CN)))
        .groupBy(FirmFrame.CN)
        .agg(count(lit(1)).cast("int").as(FirmFrame.CONTACTS));
  }
}
