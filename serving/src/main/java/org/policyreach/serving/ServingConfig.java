package org.policyreach.serving;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How one server runs.
 *
 * @param host address to bind ({@code 127.0.0.1} by default; {@code 0.0.0.0} for all)
 * @param port 0 picks a free port
 * @param lakehouse root URI or path of the lakehouse (tables are read with Delta Kernel)
 * @param confDir holds {@code api-keys.yaml}, {@code programs/}, {@code needs.yaml}
 * @param pollInterval how often {@code meta.publications} is checked for a newer publication
 * @param landingDir where {@code POST /v1/events} appends (default {@code
 *     <lakehouse>/_landing/events})
 * @param auditDir where the audit log goes (default {@code <lakehouse>/_audit})
 */
public record ServingConfig(
    String host,
    int port,
    String lakehouse,
    Path confDir,
    Duration pollInterval,
    Path landingDir,
    Path auditDir,
    Clock clock) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(30);

  public ServingConfig {
    requireNonNull(host, "host is null");
    requireNonNull(lakehouse, "lakehouse is null");
    requireNonNull(confDir, "confDir is null");
    requireNonNull(pollInterval, "pollInterval is null");
    requireNonNull(clock, "clock is null");
    if (port < 0 || port > 65535) {
      throw new ServingException(
          400,
          "INVALID_PORT",
          "Port " + port + " is out of range: give 0 to 65535 (0 = any free port)");
    }
    Path local = localPath(lakehouse);
    if (landingDir == null) {
      landingDir =
          requireLocal(local, lakehouse, "--landing-dir").resolve("_landing").resolve("events");
    }
    if (auditDir == null) {
      auditDir = requireLocal(local, lakehouse, "--audit-dir").resolve("_audit");
    }
  }

  /** Defaults for a local lakehouse: localhost, {@link #DEFAULT_POLL}, the system clock. */
  public static ServingConfig of(int port, String lakehouse, Path confDir) {
    return new ServingConfig(
        DEFAULT_HOST, port, lakehouse, confDir, DEFAULT_POLL, null, null, Clock.systemUTC());
  }

  public ServingConfig withPollInterval(Duration d) {
    return new ServingConfig(host, port, lakehouse, confDir, d, landingDir, auditDir, clock);
  }

  public ServingConfig withClock(Clock c) {
    return new ServingConfig(host, port, lakehouse, confDir, pollInterval, landingDir, auditDir, c);
  }

  /** The lakehouse as a local path, or null for a remote URI (hdfs://, s3a://). */
  static Path localPath(String lakehouse) {
    int colon = lakehouse.indexOf(':');
    boolean hasScheme =
        colon > 1 && lakehouse.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
    if (!hasScheme) {
      return Path.of(lakehouse).toAbsolutePath().normalize();
    }
    if (lakehouse.startsWith("file:")) {
      return Path.of(URI.create(lakehouse)).toAbsolutePath().normalize();
    }
    return null;
  }

  private static Path requireLocal(Path local, String lakehouse, String option) {
    if (local == null) {
      throw new ServingException(
          400,
          "LOCAL_DIR_REQUIRED",
          "The lakehouse "
              + lakehouse
              + " is not on the local disk; the event landing log and audit log need local"
              + " files with fsync: pass "
              + option);
    }
    return local;
  }

  /**
   * {@code <lakehouse>/_push}: push campaigns' status files and the officer's campaign requests;
   * null for a lakehouse that is not local.
   */
  public Path pushDir() {
    Path local = localPath(lakehouse);
    return local == null ? null : local.resolve("_push");
  }

  /** The lakehouse root as Delta Kernel should see it. */
  public String lakehouseUri() {
    Path local = localPath(lakehouse);
    return local == null ? lakehouse : local.toString();
  }
}
