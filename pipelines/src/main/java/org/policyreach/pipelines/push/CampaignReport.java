package org.policyreach.pipelines.push;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.models.metrics.UpliftEstimate;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.build.AsOfSilver;
import org.policyreach.pipelines.build.BuildJob;
import org.policyreach.pipelines.evaluate.UpliftReadout;
import org.policyreach.pipelines.recommend.Spark;

/**
 * {@code push report}: reads each campaign of the contact ledger out. Treated means delivered: the
 * campaign's treated rows whose status is {@code sent} or {@code delivered} (a bounce or a returned
 * letter is not a contact); the holdout is its holdout rows. Outcome: an application to the
 * campaign's program submitted after the push date (the day of its first treated contact) up to the
 * as-of date. The uplift is the difference of the application rates with Newcombe's 95% interval —
 * the same counting ({@link UpliftReadout#armCounts}) and estimate as {@code evaluate}'s readout of
 * the target lists — for all firms and for the never-reached alone (no application visible on the
 * push date). Campaigns imported with {@code ingest --source contacts} are read the same way.
 */
public final class CampaignReport {
  private final SparkSession spark;
  private final Lakehouse lakehouse;
  private final Clock clock;

  public CampaignReport(SparkSession spark, Lakehouse lakehouse, Clock clock) {
    this.spark = Objects.requireNonNull(spark, "spark is null");
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** Counts and uplift of one group of firms. */
  public record Arms(
      long treated,
      long treatedApplied,
      long holdout,
      long holdoutApplied,
      Optional<UpliftEstimate> uplift) {
    Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("treated", treated);
      m.put("holdout", holdout);
      m.put("treated_applied", treatedApplied);
      m.put("holdout_applied", holdoutApplied);
      m.put("treated_rate", uplift.map(UpliftEstimate::treatedRate).orElse(null));
      m.put("holdout_rate", uplift.map(UpliftEstimate::holdoutRate).orElse(null));
      m.put("uplift", uplift.map(UpliftEstimate::difference).orElse(null));
      m.put("ci95", uplift.map(u -> List.of(u.lower(), u.upper())).orElse(null));
      return m;
    }
  }

