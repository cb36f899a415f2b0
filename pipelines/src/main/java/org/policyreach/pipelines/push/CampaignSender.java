package org.policyreach.pipelines.push;

import static org.apache.spark.sql.functions.col;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.build.BuildJob;

/**
 * {@code push send}: delivers a planned campaign to its treated firms only, each on its planned
 * channel, and records every attempt in {@code silver.contacts}.
 *
 * <p>Exactly once per (campaign, firm): the contact id is derived from both, and the ledger insert
 * skips ids already recorded. Inbox notices are the ledger rows themselves (one Delta commit), and
 * letters are ledger rows plus the mail-merge file rewritten from the ledger, so neither can be
 * delivered twice. E-mail leaves the system, so it goes through the campaign's fsynced outbox
 * journal ({@link OutboxJournal}); a send killed mid-way and re-run records what the journal says
 * was sent and sends the rest. The one ambiguity: a kill after the SMTP server accepted a message
 * and before its {@code sent} line reached the disk (a few milliseconds per message, at most one
 * message per kill) — that message is sent again with the same Message-ID.
 *
 * <p>Each firm is checked again at send time: opted out, no longer active or at its contact cap
 * (every channel, other campaigns) → skipped; an e-mail firm whose address is gone or invalid gets
 * a letter when the campaign has post, else it is skipped (no channel). A campaign that was sent
 * completely is not sent again (bad input).
 */
public final class CampaignSender {
  /** Ledger rows written per commit while e-mailing. */
  static final int LEDGER_BATCH = 200;

  private final SparkSession spark;
  private final Lakehouse lakehouse;
  private final PolicyReachConfig config;
  private final ProgramCatalog catalog;
  private final SmtpSettings smtp;
  private final Clock clock;

