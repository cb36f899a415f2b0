package org.policyreach.serving.snapshot;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal-inbox notices of push campaigns ({@code GET /v1/companies/{cn}/notices}): the inbox
 * rows of the contact ledger {@code silver.contacts} (treated, delivered), read with Delta Kernel
 * at its latest version and re-read whenever a newer version appears. Polled every {@code
 * pollInterval} (30 s by default), so a notice {@code push send} records is served within that
 * time, without a build or a publication.
 */
public final class NoticeBoard extends AbstractLifeCycle {
  private static final Logger LOG = LoggerFactory.getLogger(NoticeBoard.class);

  /** One notice delivered to a firm's inbox. */
  public record Notice(
      String noticeId, String campaignId, String programId, String message, Instant sentAt) {}

  private final DeltaTableReader reader;
  private final String path;
  private final Duration pollInterval;
  private volatile Map<String, List<Notice>> byFirm = Map.of();
  private volatile long version = -1;
  private ScheduledExecutorService poller;

  public NoticeBoard(String lakehouseUri, Duration pollInterval) {
    this(DefaultEngine.create(new Configuration()), lakehouseUri, pollInterval);
  }

  NoticeBoard(Engine engine, String lakehouseUri, Duration pollInterval) {
    this.reader = new DeltaTableReader(engine);
    String root =
        lakehouseUri.endsWith("/")
            ? lakehouseUri.substring(0, lakehouseUri.length() - 1)
            : lakehouseUri;
    this.path = root + "/silver/contacts";
    this.pollInterval = pollInterval;
  }

  /** The firm's notices, newest first. */
  public List<Notice> of(String corporateNumber) {
    return byFirm.getOrDefault(corporateNumber, List.of());
  }

  /** Reads the ledger again if it has a newer version; true when it did. */
  public boolean refresh() {
    long latest;
    try {
      latest = reader.latestVersion(path);
    } catch (RuntimeException e) {
      return false; // no ledger yet: no campaign was sent
    }
    if (latest == version) {
      return false;
    }
    DeltaTableReader.PreparedScan scan =
        reader.prepare(
            "silver.contacts",
            path,
            latest,
            List.of(
                "contact_id",
                "campaign_id",
                "corporate_number",
                "arm",
                "channel",
                "status",
                "sent_at"),
            List.of("program_id", "message"),
            null);
    int id = scan.ordinal("contact_id");
    int campaign = scan.ordinal("campaign_id");
    int cn = scan.ordinal("corporate_number");
    int arm = scan.ordinal("arm");
    int channel = scan.ordinal("channel");
    int status = scan.ordinal("status");
    int sentAt = scan.ordinal("sent_at");
    int program = scan.ordinal("program_id");
    int message = scan.ordinal("message");
    Map<String, List<Notice>> next = new HashMap<>();
    scan.forEach(
        (ColumnarBatch b, int r) -> {
          if (!"treated".equals(DeltaTableReader.string(b, arm, r))
              || !"inbox".equals(DeltaTableReader.string(b, channel, r))
              || !"delivered".equals(DeltaTableReader.string(b, status, r))
              || DeltaTableReader.isNull(b, sentAt, r)) {
            return;
          }
          long micros = b.getColumnVector(sentAt).getLong(r);
          next.computeIfAbsent(DeltaTableReader.string(b, cn, r), k -> new ArrayList<>())
              .add(
                  new Notice(
                      DeltaTableReader.string(b, id, r),
                      DeltaTableReader.string(b, campaign, r),
                      program < 0 ? null : DeltaTableReader.string(b, program, r),
                      message < 0 ? null : DeltaTableReader.string(b, message, r),
                      Instant.EPOCH.plusNanos(micros * 1000)));
        });
    for (List<Notice> l : next.values()) {
      l.sort(Comparator.comparing(Notice::sentAt).reversed().thenComparing(Notice::noticeId));
    }
    byFirm = next;
    version = latest;
    return true;
  }

  @Override
  protected void doStart() {
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "notice-poller");
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(
        () -> {
          try {
            refresh();
          } catch (RuntimeException e) {
            LOG.warn(
                "Cannot read the push notices (silver.contacts); keeping the last: {}",
                e.toString());
          }
        },
        0,
        Math.max(1, pollInterval.toMillis()),
        TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() throws InterruptedException {
    poller.shutdownNow();
    poller.awaitTermination(30, TimeUnit.SECONDS);
  }
}
