package org.policyreach.serving.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions of the officer UI: {@code POST /ui/session} trades an API key for a random token
 * held in an HttpOnly, SameSite=Strict cookie, so the page never keeps the key. Only the token's
 * SHA-256 is stored (in memory: a restart signs everyone out). A session ends {@link #LIFETIME}
 * after sign-in, or earlier when unused for the idle timeout. Failed sign-ins are counted per
 * client address: after {@code maxFailures} within {@code failureWindow} that address is refused
 * (429) until the oldest of them leaves the window.
 */
public final class UiSessions {
  public static final String COOKIE = "pr_session";

  /**
   * The cookie's name over HTTPS: the {@code __Host-} prefix makes the browser refuse it unless it
   * is Secure, has Path=/ and no Domain, so a sibling subdomain cannot set or shadow it.
   */
  public static final String SECURE_COOKIE = "__Host-" + COOKIE;

  /** Cookie-authenticated calls must carry this header (a cross-site form cannot set it). */
  public static final String UI_HEADER = "X-PolicyReach-UI";

  public static final Duration LIFETIME = Duration.ofHours(8);
  public static final int MAX_SESSIONS = 10_000;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** Client addresses whose failures are remembered; beyond it, stale entries are dropped. */
  static final int MAX_TRACKED_ADDRESSES = 10_000;

  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, Session> byTokenHash = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Deque<Instant>> failuresByAddress =
      new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration idleTimeout;
  private final int maxFailures;
  private final Duration failureWindow;

  public UiSessions(Clock clock) {
    this(clock, DEFAULT_IDLE_TIMEOUT, 10, Duration.ofMinutes(10));
  }

  public UiSessions(Clock clock, Duration idleTimeout, int maxFailures, Duration failureWindow) {
    this.clock = clock;
    this.idleTimeout = idleTimeout;
    this.maxFailures = maxFailures;
    this.failureWindow = failureWindow;
  }

  /** A signed-in key until {@code expiresAt}, last used at {@code lastUsed}. */
  public record Session(ApiKey key, Instant expiresAt, Instant lastUsed) {}

  /** Seconds until {@code address} may try to sign in again; 0 if it may now. */
  public long signInBlockedFor(String address) {
    Deque<Instant> failures = failuresByAddress.get(address);
    if (failures == null) {
      return 0;
    }
    Instant now = clock.instant();
    synchronized (failures) {
      prune(failures, now);
      if (failures.size() < maxFailures) {
        return 0;
      }
      Instant free = failures.peekFirst().plus(failureWindow);
      return Math.max(1, (Duration.between(now, free).toMillis() + 999) / 1000);
    }
  }

  /** Records a failed sign-in (an invalid key) from {@code address}. */
  public void signInFailed(String address) {
    Instant now = clock.instant();
    if (failuresByAddress.size() >= MAX_TRACKED_ADDRESSES) {
      failuresByAddress
          .values()
          .removeIf(
              d -> {
                synchronized (d) {
                  prune(d, now);
                  return d.isEmpty();
                }
              });
    }
    Deque<Instant> failures = failuresByAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
    synchronized (failures) {
      prune(failures, now);
      failures.addLast(now);
      while (failures.size() > maxFailures) {
        failures.removeFirst();
      }
    }
  }

  private void prune(Deque<Instant> failures, Instant now) {
    Instant oldest = now.minus(failureWindow);
    while (!failures.isEmpty() && !failures.peekFirst().isAfter(oldest)) {
      failures.removeFirst();
    }
  }

  /** A new session for {@code key}; returns the token to put in the cookie. */
  public String create(ApiKey key) {
    Instant now = clock.instant();
    if (byTokenHash.size() >= MAX_SESSIONS) {
      byTokenHash.values().removeIf(s -> !alive(s, now));
    }
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    byTokenHash.put(hash(token), new Session(key, now.plus(LIFETIME), now));
    return token;
  }

  public Optional<Session> find(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    String h = hash(token);
    Session s = byTokenHash.get(h);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!alive(s, now)) {
      byTokenHash.remove(h);
      return Optional.empty();
    }
    Session used = new Session(s.key(), s.expiresAt(), now);
    byTokenHash.replace(h, s, used);
    return Optional.of(used);
  }

  private boolean alive(Session s, Instant now) {
    return s.expiresAt().isAfter(now) && s.lastUsed().plus(idleTimeout).isAfter(now);
  }

  public void remove(String token) {
    if (token != null) {
      byTokenHash.remove(hash(token));
    }
  }

  private static String hash(String token) {
    return HexFormat.of().formatHex(ApiKeyRegistry.sha256(token));
  }
}
