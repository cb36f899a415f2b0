package org.policyreach.serving.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
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
  private static final JsonFactory JSON = new JsonFactory();

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
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("time", now.toString());
      g.writeStringField("request_id", e.requestId());
      g.writeStringField("key_id", e.keyId());
      g.writeStringField("role", e.role());
      g.writeStringField("method", e.method());
      g.writeStringField("route", e.route());
      g.writeStringField("corporate_number", e.corporateNumber());
      g.writeNumberField("status", e.status());
      g.writeStringField("publication", e.publication());
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    w.write('\n');
    return w.toString().getBytes(StandardCharsets.UTF_8);
  }
}
