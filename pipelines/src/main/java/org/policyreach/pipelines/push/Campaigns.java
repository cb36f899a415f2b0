package org.policyreach.pipelines.push;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.PipelineException;

/** Reads and writes {@code meta.campaigns} and {@code meta.campaign_audience}. */
final class Campaigns {
  private final SparkSession spark;
  private final Lakehouse lakehouse;

  Campaigns(SparkSession spark, Lakehouse lakehouse) {
    this.spark = spark;
    this.lakehouse = lakehouse;
  }

  String campaignsPath() {
    return lakehouse.path(CampaignTables.SCHEMA_NAME, CampaignTables.CAMPAIGNS);
  }

  String audiencePath() {
    return lakehouse.path(CampaignTables.SCHEMA_NAME, CampaignTables.AUDIENCE);
  }

  List<Campaign> list() {
    if (!lakehouse.exists(spark, CampaignTables.SCHEMA_NAME, CampaignTables.CAMPAIGNS)) {
      return List.of();
    }
    return spark.read().format("delta").load(campaignsPath()).collectAsList().stream()
        .map(Campaign::of)
        .sorted(Comparator.comparing(Campaign::createdAt).thenComparing(Campaign::campaignId))
        .toList();
  }

  Optional<Campaign> find(String campaignId) {
    return list().stream().filter(c -> c.campaignId().equals(campaignId)).findFirst();
  }

  /** The campaign, or a bad-input error that lists the known ones. */
  Campaign require(String campaignId) {
    return find(campaignId)
        .orElseThrow(
            () -> {
              List<String> known = list().stream().map(Campaign::campaignId).toList();
              return PipelineException.badInput(
                  "Unknown campaign '"
                      + campaignId
                      + "': meta.campaigns under "
                      + lakehouse.root()
                      + (known.isEmpty()
                          ? " has none; create one with policyreach push plan --program ID"
                          : " has "
                              + String.join(
                                  ", ", known.subList(Math.max(0, known.size() - 10), known.size()))
                              + "; check the id (push plan --json prints it)"));
            });
  }

  Dataset<Row> audience(String campaignId) {
    return spark
        .read()
        .format("delta")
        .load(audiencePath())
        .filter(col("campaign_id").equalTo(campaignId));
  }

  /** Appends the audience, then the campaign row: a campaign exists once both are written. */
  void create(Campaign campaign, List<Row> audience) {
    spark
        .createDataFrame(audience, CampaignTables.AUDIENCE_SCHEMA)
        .write()
        .format("delta")
        .mode(SaveMode.Append)
        .save(audiencePath());
    spark
        .createDataFrame(List.of(campaign.toRow()), CampaignTables.CAMPAIGNS_SCHEMA)
        .write()
        .format("delta")
        .mode(SaveMode.Append)
        .save(campaignsPath());
  }

  void markSending(String campaignId, Instant at) {
    DeltaTable.forPath(spark, campaignsPath())
        .update(
            col("campaign_id").equalTo(campaignId).and(col("send_started_at").isNull()),
            Map.of(
                "status", lit(CampaignTables.SENDING),
                "send_started_at", lit(Timestamp.from(at))));
  }

  void markSent(String campaignId, Instant at) {
    DeltaTable.forPath(spark, campaignsPath())
        .update(
            col("campaign_id").equalTo(campaignId),
            Map.of("status", lit(CampaignTables.SENT), "sent_at", lit(Timestamp.from(at))));
  }
}
