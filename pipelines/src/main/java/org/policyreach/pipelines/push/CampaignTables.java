package org.policyreach.pipelines.push;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.StructType;
import org.policyreach.pipelines.recommend.RecommendationTables;

/**
 * The tables of push campaigns: {@code meta.campaigns} (one row per campaign: what was planned,
 * with the holdout share and seed that split it, and how far its send got) and {@code
 * meta.campaign_audience} (the audience frozen by {@code push plan}: every treated and holdout
 * firm). The contact ledger is {@code silver.contacts} (ingestion's {@code
 * Tables.CONTACTS_SCHEMA}).
 */
public final class CampaignTables {
  public static final String SCHEMA_NAME = "meta";
  public static final String CAMPAIGNS = "campaigns";
  public static final String AUDIENCE = "campaign_audience";

  public static final String PLANNED = "planned";
  public static final String SENDING = "sending";
  public static final String SENT = "sent";

  public static final StructType CAMPAIGNS_SCHEMA =
      new StructType()
          .add("campaign_id", StringType, false)
          .add("program_id", StringType, false)
          .add("publication_id", StringType, false)
          .add("build_id", StringType, false)
          .add("as_of", DateType, false)
          .add("channels", createArrayType(StringType, false), false)
          .add("max_firms", IntegerType, true)
          .add("holdout_share", DoubleType, false)
          .add("holdout_seed", LongType, false)
          .add("contact_cap", IntegerType, false)
          .add("contact_window_days", IntegerType, false)
          .add("targets", LongType, false)
          .add("treated", LongType, false)
          .add("holdout", LongType, false)
          .add("never_reached_treated", LongType, false)
          .add("created_at", TimestampType, false)
          .add("status", StringType, false)
          .add("send_started_at", TimestampType, true)
          .add("sent_at", TimestampType, true);

  public static final StructType AUDIENCE_SCHEMA =
      new StructType()
          .add("campaign_id", StringType, false)
          .add("corporate_number", StringType, false)
          .add("arm", StringType, false)
          .add("rank", IntegerType, false)
          .add("score", DoubleType, true)
          .add("reached", BooleanType, true)
          .add("channel", StringType, true)
          .add("reasons", RecommendationTables.REASONS, true)
          .add("prefecture_code", StringType, true)
          .add("size_class", StringType, true);

  private CampaignTables() {}
}
