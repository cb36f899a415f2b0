package org.policyreach.serving.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions of the officer UI: {@code POST /ui/session} trades an API key for a random token
 * held in an HttpOnly, SameSite=Strict cookie, so the page never keeps the key. Only the token's
 * SHA-256 is stored (in memory: a restart signs everyone out).
 */
public final class UiSessions {
  public static final String COOKIE = "pr_session";

  /** Cookie-authenticated calls must carry this header (a cross-site form cannot set it). */
  public static final String UI_HEADER = "X-PolicyReach-UI";

  public static final Duration LIFETIME = Duration.ofHours(8);
  public static final int MAX_SESSIONS = 10_000;

  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, Session> byTokenHash = new ConcurrentHashMap<>();
  private final Clock clock;

  public UiSessions(Clock clock) {
    this.clock = clock;
  }

  /** A signed-in key until {@code expiresAt}. */
  public record Session(ApiKey key, Instant expiresAt) {}

  /** A new session for {@code key}; returns the token to put in the cookie. */
  public String create(ApiKey key) {
    Instant now = clock.instant();
    if (byTokenHash.size() >= MAX_SESSIONS) {
      byTokenHash.values().removeIf(s -> !s.expiresAt().isAfter(now));
    }
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    byTokenHash.put(hash(token), new Session(key, now.plus(LIFETIME)));
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
    if (!s.expiresAt().isAfter(clock.instant())) {
      byTokenHash.remove(h);
      return Optional.empty();
    }
    return Optional.of(s);
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
