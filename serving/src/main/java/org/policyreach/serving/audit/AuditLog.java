package org.policyreach.serving.audit;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one JSON line per call that touches a firm (and per firm of a batch), in {@code
 * <dir>/audit-YYYY-MM-DD.jsonl} (UTC day). It names the key id (never the key), role, route
 * template, corporate number, status, time, publication and the client's address, and what the
 * route adds about itself ({@code detail}: a sign-in's outcome and key id, an export's format and
 * filters); nothing else about the request (never a key, a body, a contact). Lines are buffered,
 * flushed every second and on stop (with an fsync).
 *
 * <p>A line that cannot be written or flushed is counted ({@code
 * policyreach_audit_write_failures_total}) and makes the log unhealthy ({@link #healthy()}, gauge
 * {@code policyreach_audit_healthy} 0) until the next successful flush.
 */
public final class AuditLog extends AbstractLifeCycle implements MeterBinder {
  public static final long FLUSH_MILLIS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

  private final Path dir;
  private final Clock clock;
  private final Object lock = new Object();
  private LocalDate day;
  private FileChannel channel;
  private OutputStream out;
  private ScheduledExecutorService flusher;
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean healthy = true;
  private volatile String lastError;

  public AuditLog(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  public Path dir() {
    return dir;
  }

  /**
   * One audited call. {@code corporateNumber} is null when the input was not a valid number; {@code
   * client} is the peer's address (and the {@code X-Forwarded-For} chain behind a proxy); {@code
   * detail} is what the route recorded about the call (empty for most).
   */
  public record Entry(
      String requestId,
      String keyId,
      String role,
      String method,
      String route,
      String corporateNumber,
      int status,
      String publication,
      String client,
      Map<String, String> detail) {
    public Entry {
      detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    /** An entry without client address or detail. */
    public Entry(
        String requestId,
        String keyId,
        String role,
        String method,
        String route,
        String corporateNumber,
        int status,
        String publication) {
      this(requestId, keyId, role, method, route, corporateNumber, status, publication, null, null);
    }
  }

  /** False after a line could not be written or flushed, until the next successful flush. */
  public boolean healthy() {
    return healthy;
  }

  /** Lines (or flushes) that failed since the start. */
  public long failures() {
    return failures.get();
  }

  /** The last write failure, for /readyz and the log. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** {@code policyreach.audit.healthy} (1/0) and {@code policyreach.audit.write.failures}. */
  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("policyreach.audit.healthy", this, a -> a.healthy() ? 1 : 0)
        .description("1 while the audit log is written; 0 after a write failure")
        .register(registry);
    FunctionCounter.builder("policyreach.audit.write.failures", this, a -> a.failures())
        .description("audit lines or flushes that could not be written")
        .register(registry);
  }

  private void failed(IOException ex) {
    lastError = "Cannot write the audit log in " + dir + ": " + ex;
    healthy = false;
    failures.incrementAndGet();
  }

  @Override
  protected void doStart() throws IOException {
    Files.createDirectories(dir);
    flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "audit-flusher");
              t.setDaemon(true);
              return t;
            });
    flusher.scheduleWithFixedDelay(
        this::flushQuietly, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() throws Exception {
    flusher.shutdownNow();
    flusher.awaitTermination(5, TimeUnit.SECONDS);
    synchronized (lock) {
      if (out != null) {
        out.flush();
        channel.force(false);
        out.close();
        out = null;
        channel = null;
      }
    }
  }

  public void write(Entry e) {
    Instant now = clock.instant();
    byte[] line = format(e, now);
    synchronized (lock) {
      try {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (out == null || !today.equals(day)) {
          rotate(today);
        }
        out.write(line);
      } catch (IOException ex) {
        // The audit trail failing must be loud: the request itself has already been answered.
        failed(ex);
        LOG.error("Cannot write the audit log in {}: {}", dir, ex.toString());
      }
    }
  }

  /** Writes buffered lines to the file (tests read the file after this). */
  public void flush() {
    synchronized (lock) {
      if (out != null) {
        try {
          out.flush();
          healthy = true;
        } catch (IOException ex) {
          failed(ex);
          throw new UncheckedIOException("Cannot flush the audit log in " + dir, ex);
        }
      }
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException ex) {
      LOG.error("{}", ex.getMessage());
    }
  }

  private void rotate(LocalDate today) throws IOException {
    if (out != null) {
      out.flush();
      channel.force(false);
      out.close();
    }
    day = today;
    Path file = dir.resolve("audit-" + today + ".jsonl");
    channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    out =
        new java.io.BufferedOutputStream(
            java.nio.channels.Channels.newOutputStream(channel), 64 * 1024);
  }

  private static byte[] format(Entry e, Instant now) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"time\":");
    quote(sb, now.toString());
    sb.append(",\"request_id\":");
    quote(sb, e.requestId());
    sb.append(",\"key_id\":");
    quote(sb, e.keyId());
    sb.append(",\"role\":");
    quote(sb, e.role());
    sb.append(",\"method\":");
    quote(sb, e.method());
    sb.append(",\"route\":");
    quote(sb, e.route());
    sb.append(",\"corporate_number\":");
    quote(sb, e.corporateNumber());
    sb.append(",\"status\":").append(e.status());
    sb.append(",\"publication\":");
    quote(sb, e.publication());
    sb.append(",\"client\":");
    quote(sb, e.client());
    if (!e.detail().isEmpty()) {
      sb.append(",\"detail\":{");
      boolean first = true;
      for (Map.Entry<String, String> d : new TreeMap<>(e.detail()).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        quote(sb, d.getKey());
        sb.append(':');
        quote(sb, d.getValue());
      }
      sb.append('}');
    }
    sb.append("}\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void quote(StringBuilder sb, String s) {
    if (s == null) {
      sb.append("null");
    } else {
      sb.append('"');
      ESCAPER.quoteAsString(s, sb);
      sb.append('"');
    }
  }
}
