package org.policyreach.serving.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off slow clients (slowloris). The connector's idle timeout closes a connection that sends
 * nothing, but a client that trickles one byte every few seconds resets it forever and holds a
 * connection (and, once its headers are in, a thread). This guard checks every open HTTP/1
 * connection once a second and closes it when a request's headers are not complete {@link
 * #HEADER_TIMEOUT} after they began, or when its body, after {@link #BODY_GRACE}, arrives slower
 * than {@link #MIN_BODY_BYTES_PER_SECOND}, or when the whole body has not arrived within the body
 * deadline (answered 408, then closed). It also caps the connections one client address may hold
 * open: a connection over the cap is closed as soon as it opens. Closed connections are counted and
 * logged (at most one line per {@link #LOG_EVERY}), without addresses.
 */
public final class SlowClientGuard extends AbstractLifeCycle implements Connection.Listener {
  public static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration BODY_GRACE = Duration.ofSeconds(10);
  public static final long MIN_BODY_BYTES_PER_SECOND = 1024;
  static final Duration LOG_EVERY = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(SlowClientGuard.class);

  private enum Phase {
    IDLE,
    HEADERS,
    BODY
  }

  private static final class Progress {
    Phase phase = Phase.IDLE;
    long messages = -1;
    long since;
    long bytesAtStart;
  }

  private static final String TIMEOUT_BODY =
      "{\"error\":{\"code\":\"REQUEST_TIMEOUT\",\"message\":\"The request body did not arrive"
          + " in time: send it at once, or in smaller requests\"}}";
  private static final byte[] TIMEOUT_RESPONSE =
      ("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nConnection: close\r\n"
              + "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nContent-Length: "
              + TIMEOUT_BODY.length()
              + "\r\n\r\n"
              + TIMEOUT_BODY)
          .getBytes(StandardCharsets.US_ASCII);

  private final Map<HttpConnection, Progress> open = new ConcurrentHashMap<>();
  private final Map<Connection, InetAddress> counted = new ConcurrentHashMap<>();
  private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private final AtomicLong closedHeaders = new AtomicLong();
  private final AtomicLong closedBodies = new AtomicLong();
  private final AtomicLong closedDeadline = new AtomicLong();
  private final AtomicLong refusedConnections = new AtomicLong();
  private final Duration bodyDeadline;
  private final int maxConnectionsPerAddress;
  private volatile long lastLog;
  private ScheduledExecutorService timer;

  /**
   * @param bodyDeadline time from the start of a request body until all of it must have arrived
   * @param maxConnectionsPerAddress open connections one client address may hold
   */
  public SlowClientGuard(Duration bodyDeadline, int maxConnectionsPerAddress) {
    this.bodyDeadline = bodyDeadline;
    this.maxConnectionsPerAddress = maxConnectionsPerAddress;
  }

  @Override
  public void onOpened(Connection connection) {
    InetAddress address = addressOf(connection);
    if (address != null) {
      AtomicInteger n = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
      if (n.incrementAndGet() > maxConnectionsPerAddress) {
        n.decrementAndGet();
        refusedConnections.incrementAndGet();
        connection.getEndPoint().close();
        logClosed();
        return;
      }
      counted.put(connection, address);
    }
    if (connection instanceof HttpConnection h) {
      open.put(h, new Progress());
    }
  }

  @Override
  public void onClosed(Connection connection) {
    open.remove(connection);
    InetAddress address = counted.remove(connection);
    if (address != null) {
      perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
  }

  private static InetAddress addressOf(Connection connection) {
    SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress i ? i.getAddress() : null;
  }

  /** Connections closed at once because their address already held the maximum. */
  public long refusedConnections() {
    return refusedConnections.get();
  }

  /** Connections answered 408 and closed because a body was not complete by the deadline. */
  public long closedBodyDeadline() {
    return closedDeadline.get();
  }

  /** Connections closed so far because their headers, or their body, came too slowly. */
  public long closedSlowHeaders() {
    return closedHeaders.get();
  }

  public long closedSlowBodies() {
    return closedBodies.get();
  }

  @Override
  protected void doStart() {
    lastLog = System.nanoTime() - LOG_EVERY.toNanos() - 1;
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "slow-client-guard");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::checkQuietly, 1, 1, TimeUnit.SECONDS);
  }

  @Override
  protected void doStop() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(5, TimeUnit.SECONDS);
    open.clear();
    counted.clear();
    perAddress.clear();
  }

  private void checkQuietly() {
    try {
      check(System.nanoTime());
    } catch (RuntimeException e) {
      LOG.warn("Slow-client check failed: {}", e.toString());
    }
  }

  private void check(long now) {
    for (Map.Entry<HttpConnection, Progress> e : open.entrySet()) {
      HttpConnection c = e.getKey();
      Progress p = e.getValue();
      Phase phase = phaseOf(c.getParser());
      long messages = c.getMessagesIn();
      long bytes = c.getBytesIn();
      if (phase != p.phase || messages != p.messages) {
        p.phase = phase;
        p.messages = messages;
        p.since = now;
        p.bytesAtStart = bytes;
        continue;
      }
      long elapsed = now - p.since;
      if (phase == Phase.BODY && elapsed > bodyDeadline.toNanos()) {
        closedDeadline.incrementAndGet();
        timeOut(c);
      } else if (phase == Phase.HEADERS && elapsed > HEADER_TIMEOUT.toNanos()) {
        closedHeaders.incrementAndGet();
        close(c);
      } else if (phase == Phase.BODY && elapsed > BODY_GRACE.toNanos()) {
        double seconds = elapsed / 1e9;
        if (bytes - p.bytesAtStart < MIN_BODY_BYTES_PER_SECOND * seconds) {
          closedBodies.incrementAndGet();
          close(c);
        }
      }
    }
  }

  private static Phase phaseOf(HttpParser parser) {
    HttpParser.State s = parser.getState();
    if (s == HttpParser.State.START) {
      return Phase.IDLE;
    }
    if (parser.inHeaderState()) {
      return Phase.HEADERS;
    }
    if (parser.inContentState()) {
      return Phase.BODY;
    }
    return Phase.IDLE;
  }

  /** Answers 408 (the handler is still waiting for the body, so nothing was sent), then closes. */
  private void timeOut(HttpConnection c) {
    open.remove(c);
    EndPoint ep = c.getEndPoint();
    try {
      ep.write(Callback.from(ep::close, x -> ep.close()), ByteBuffer.wrap(TIMEOUT_RESPONSE));
    } catch (RuntimeException e) {
      ep.close();
    }
    logClosed();
  }

  private void close(HttpConnection c) {
    open.remove(c);
    c.getEndPoint().close();
    logClosed();
  }

  private void logClosed() {
    long now = System.nanoTime();
    if (now - lastLog > LOG_EVERY.toNanos()) {
      lastLog = now;
      LOG.warn(
          "Closed client connections: {} sent headers slower than {} s, {} sent a body slower"
              + " than {} bytes/s, {} did not finish a body within {} s, {} were over {}"
              + " connections from one address (totals since start)",
          closedHeaders.get(),
          HEADER_TIMEOUT.toSeconds(),
          closedBodies.get(),
          MIN_BODY_BYTES_PER_SECOND,
          closedDeadline.get(),
          bodyDeadline.toSeconds(),
          refusedConnections.get(),
          maxConnectionsPerAddress);
    }
  }
}
