package org.policyreach.serving.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the snapshot being served and replaces it atomically: a newer publication is loaded
 * completely in the background and then swapped in with one reference write, so a request sees
 * either the old or the new snapshot, never a mix. A publication that fails to load leaves the last
 * good snapshot in place (and is retried after {@link #RETRY_FAILED_AFTER}).
 */
public final class SnapshotStore extends AbstractLifeCycle {
  public static final Duration RETRY_FAILED_AFTER = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

  private final SnapshotLoader loader;
  private final Duration pollInterval;
  private final Clock clock;
  private final AtomicReference<Snapshot> current = new AtomicReference<>();
  private final Object loadLock = new Object();
  private volatile String failedId;
  private volatile Instant failedAt;
  private volatile String lastError;
  private ScheduledExecutorService poller;

  public SnapshotStore(SnapshotLoader loader, Duration pollInterval, Clock clock) {
    this.loader = loader;
    this.pollInterval = pollInterval;
    this.clock = clock;
  }

  /** The snapshot being served; null until the first one is loaded. */
  public Snapshot current() {
    return current.get();
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  @Override
  protected void doStart() {
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "snapshot-poller");
              t.setDaemon(true);
              return t;
            });
    // The first poll runs at once in the background: the server listens (and answers /readyz
    // with 503) while the first snapshot loads.
    poller.scheduleWithFixedDelay(
        this::pollQuietly, 0, Math.max(1, pollInterval.toMillis()), TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() throws InterruptedException {
    poller.shutdownNow();
    poller.awaitTermination(30, TimeUnit.SECONDS);
  }

  private void pollQuietly() {
    try {
      pollOnce();
    } catch (RuntimeException | Error e) {
      LOG.error("Snapshot poll failed: {}", e.toString(), e);
    }
  }

  /**
   * Loads the latest publication if it is not the one being served. Returns true if a new snapshot
   * was swapped in.
   */
  public boolean pollOnce() {
    synchronized (loadLock) {
      Optional<Publication> latest;
      try {
        latest = loader.latestPublication();
      } catch (RuntimeException e) {
        lastError = "cannot read meta.publications: " + e.getMessage();
        LOG.error(
            "Cannot read {}; keeping publication {}: {}",
            SnapshotLoader.PUBLICATIONS,
            servingId(),
            e.toString());
        return false;
      }
      if (latest.isEmpty()) {
        if (current.get() == null) {
          String why =
              "no publication in "
                  + loader.tablePath(SnapshotLoader.PUBLICATIONS)
                  + " yet (run policyreach build, which publishes)";
          if (!why.equals(lastError)) {
            // Once, not at every poll: the server stays not ready until a build publishes.
            LOG.warn("Not ready: {}", why);
          }
          lastError = why;
        }
        return false;
      }
      Publication p = latest.get();
      Snapshot serving = current.get();
      if (serving != null && serving.publicationId().equals(p.publicationId())) {
        return false;
      }
      if (p.publicationId().equals(failedId)
          && failedAt.plus(RETRY_FAILED_AFTER).isAfter(clock.instant())) {
        return false;
      }
      try {
        Snapshot next = loader.load(p);
        current.set(next);
        failedId = null;
        lastError = null;
        LOG.info(
            "Serving publication {} (was {})",
            p.publicationId(),
            serving == null ? "none" : serving.publicationId());
        return true;
      } catch (RuntimeException | OutOfMemoryError e) {
        failedId = p.publicationId();
        failedAt = clock.instant();
        lastError = "publication " + p.publicationId() + " cannot be served: " + e.getMessage();
        LOG.error(
            "Publication {} cannot be served; keeping {}. Cause: {}",
            p.publicationId(),
            servingId(),
            e.toString(),
            e);
        return false;
      }
    }
  }

  private String servingId() {
    Snapshot s = current.get();
    return s == null ? "none (not ready)" : s.publicationId();
  }
}