  public CampaignSender(
      SparkSession spark,
      Lakehouse lakehouse,
      PolicyReachConfig config,
      ProgramCatalog catalog,
      SmtpSettings smtp,
      Clock clock) {
    this.spark = Objects.requireNonNull(spark, "spark is null");
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse is null");
    this.config = Objects.requireNonNull(config, "config is null");
    this.catalog = Objects.requireNonNull(catalog, "catalog is null");
    this.smtp = Objects.requireNonNull(smtp, "smtp is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** What {@code push send} prints. */
  public record SendResult(
      String campaignId,
      Map<Channel, Long> sent,
      Map<Channel, Long> thisRun,
      long bounced,
      Map<String, Long> skipped,
      Path postFile,
      Path postFileCp932) {
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("campaign_id", campaignId);
      m.put("sent", byCode(sent));
      m.put("this_run", byCode(thisRun));
      m.put("bounced", bounced);
      m.put("skipped", skipped);
      m.put("post_file", postFile == null ? null : postFile.toString());
      m.put("post_file_cp932", postFileCp932 == null ? null : postFileCp932.toString());
      return m;
    }

    private static Map<String, Long> byCode(Map<Channel, Long> m) {
      Map<String, Long> out = new LinkedHashMap<>();
      for (Channel c : Channel.values()) {
        out.put(c.code(), m.getOrDefault(c, 0L));
      }
      return out;
    }
  }

  /** The folder of a campaign's outbox and mail-merge files: {@code <lakehouse>/_push/<id>}. */
  public static Path campaignDir(Lakehouse lakehouse, String campaignId) {
    return pushDir(lakehouse).resolve(campaignId);
  }

  static Path pushDir(Lakehouse lakehouse) {
    String root = lakehouse.root();
    if (root.startsWith("file:")) {
      return Path.of(URI.create(root)).resolve("_push");
    }
    if (root.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      throw PipelineException.badInput(
          "push send keeps its e-mail outbox and mail-merge files beside the lakehouse and needs a"
              + " local one; "
              + root
              + " is not local. Run push send with a local --lakehouse (or a mounted copy)");
    }
    return Path.of(root).resolve("_push");
  }

  private record Firm(
      String cn, Channel channel, String name, List<String> reasons, String contactId) {}

  public SendResult send(String campaignId) {
    Campaigns store = new Campaigns(spark, lakehouse);
    Campaign campaign = store.require(campaignId);
    if (campaign.isSent()) {
      throw PipelineException.badInput(
          "Campaign "
              + campaignId
              + " was already sent (completed "
              + campaign.sentAt()
              + "); sending it again would contact its firms twice. To push the program again, plan"
              + " a new campaign (policyreach push plan --program "
              + campaign.programId()
              + "); to see its outcome, policyreach push report --campaign "
              + campaignId);
    }
    Program program =
        catalog
            .find(campaign.programId())
            .orElseThrow(
                () ->
                    PipelineException.badInput(
                        "Campaign "
                            + campaignId
                            + " is for program "
                            + campaign.programId()
                            + ", which is no longer in the catalog (conf/programs); put it back or"
                            + " plan another campaign"));
    Path dir = campaignDir(lakehouse, campaignId);
    Instant started = now();
    store.markSending(campaignId, started);

    ContactLedger ledger = new ContactLedger(spark, lakehouse);
    Set<String> recorded = new HashSet<>();
    for (Row r : ledger.ofCampaign(campaignId).select("corporate_number").collectAsList()) {
      recorded.add(r.getString(0));
    }
    LocalDate today = LocalDate.now(clock.withZone(BuildJob.TOKYO));
    Dataset<Row> audience = store.audience(campaignId);
    Dataset<Row> names =
        lakehouse.exists(spark, "silver", "firms")
            ? spark
                .read()
                .format("delta")
                .load(lakehouse.path("silver", "firms"))
                .select("corporate_number", "name")
            : spark.createDataFrame(
                List.of(),
                new org.apache.spark.sql.types.StructType()
                    .add("corporate_number", "string")
                    .add("name", "string"));
    List<Row> all =
        audience
            .join(
                FirmState.of(spark, lakehouse, today, campaign.contactWindowDays(), campaignId),
                "corporate_number",
                "left")
            .join(names, "corporate_number", "left")
            .orderBy(col("rank"), col("corporate_number"))
            .collectAsList();

    List<Row> rows = all.stream().filter(r -> "treated".equals(r.getAs("arm"))).toList();
    Map<String, Long> skipped = new LinkedHashMap<>();
    for (String k : List.of("opted_out", "contact_cap", "no_channel", "closed", "bad_address")) {
      skipped.put(k, 0L);
    }
    List<Firm> firms = new ArrayList<>();
    for (Row r : rows) {
      String cn = r.getAs("corporate_number");
      if (recorded.contains(cn)) {
        continue;
      }
      FirmState.Exclusion why = FirmState.exclusion(r, campaign.contactCap());
      if (why != FirmState.Exclusion.NONE) {
        String key =
            switch (why) {
              case OPTED_OUT -> "opted_out";
              case CLOSED -> "closed";
              default -> "contact_cap";
            };
        skipped.merge(key, 1L, Long::sum);
        continue;
      }
      String planned = r.getAs("channel");
      List<String> reasons = new ArrayList<>();
      if (!r.isNullAt(r.fieldIndex("reasons"))) {
        for (Row reason : r.<Row>getList(r.fieldIndex("reasons"))) {
          reasons.add(reason.getAs("message"));
        }
      }
      firms.add(
          new Firm(
              cn,
              planned == null ? null : Channel.parse(planned),
              r.getAs("name"),
              reasons,
              ContactLedger.contactId(campaignId, cn)));
    }

    ChannelDirectory directory = new ChannelDirectory(spark, lakehouse);
    Map<String, String> emails =
        directory.emails(
            firms.stream().filter(f -> f.channel() == Channel.EMAIL).map(Firm::cn).toList());
    Map<String, Row> addresses =
        campaign.channels().contains(Channel.POST)
            ? addresses(
                directory, rows.stream().map(r -> r.<String>getAs("corporate_number")).toList())
            : Map.of();
    Set<String> postable = new HashSet<>();
    addresses.forEach(
        (cn, a) -> {
          if (a.getAs("post_code") != null) {
            postable.add(cn);
          }
        });
    List<Firm> inbox = new ArrayList<>();
    List<Firm> post = new ArrayList<>();
    List<Firm> email = new ArrayList<>();
    for (Firm f : firms) {
      Channel ch = f.channel();
      if (ch == Channel.EMAIL && !SmtpMailer.isValid(emails.get(f.cn()))) {
        skipped.merge("bad_address", 1L, Long::sum);
        ch =
            campaign.channels().contains(Channel.POST) && postable.contains(f.cn())
                ? Channel.POST
                : null;
      }
      if (ch == Channel.POST && !postable.contains(f.cn())) {
        ch = null;
      }
      if (ch == null) {
        skipped.merge("no_channel", 1L, Long::sum);
        continue;
      }
      Firm g = new Firm(f.cn(), ch, f.name(), f.reasons(), f.contactId());
      switch (ch) {
        case INBOX -> inbox.add(g);
        case POST -> post.add(g);
        case EMAIL -> email.add(g);
      }
    }

    Map<Channel, Long> thisRun = new EnumMap<>(Channel.class);
    Timestamp at = Timestamp.from(now());
    // the holdout is in the ledger too (no channel, no status): the record of who was
    // deliberately not contacted, read by push report like an imported history
    // Only holdout firms comparable with the treated: one of the campaign's channels reached them
    // at plan time and nothing would stop a push today (opted out, closed, contact cap).
    List<Row> holdoutRows = new ArrayList<>();
    for (Row r : all) {
      String cn = r.getAs("corporate_number");
      if (!"holdout".equals(r.getAs("arm"))
          || r.getAs("channel") == null
          || FirmState.exclusion(r, campaign.contactCap()) != FirmState.Exclusion.NONE) {
        continue;
      }
      if (!recorded.contains(cn)) {
        holdoutRows.add(
            RowFactory.create(
                ContactLedger.contactId(campaignId, cn),
                campaignId,
                campaign.programId(),
                cn,
                null,
                "holdout",
                at,
                null,
                null,
                null,
                null,
                "send-" + campaignId));
      }
    }
    List<Row> inboxRows = new ArrayList<>();
    for (Firm f : inbox) {
      inboxRows.add(
          ledgerRow(
              campaign,
              f,
              Channel.INBOX,
              at,
              "delivered",
              null,
              NoticeText.shortMessage(program, f.reasons())));
    }
    thisRun.put(Channel.INBOX, (long) inboxRows.size());

    List<Row> postRows = new ArrayList<>();
    for (Firm f : post) {
      postRows.add(
          ledgerRow(
              campaign,
              f,
              Channel.POST,
              at,
              "sent",
              null,
              NoticeText.shortMessage(program, f.reasons())));
    }
    thisRun.put(Channel.POST, (long) postRows.size());
    // one ledger commit for the holdout, the inbox notices and the letters
    List<Row> batch = new ArrayList<>(holdoutRows);
    batch.addAll(inboxRows);
    batch.addAll(postRows);
    ledger.record(batch);
    Path postFile = writePostFile(ledger, addresses, campaign, program, dir);

    long[] bounced = {0};
    try {
      sendEmails(campaign, program, email, emails, dir, ledger, thisRun, bounced);
    } catch (SmtpMailer.Unavailable e) {
      Map<Channel, Long> sent = sentSoFar(ledger, campaignId);
      throw PipelineException.failure(
          "Cannot finish campaign "
              + campaignId
              + ": "
              + e.getMessage()
              + ". Delivered and recorded in silver.contacts so far: inbox "
              + sent.getOrDefault(Channel.INBOX, 0L)
              + ", post "
              + sent.getOrDefault(Channel.POST, 0L)
              + ", e-mail "
              + sent.getOrDefault(Channel.EMAIL, 0L)
              + ". Start the SMTP server (or point "
              + SmtpSettings.ENV
              + "=host:port, or push.smtp_host/smtp_port in conf/policyreach.yaml, at one) and run"
              + " policyreach push send --campaign "
              + campaignId
              + " again: it sends only what remains");
    }
    store.markSent(campaignId, now());
    return new SendResult(
        campaignId,
        sentSoFar(ledger, campaignId),
        thisRun,
        bounced[0],
        skipped,
        postFile,
        postFile == null ? null : postFile.resolveSibling("post-" + campaignId + "-cp932.csv"));
  }

  private void sendEmails(
      Campaign campaign,
      Program program,
      List<Firm> email,
      Map<String, String> addresses,
      Path dir,
      ContactLedger ledger,
      Map<Channel, Long> thisRun,
      long[] bounced)
      throws SmtpMailer.Unavailable {
    if (email.isEmpty()) {
      thisRun.put(Channel.EMAIL, 0L);
      return;
    }
    AddressHash hash = AddressHash.open(pushDir(lakehouse));
    List<Row> pending = new ArrayList<>();
    long delivered = 0;
    try (OutboxJournal journal = OutboxJournal.open(dir.resolve("email-outbox.jsonl"));
        SmtpMailer mailer = new SmtpMailer(smtp)) {
      try {
        for (Firm f : email) {
          String address = addresses.get(f.cn());
          String digest = hash.of(address);
          NoticeText text =
              NoticeText.email(
                  program, f.name(), f.reasons(), campaign.campaignId(), f.cn(), smtp.portalUrl());
          OutboxJournal.Entry last = journal.last(f.contactId());
          if (last == null || last.state().equals(OutboxJournal.SENDING)) {
            // never tried, or the ambiguous case: died while the server had it → send again
            journal.append(
                new OutboxJournal.Entry(
                    f.contactId(), f.cn(), OutboxJournal.SENDING, now(), digest));
            String state;
            try {
              mailer.send(
                  "<" + f.contactId() + "@policyreach>",
                  address,
                  text,
                  NoticeText.optOutUrl(smtp.portalUrl(), campaign.campaignId(), f.cn()));
              state = OutboxJournal.SENT;
            } catch (SmtpMailer.Rejected r) {
              state = OutboxJournal.BOUNCED;
            }
            last = new OutboxJournal.Entry(f.contactId(), f.cn(), state, now(), digest);
            journal.append(last);
          }
          if (last.state().equals(OutboxJournal.BOUNCED)) {
            bounced[0]++;
          } else {
            delivered++;
          }
          pending.add(
              ledgerRow(
                  campaign,
                  f,
                  Channel.EMAIL,
                  Timestamp.from(last.at()),
                  last.state(),
                  digest,
                  text.body()));
          if (pending.size() >= LEDGER_BATCH) {
            ledger.record(pending);
            pending.clear();
          }
        }
      } finally {
        // what was sent is recorded whatever stopped the loop
        ledger.record(pending);
        thisRun.put(Channel.EMAIL, delivered);
      }
    }
  }

  /** The registered address of each firm of {@code cns} the registry knows. */
  private Map<String, Row> addresses(ChannelDirectory directory, List<String> cns) {
    Map<String, Row> out = new HashMap<>();
    if (cns.isEmpty()) {
      return out;
    }
    Dataset<Row> ds = spark.createDataset(cns, Encoders.STRING()).toDF("corporate_number");
    for (Row r : directory.postalAddresses(ds).collectAsList()) {
      out.put(r.getAs("corporate_number"), r);
    }
    return out;
  }

  /** Rewrites the mail-merge files from the campaign's post rows in the ledger. */
  private Path writePostFile(
      ContactLedger ledger,
      Map<String, Row> addresses,
      Campaign campaign,
      Program program,
      Path dir) {
    if (!campaign.channels().contains(Channel.POST)) {
      return null;
    }
    List<PostFile.Letter> out = new ArrayList<>();
    for (Row r :
        ledger
            .ofCampaign(campaign.campaignId())
            .filter(col("channel").equalTo(Channel.POST.code()))
            .select("corporate_number", "message")
            .collectAsList()) {
      String cn = r.getString(0);
      Row a = addresses.get(cn);
      out.add(
          new PostFile.Letter(
              a == null ? null : a.getAs("post_code"),
              a == null ? "" : a.getAs("address"),
              a == null ? null : a.getAs("name"),
              cn,
              r.getString(1),
              program.url(),
              campaign.campaignId(),
              NoticeText.responseCode(campaign.campaignId(), cn)));
    }
    out.sort(
        java.util.Comparator.comparing(
                (PostFile.Letter l) -> l.postCode() == null ? "" : l.postCode())
            .thenComparing(PostFile.Letter::corporateNumber));
    return PostFile.write(dir, campaign.campaignId(), out);
  }

  private Map<Channel, Long> sentSoFar(ContactLedger ledger, String campaignId) {
    Map<Channel, Long> out = new EnumMap<>(Channel.class);
    for (Row r :
        ledger
            .ofCampaign(campaignId)
            .filter(col("status").isin("sent", "delivered"))
            .groupBy("channel")
            .count()
            .collectAsList()) {
      if (r.getString(0) != null) {
        out.put(Channel.parse(r.getString(0)), r.getLong(1));
      }
    }
    return out;
  }

  private static Row ledgerRow(
      Campaign c,
      Firm f,
      Channel channel,
      Timestamp at,
      String status,
      String addressSha256,
      String message) {
    return RowFactory.create(
        f.contactId(),
        c.campaignId(),
        c.programId(),
        f.cn(),
        channel.code(),
        "treated",
        at,
        status,
        at,
        addressSha256,
        message,
        "send-" + c.campaignId());
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
