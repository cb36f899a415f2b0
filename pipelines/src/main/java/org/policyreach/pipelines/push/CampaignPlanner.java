package org.policyreach.pipelines.push;

import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.build.BuildJob;
import org.policyreach.pipelines.publish.Publication;
import org.policyreach.pipelines.publish.Publisher;
import org.policyreach.pipelines.recommend.RecommendationTables;
import org.policyreach.pipelines.targets.Holdout;
import org.policyreach.pipelines.targets.NeverReachedReserve;

/**
 * {@code push plan}: freezes a campaign's audience. From the program's target list at the latest
 * publication ({@code gold.program_targets} at the version {@code meta.publications} records), in
 * rank order: firms that opted out, are no longer active, or are at their contact cap (every
 * channel, {@link org.policyreach.pipelines.recommend.ContactCounts}) today are left out; the best
 * {@code max} of the rest, with at least {@code targets.never_reached_share} of the places for
 * never-reached firms where there are that many ({@link NeverReachedReserve}), are split into
 * treated and holdout by the same seeded hash as the target lists ({@link Holdout}, {@code
 * targets.holdout_share} / {@code holdout_seed}, both recorded on the campaign); each firm gets its
 * best channel among the campaign's (inbox if it used the portal, e-mail if it gave an address on
 * an application, post otherwise).
 */
public final class CampaignPlanner {
  private final SparkSession spark;
  private final Lakehouse lakehouse;
  private final PolicyReachConfig config;
  private final ProgramCatalog catalog;
  private final Clock clock;