  /** One campaign's read-out. */
  public record Outcome(
      String campaignId,
      String programId,
      LocalDate pushDate,
      LocalDate outcomesTo,
      Arms all,
      Arms neverReached,
      Map<String, Long> delivered,
      long bounced) {
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("campaign_id", campaignId);
      m.put("program_id", programId);
      m.put("push_date", pushDate == null ? null : pushDate.toString());
      m.put("outcomes_to", outcomesTo == null ? null : outcomesTo.toString());
      m.putAll(all.toJson());
      m.put("never_reached", neverReached.toJson());
      m.put("delivered", delivered);
      m.put("bounced", bounced);
      return m;
    }
  }

  public record Report(LocalDate asOf, List<Outcome> campaigns) {
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("as_of", asOf.toString());
      m.put("method", UpliftEstimate.METHOD);
      m.put("campaigns", campaigns.stream().map(Outcome::toJson).toList());
      return m;
    }
  }

  /**
   * @param campaignId one campaign, or null for every campaign of the ledger
   * @param asOf outcomes up to this date (default today, Tokyo)
   */
  public Report report(String campaignId, LocalDate asOf) {
    LocalDate day = asOf != null ? asOf : LocalDate.now(clock.withZone(BuildJob.TOKYO));
    Dataset<Row> ledger = new ContactLedger(spark, lakehouse).table();
    if (campaignId != null) {
      ledger = ledger.filter(col("campaign_id").equalTo(campaignId));
      if (ledger.isEmpty()) {
        Optional<Campaign> planned = new Campaigns(spark, lakehouse).find(campaignId);
        if (planned.isEmpty()) {
          new Campaigns(spark, lakehouse).require(campaignId); // throws: unknown, lists the known
        }
        throw PipelineException.badInput(
            "Campaign "
                + campaignId
                + " has not been sent yet (nothing in silver.contacts); run policyreach push send"
                + " --campaign "
                + campaignId
                + " first");
      }
    }
    Dataset<Row> rows =
        ledger
            .filter(
                col("sent_at")
                    .lt(
                        lit(
                            Timestamp.from(
                                day.plusDays(1).atStartOfDay(BuildJob.TOKYO).toInstant()))))
            .select(
                "campaign_id",
                "program_id",
                "corporate_number",
                "channel",
                "arm",
                "sent_at",
                "status")
            .cache();
    try {
      return readOut(rows, day);
    } finally {
      rows.unpersist();
    }
  }

  /**
   * Every campaign at once (a fixed number of Spark jobs, whatever the number of campaigns): push
   * date per campaign, one row per firm and campaign (delivered treated or holdout), reach on the
   * push date and applications after it by joins, then the shared arm counts grouped by campaign.
   */
  private Report readOut(Dataset<Row> rows, LocalDate asOf) {
    Dataset<Row> campaigns = CampaignAudience.campaigns(rows);
    Dataset<Row> list = CampaignAudience.members(rows, campaigns);
    AsOfSilver silver = new AsOfSilver(spark, lakehouse, asOf);
    Dataset<Row> reached = CampaignAudience.reached(list, silver);
    Dataset<Row> applied = CampaignAudience.applied(list, silver, null);
    Dataset<Row> withReach =
        list.join(reached, Spark.seq("campaign_id", "corporate_number"), "left").cache();
    try {
      List<String> keys = List.of("campaign_id", "corporate_number", "program_id");
      Map<String, Row> all = byCampaign(withReach, applied, keys);
      Map<String, Row> never =
          byCampaign(
              withReach.filter(coalesce(col("reached"), lit(false)).equalTo(false)), applied, keys);
      Map<String, Map<String, Long>> delivered = new HashMap<>();
      Map<String, Long> bounced = new HashMap<>();
      for (Row r :
          rows.filter(col("arm").equalTo("treated"))
              .groupBy("campaign_id", "channel")
              .agg(
                  sum(when(col("status").isin("sent", "delivered"), 1).otherwise(0)).cast("long"),
                  sum(when(col("status").isin("bounced", "returned"), 1).otherwise(0)).cast("long"))
              .collectAsList()) {
        Map<String, Long> d = delivered.computeIfAbsent(r.getString(0), k -> emptyChannels());
        if (r.getString(1) != null) {
          d.put(r.getString(1), r.getLong(2));
        }
        bounced.merge(r.getString(0), r.getLong(3), Long::sum);
      }
      List<Outcome> out = new ArrayList<>();
      for (Row c : campaigns.orderBy("push_at", "campaign_id").collectAsList()) {
        String id = c.getAs("campaign_id");
        out.add(
            new Outcome(
                id,
                c.getAs("program_id"),
                c.<Date>getAs("push_date").toLocalDate(),
                asOf,
                arms(all.get(id)),
                arms(never.get(id)),
                delivered.getOrDefault(id, emptyChannels()),
                bounced.getOrDefault(id, 0L)));
      }
      return new Report(asOf, out);
    } finally {
      withReach.unpersist();
    }
  }

  private static Map<String, Long> emptyChannels() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Channel ch : Channel.values()) {
      m.put(ch.code(), 0L);
    }
    return m;
  }

  private static Map<String, Row> byCampaign(
      Dataset<Row> list, Dataset<Row> applied, List<String> keys) {
    Map<String, Row> out = new HashMap<>();
    for (Row r :
        UpliftReadout.armCounts(
                list.select("campaign_id", "corporate_number", "program_id", "arm"),
                applied,
                keys,
                col("arm").equalTo("holdout"),
                "campaign_id")
            .collectAsList()) {
      out.put(r.getString(0), r);
    }
    return out;
  }

  private static Arms arms(Row r) {
    if (r == null) {
      return new Arms(0, 0, 0, 0, Optional.empty());
    }
    return new Arms(
        r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), UpliftReadout.estimate(r, 1));
  }
}
