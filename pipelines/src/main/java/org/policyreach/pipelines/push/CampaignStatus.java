package org.policyreach.pipelines.push;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.PipelineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign's state as a small JSON file, {@code <lakehouse>/_push/<campaign>/status.json}, for
 * the Spark-free serving layer (the officer's campaign page): the row of {@code meta.campaigns},
 * the audience counts per arm and planned channel, the ledger's counts per arm, channel and status,
 * the last send's skip counts and the latest read-out of {@link CampaignReport}. Counts only: no
 * corporate number, name, address or hash of a firm is ever in it. Written by {@code push plan},
 * {@code push send} (also when a send fails half way), {@code push report} and the request worker;
 * replaced atomically (temporary file, fsync, rename), so a reader never sees half a file.
 */
public final class CampaignStatus {
  private static final Logger LOG = LoggerFactory.getLogger(CampaignStatus.class);
  public static final String FILE = "status.json";
  static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final SparkSession spark;
  private final Lakehouse lakehouse;
  private final Clock clock;

  public CampaignStatus(SparkSession spark, Lakehouse lakehouse, Clock clock) {
    this.spark = Objects.requireNonNull(spark, "spark is null");
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** The status file of a campaign. */
  public static Path file(Lakehouse lakehouse, String campaignId) {
    return CampaignSender.campaignDir(lakehouse, campaignId).resolve(FILE);
  }

  /**
   * Writes the campaign's status file; the read-out of {@code report} when given, else computed
   * when the campaign has ledger rows. Empty (and a log line) for a lakehouse that is not local:
   * the status files live beside it like the outbox.
   *
   * @param lastSend what the last {@code push send} printed (its skip counts are kept), or null
   */
  public Optional<Path> write(
      String campaignId, Map<String, Object> lastSend, CampaignReport.Outcome report) {
    Path target;
    try {
      target = file(lakehouse, campaignId);
    } catch (PipelineException e) {
      LOG.info("No campaign status file for {}: {}", campaignId, e.getMessage());
      return Optional.empty();
    }
    Map<String, Object> body = compute(campaignId, lastSend, report, target);
    writeAtomically(target, body);
    return Optional.of(target);
  }

  /** The JSON of {@link #write}: counts only. */
  Map<String, Object> compute(
      String campaignId,
      Map<String, Object> lastSend,
      CampaignReport.Outcome report,
      Path previousFile) {
    Campaigns store = new Campaigns(spark, lakehouse);
    Optional<Campaign> found = store.find(campaignId);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("campaign_id", campaignId);
    m.put("updated_at", clock.instant().toString());
    if (found.isPresent()) {
      Campaign c = found.get();
      m.put("program_id", c.programId());
      m.put("status", c.status());
      m.put("publication", c.publicationId());
      m.put("build_id", c.buildId());
      m.put("as_of", c.asOf().toString());
      m.put("channels", Channel.codes(c.channels()));
      m.put("max_firms", c.maxFirms());
      m.put("holdout_share", c.holdoutShare());
      m.put("created_at", c.createdAt().toString());
      m.put("send_started_at", c.sendStartedAt() == null ? null : c.sendStartedAt().toString());
      m.put("sent_at", c.sentAt() == null ? null : c.sentAt().toString());
      m.put("audience", audience(c));
    } else {
      // A campaign only the ledger knows (imported with ingest --source contacts): read-out only.
      m.put("program_id", report == null ? null : report.programId());
      m.put("status", "imported");
      m.put("audience", null);
    }
    m.put("delivery", delivery(campaignId));
    Object skipped = lastSend == null ? null : lastSend.get("skipped");
    if (skipped == null) {
      skipped = previous(previousFile).get("skipped");
    }
    m.put("skipped", skipped);
    CampaignReport.Outcome outcome = report;
    if (outcome == null && hasLedgerRows(campaignId)) {
      try {
        outcome =
            new CampaignReport(spark, lakehouse, clock)
                .report(campaignId, null).campaigns().stream().findFirst().orElse(null);
      } catch (RuntimeException e) {
        LOG.warn("No read-out for campaign {} yet: {}", campaignId, e.getMessage());
      }
    }
    if (outcome == null) {
      m.put("report", null);
    } else {
      Map<String, Object> r = outcome.toJson();
      r.remove("campaign_id");
      r.remove("program_id");
      r.put("method", org.policyreach.models.metrics.UpliftEstimate.METHOD);
      m.put("report", r);
    }
    return m;
  }

  private Map<String, Object> audience(Campaign c) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("targets", c.targets());
    a.put("treated", c.treated());
    a.put("holdout", c.holdout());
    a.put("never_reached_treated", c.neverReachedTreated());
    Map<String, Map<String, Long>> byChannel = new LinkedHashMap<>();
    for (Channel ch : Channel.values()) {
      Map<String, Long> arms = new LinkedHashMap<>();
      arms.put("treated", 0L);
      arms.put("holdout", 0L);
      byChannel.put(ch.code(), arms);
    }
    Map<String, Long> none = new LinkedHashMap<>();
    none.put("treated", 0L);
    none.put("holdout", 0L);
    long neverReachedHoldout = 0;
    List<Row> rows =
        new Campaigns(spark, lakehouse)
            .audience(c.campaignId())
            .groupBy(col("arm"), col("channel"), col("reached"))
            .count()
            .collectAsList();
    for (Row r : rows) {
      String arm = r.getString(0);
      String channel = r.isNullAt(1) ? null : r.getString(1);
      boolean reached = !r.isNullAt(2) && r.getBoolean(2);
      long n = r.getLong(3);
      Map<String, Long> cell = channel == null ? none : byChannel.get(channel);
      if (cell != null) {
        cell.merge(arm, n, Long::sum);
      }
      if (!reached && "holdout".equals(arm)) {
        neverReachedHoldout += n;
      }
    }
    a.put("never_reached_holdout", neverReachedHoldout);
    a.put("by_channel", byChannel);
    a.put("no_channel", none);
    return a;
  }

  private boolean hasLedgerRows(String campaignId) {
    return !new ContactLedger(spark, lakehouse).ofCampaign(campaignId).isEmpty();
  }

  /** Treated ledger rows per channel and status, and the holdout rows recorded. */
  private Map<String, Object> delivery(String campaignId) {
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, Map<String, Long>> byChannel = new LinkedHashMap<>();
    for (Channel ch : Channel.values()) {
      byChannel.put(ch.code(), new LinkedHashMap<>());
    }
    long holdout = 0;
    List<Row> rows =
        new ContactLedger(spark, lakehouse)
            .ofCampaign(campaignId)
            .groupBy(col("arm"), col("channel"), col("status"))
            .count()
            .collectAsList();
    for (Row r : rows) {
      String arm = r.getString(0);
      long n = r.getLong(3);
      if (!"treated".equals(arm)) {
        holdout += n;
        continue;
      }
      String channel = r.isNullAt(1) ? "none" : r.getString(1);
      String status = r.isNullAt(2) ? "unknown" : r.getString(2);
      byChannel.computeIfAbsent(channel, k -> new LinkedHashMap<>()).merge(status, n, Long::sum);
    }
    d.put("by_channel", byChannel);
    d.put("holdout_recorded", holdout);
    return d;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> previous(Path file) {
    try {
      if (file != null && Files.isRegularFile(file)) {
        return JSON.readValue(file.toFile(), Map.class);
      }
    } catch (IOException e) {
      LOG.warn("Cannot read the previous campaign status {}: {}", file, e.toString());
    }
    return Map.of();
  }

  /** Writes {@code body} as JSON to a temporary file beside {@code target}, fsyncs, renames. */
  static void writeAtomically(Path target, Object body) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp =
          target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
      try (OutputStream out =
          Files.newOutputStream(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw PipelineException.failure("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