  public CampaignPlanner(
      SparkSession spark,
      Lakehouse lakehouse,
      PolicyReachConfig config,
      ProgramCatalog catalog,
      Clock clock) {
    this.spark = Objects.requireNonNull(spark, "spark is null");
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse is null");
    this.config = Objects.requireNonNull(config, "config is null");
    this.catalog = Objects.requireNonNull(catalog, "catalog is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** What {@code push plan} prints. */
  public record PlanResult(
      Campaign campaign,
      long optedOut,
      long closed,
      long atContactCap,
      Map<Channel, Long> channels,
      long noChannel,
      double neverReachedReserved) {

    public Map<String, Object> toJson() {
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("campaign_id", campaign.campaignId());
      m.put("program_id", campaign.programId());
      m.put("publication", campaign.publicationId());
      m.put("targets", campaign.targets());
      m.put("treated", campaign.treated());
      m.put("holdout", campaign.holdout());
      m.put("never_reached_treated", campaign.neverReachedTreated());
      // the share of the treated firms that never applied, and the share kept for them when the
      // campaign has a size limit (targets.never_reached_share)
      m.put(
          "never_reached_share",
          campaign.treated() == 0
              ? 0.0
              : (double) campaign.neverReachedTreated() / campaign.treated());
      m.put("never_reached_reserved", campaign.maxFirms() == null ? null : neverReachedReserved);
      Map<String, Object> ch = new java.util.LinkedHashMap<>();
      for (Channel c : Channel.values()) {
        ch.put(c.code(), channels.getOrDefault(c, 0L));
      }
      m.put("channels", ch);
      m.put("no_channel", noChannel);
      m.put(
          "excluded", Map.of("opted_out", optedOut, "closed", closed, "contact_cap", atContactCap));
      m.put("holdout_share", campaign.holdoutShare());
      m.put("holdout_seed", campaign.holdoutSeed());
      m.put("as_of", campaign.asOf().toString());
      return m;
    }
  }

  /**
   * Plans a campaign.
   *
   * @param maxFirms at most this many firms (treated and holdout), the best ranked; null for all
   */
  public PlanResult plan(String programId, List<Channel> channels, Integer maxFirms) {
    if (catalog.find(programId).isEmpty()) {
      throw PipelineException.badInput(
          "Unknown program '"
              + programId
              + "': it is not in the programs catalog (conf/programs, version "
              + catalog.version()
              + "); pick an id from policyreach sql \"SELECT program_id FROM silver.programs\"");
    }
    if (channels.isEmpty()) {
      throw PipelineException.badInput("No channel: give --channels with inbox, email and/or post");
    }
    if (maxFirms != null && maxFirms < 1) {
      throw PipelineException.badInput("--max must be at least 1, got " + maxFirms);
    }
    Publication pub =
        new Publisher(spark, lakehouse, clock)
            .latest()
            .orElseThrow(
                () ->
                    PipelineException.badInput(
                        "Cannot plan a campaign: nothing is published under "
                            + lakehouse.root()
                            + "; run policyreach build (it publishes the target lists)"));
    String table = "gold." + RecommendationTables.PROGRAM_TARGETS;
    Long version = pub.tables().get(table);
    if (version == null) {
      throw PipelineException.badInput(
          "Cannot plan a campaign: publication "
              + pub.publicationId()
              + " has no target lists ("
              + table
              + "); run policyreach build");
    }
    Dataset<Row> targets =
        spark
            .read()
            .format("delta")
            .option("versionAsOf", version)
            .load(lakehouse.path("gold", RecommendationTables.PROGRAM_TARGETS))
            .filter(
                col("build_id").equalTo(pub.buildId()).and(col("program_id").equalTo(programId)))
            .select(
                "corporate_number",
                "rank",
                "score",
                "reasons",
                "reached",
                "prefecture_code",
                "size_class");
    LocalDate today = LocalDate.now(clock.withZone(BuildJob.TOKYO));
    PolicyReachConfig.Targets t = config.targets();
    List<Row> rows =
        targets
            .join(
                FirmState.of(spark, lakehouse, today, t.contactWindowDays(), null),
                "corporate_number",
                "left")
            .join(new ChannelDirectory(spark, lakehouse).facts(targets), "corporate_number", "left")
            .orderBy(col("rank"), col("corporate_number"))
            .collectAsList();
    if (rows.isEmpty()) {
      throw PipelineException.badInput(
          "Program '"
              + programId
              + "' has no target list in publication "
              + pub.publicationId()
              + " (as of "
              + pub.asOf()
              + "): only programs open on that date have one; see policyreach sql \"SELECT"
              + " program_id, count(*) FROM gold.program_targets GROUP BY program_id\"");
    }

    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String campaignId = newId(programId, pub.publicationId(), now);
    Holdout holdout = new Holdout(t.holdoutShare(), t.holdoutSeed());
    long optedOut = 0;
    long closed = 0;
    long capped = 0;
    long treated = 0;
    long heldOut = 0;
    long neverReached = 0;
    long noChannel = 0;
    Map<Channel, Long> perChannel = new EnumMap<>(Channel.class);
    List<Row> audience = new ArrayList<>();
    List<Row> eligible = new ArrayList<>();
    for (Row r : rows) {
      FirmState.Exclusion why = FirmState.exclusion(r, t.contactCap());
      if (why == FirmState.Exclusion.OPTED_OUT) {
        optedOut++;
      } else if (why == FirmState.Exclusion.CLOSED) {
        closed++;
      } else if (why == FirmState.Exclusion.CONTACT_CAP) {
        capped++;
      } else {
        eligible.add(r);
      }
    }
    List<Row> chosen =
        maxFirms == null
            ? eligible
            : NeverReachedReserve.pick(
                eligible,
                r -> Boolean.FALSE.equals(r.getAs("reached")),
                maxFirms,
                t.neverReachedShare());
    for (Row r : chosen) {
      String cn = r.getAs("corporate_number");
      boolean isHoldout = holdout.isHeldOut(programId, cn);
      Channel channel = choose(channels, r);
      Boolean reached = r.getAs("reached");
      if (isHoldout) {
        heldOut++;
      } else {
        treated++;
        if (Boolean.FALSE.equals(reached)) {
          neverReached++;
        }
        if (channel == null) {
          noChannel++;
        } else {
          perChannel.merge(channel, 1L, Long::sum);
        }
      }
      audience.add(
          RowFactory.create(
              campaignId,
              cn,
              isHoldout ? "holdout" : "treated",
              r.getAs("rank"),
              r.getAs("score"),
              reached,
              channel == null ? null : channel.code(),
              r.getAs("reasons"),
              r.getAs("prefecture_code"),
              r.getAs("size_class")));
    }
    Campaign campaign =
        new Campaign(
            campaignId,
            programId,
            pub.publicationId(),
            pub.buildId(),
            pub.asOf(),
            channels,
            maxFirms,
            t.holdoutShare(),
            t.holdoutSeed(),
            t.contactCap(),
            t.contactWindowDays(),
            rows.size(),
            treated,
            heldOut,
            neverReached,
            now,
            CampaignTables.PLANNED,
            null,
            null);
    new Campaigns(spark, lakehouse).create(campaign, audience);
    return new PlanResult(
        campaign, optedOut, closed, capped, perChannel, noChannel, t.neverReachedShare());
  }

  /** The first of the campaign's channels (in preference order) that reaches the firm. */
  static Channel choose(List<Channel> channels, Row facts) {
    for (Channel c : channels) {
      String flag =
          switch (c) {
            case INBOX -> "portal_user";
            case EMAIL -> "has_email";
            case POST -> "has_post";
          };
      if (Boolean.TRUE.equals(facts.getAs(flag))) {
        return c;
      }
    }
    return null;
  }

  private static String newId(String programId, String publicationId, Instant now) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(
          (programId + "|" + publicationId + "|" + now + "|" + System.nanoTime())
              .getBytes(StandardCharsets.UTF_8));
      String day =
          DateTimeFormatter.BASIC_ISO_DATE.format(now.atZone(BuildJob.TOKYO).toLocalDate());
      return "cmp-" + day + "-" + HexFormat.of().formatHex(md.digest(), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
