package org.policyreach.serving.audit;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: one JSON line per call that touches a firm (and per firm of a batch), in {@code
 * <dir>/audit-YYYY-MM-DD.jsonl} (UTC day). It names the key id (never the key), role, route
 * template, corporate number, status, time and publication; nothing else about the request. Lines
 * are buffered, flushed every second and on stop (with an fsync).
 */
public final class AuditLog extends AbstractLifeCycle {
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

  public AuditLog(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  public Path dir() {
    return dir;
  }

  /** One audited call. {@code corporateNumber} is null when the input was not a valid number. */
  public record Entry(
      String requestId,
      String keyId,
      String role,
      String method,
      String route,
      String corporateNumber,
      int status,
      String publication) {}

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
        } catch (IOException ex) {
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
