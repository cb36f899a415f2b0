package org.policyreach.pipelines.push;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.policyreach.ingestion.spark.ScalaValues;

/** One row of {@code meta.campaigns}. */
public record Campaign(
    String campaignId,
    String programId,
    String publicationId,
    String buildId,
    LocalDate asOf,
    List<Channel> channels,
    Integer maxFirms,
    double holdoutShare,
    long holdoutSeed,
    int contactCap,
    int contactWindowDays,
    long targets,
    long treated,
    long holdout,
    long neverReachedTreated,
    Instant createdAt,
    String status,
    Instant sendStartedAt,
    Instant sentAt) {

  public Campaign {
    Objects.requireNonNull(campaignId, "campaignId is null");
    Objects.requireNonNull(programId, "programId is null");
    channels = List.copyOf(channels);
  }

  public boolean isSent() {
    return CampaignTables.SENT.equals(status);
  }

  Row toRow() {
    return RowFactory.create(
        campaignId,
        programId,
        publicationId,
        buildId,
        Date.valueOf(asOf),
        ScalaValues.seq(Channel.codes(channels)),
        maxFirms,
        holdoutShare,
        holdoutSeed,
        contactCap,
        contactWindowDays,
        targets,
        treated,
        holdout,
        neverReachedTreated,
        Timestamp.from(createdAt),
        status,
        sendStartedAt == null ? null : Timestamp.from(sendStartedAt),
        sentAt == null ? null : Timestamp.from(sentAt));
  }

  static Campaign of(Row r) {
    return new Campaign(
        r.getAs("campaign_id"),
        r.getAs("program_id"),
        r.getAs("publication_id"),
        r.getAs("build_id"),
        r.<Date>getAs("as_of").toLocalDate(),
        Channel.ofCodes(r.getList(r.fieldIndex("channels"))),
        r.getAs("max_firms"),
        r.<Double>getAs("holdout_share"),
        r.<Long>getAs("holdout_seed"),
        r.<Integer>getAs("contact_cap"),
        r.<Integer>getAs("contact_window_days"),
        r.<Long>getAs("targets"),
        r.<Long>getAs("treated"),
        r.<Long>getAs("holdout"),
        r.<Long>getAs("never_reached_treated"),
        r.<Timestamp>getAs("created_at").toInstant(),
        r.getAs("status"),
        instant(r.getAs("send_started_at")),
        instant(r.getAs("sent_at")));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
