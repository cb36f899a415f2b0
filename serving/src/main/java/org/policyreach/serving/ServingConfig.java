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
 * @param security limits against abusive clients and the demo-key guard (null = {@link
 *     Security#DEFAULTS})
 */
public record ServingConfig(
    String host,
    int port,
    String lakehouse,
    Path confDir,
    Duration pollInterval,
    Path landingDir,
    Path auditDir,
    Clock clock,
    Security security) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(30);

  public ServingConfig {
    requireNonNull(host, "host is null");
    requireNonNull(lakehouse, "lakehouse is null");
    requireNonNull(confDir, "confDir is null");
    requireNonNull(pollInterval, "pollInterval is null");
    requireNonNull(clock, "clock is null");
    if (security == null) {
      security = Security.DEFAULTS;
    }
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

  /** A config with the default {@link Security} settings. */
  public ServingConfig(
      String host,
      int port,
      String lakehouse,
      Path confDir,
      Duration pollInterval,
      Path landingDir,
      Path auditDir,
      Clock clock) {
    this(host, port, lakehouse, confDir, pollInterval, landingDir, auditDir, clock, null);
  }

  /**
   * Limits against abusive clients, and whether demo keys may be served on a public address.
   *
   * @param allowDemoKeys serve on a non-loopback address even though the keys file holds a demo key
   *     whose plaintext is published ({@code --allow-demo-keys}; tests only)
   * @param bodyDeadline a request body must arrive completely within this time of its start, else
   *     the connection is closed
   * @param maxConnectionsPerAddress open connections one client address may hold; more are closed
   *     at once
   * @param sessionIdleTimeout a UI session unused this long is signed out
   * @param signInMaxFailures failed UI sign-ins from one address within {@code signInWindow} before
   *     sign-in is refused (429) for that address until the window has passed
   * @param signInWindow see {@code signInMaxFailures}
   */
  public record Security(
      boolean allowDemoKeys,
      Duration bodyDeadline,
      int maxConnectionsPerAddress,
      Duration sessionIdleTimeout,
      int signInMaxFailures,
      Duration signInWindow) {
    public static final Security DEFAULTS =
        new Security(
            false, Duration.ofSeconds(30), 64, Duration.ofMinutes(30), 10, Duration.ofMinutes(10));

    public Security {
      requireNonNull(bodyDeadline, "bodyDeadline is null");
      requireNonNull(sessionIdleTimeout, "sessionIdleTimeout is null");
      requireNonNull(signInWindow, "signInWindow is null");
      if (bodyDeadline.isNegative()
          || bodyDeadline.isZero()
          || maxConnectionsPerAddress < 1
          || sessionIdleTimeout.isNegative()
          || sessionIdleTimeout.isZero()
          || signInMaxFailures < 1
          || signInWindow.isNegative()
          || signInWindow.isZero()) {
        throw new ServingException(
            400,
            "INVALID_OPTION",
            "Security limits must be positive: body deadline, connections per address, session"
                + " idle timeout, sign-in failures and window");
      }
    }

    public Security withAllowDemoKeys(boolean allow) {
      return new Security(
          allow,
          bodyDeadline,
          maxConnectionsPerAddress,
          sessionIdleTimeout,
          signInMaxFailures,
          signInWindow);
    }

    public Security withBodyDeadline(Duration d) {
      return new Security(
          allowDemoKeys,
          d,
          maxConnectionsPerAddress,
          sessionIdleTimeout,
          signInMaxFailures,
          signInWindow);
    }

    public Security withMaxConnectionsPerAddress(int n) {
      return new Security(
          allowDemoKeys, bodyDeadline, n, sessionIdleTimeout, signInMaxFailures, signInWindow);
    }
  }

  /** Defaults for a local lakehouse: localhost, {@link #DEFAULT_POLL}, the system clock. */
  public static ServingConfig of(int port, String lakehouse, Path confDir) {
    return new ServingConfig(
        DEFAULT_HOST, port, lakehouse, confDir, DEFAULT_POLL, null, null, Clock.systemUTC());
  }

  public ServingConfig withPollInterval(Duration d) {
    return new ServingConfig(
        host, port, lakehouse, confDir, d, landingDir, auditDir, clock, security);
  }

  public ServingConfig withSecurity(Security s) {
    return new ServingConfig(
        host, port, lakehouse, confDir, pollInterval, landingDir, auditDir, clock, s);
  }

  public ServingConfig withHost(String h) {
    return new ServingConfig(
        h, port, lakehouse, confDir, pollInterval, landingDir, auditDir, clock, security);
  }

  public ServingConfig withClock(Clock c) {
    return new ServingConfig(
        host, port, lakehouse, confDir, pollInterval, landingDir, auditDir, c, security);
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
