package org.policyreach.serving.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key: {@code burst} tokens, refilled at {@code requestsPerSecond}. A
 * request takes one token; without one it is refused with the seconds until the next token.
 */
public final class RateLimiter {
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;

  public RateLimiter() {
    this(System::nanoTime);
  }

  public RateLimiter(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** 0 if the request may proceed, else the whole seconds to wait (at least 1). */
  public long acquire(ApiKey key) {
    Bucket b =
        buckets.computeIfAbsent(key.id(), id -> new Bucket(key.burst(), nanoClock.getAsLong()));
    return b.take(key.requestsPerSecond(), key.burst(), nanoClock.getAsLong());
  }

  private static final class Bucket {
    private double tokens;
    private long lastNanos;

    Bucket(int burst, long now) {
      this.tokens = burst;
      this.lastNanos = now;
    }

    synchronized long take(double perSecond, int burst, long now) {
      double refill = (now - lastNanos) / 1e9 * perSecond;
      tokens = Math.min(burst, tokens + Math.max(0, refill));
      lastNanos = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      double wait = (1 - tokens) / perSecond;
      return Math.max(1, (long) Math.ceil(wait));
    }
  }
}
