package org.policyreach.serving.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.policyreach.core.OnBehalfAssertion;
import org.policyreach.serving.ServingException;

/**
 * Who may read which firm, checked for every firm a request names (after its number is parsed):
 *
 * <ul>
 *   <li>On the routes that return a firm's registry and attribute values or its notices ({@link
 *       #ON_BEHALF_ROUTES}), a {@code portal} key must send an {@link OnBehalfAssertion} for that
 *       firm, signed with the secret it shares with the server: a portal can read the signed-in
 *       firm's data, not any firm's. Officers and admins do not need one.
 *   <li>Every key has a daily quota of distinct firms (Tokyo day; {@code daily_firm_quota}, 0 for
 *       none) over the routes that read a firm ({@link #UNCOUNTED} aside): a firm already read
 *       today is always served, a new one beyond the quota gets 429 {@code FIRM_QUOTA_EXCEEDED}
 *       until midnight. {@code policyreach_firm_quota_used_ratio} is the gauge to alert on.
 * </ul>
 */
public final class FirmAccess implements MeterBinder {
  /** Routes ({@code METHOD template}) on which a portal key needs an on-behalf assertion. */
  public static final Set<String> ON_BEHALF_ROUTES =
      Set.of(
          "GET /v1/companies/{cn}/profile",
          "POST /v1/applications/validate",
          "GET /v1/companies/{cn}/notices");

  /** Routes that name firms without reading their data: outside the quota. */
  public static final Set<String> UNCOUNTED = Set.of("POST /v1/events");

  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private final Clock clock;
  private final List<ApiKey> keys;
  private final Map<String, Day> days = new ConcurrentHashMap<>();
  private final Map<String, Counter> quotaRefused = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  public FirmAccess(List<ApiKey> keys, Clock clock) {
    this.keys = List.copyOf(keys);
    this.clock = clock;
  }

  /** The firms one key read on one day. */
  private static final class Day {
    final LocalDate date;
    final Set<String> firms = new HashSet<>();

    Day(LocalDate date) {
      this.date = date;
    }
  }

  /**
   * Checks that {@code key} may read the firm {@code corporateNumber} (13 digits) on {@code method
   * template}, with {@code assertion} the request's {@value OnBehalfAssertion#HEADER} header (null
   * when absent); counts the firm against the key's quota. Throws 403 or 429 otherwise.
   */
  public void check(
      ApiKey key, String method, String template, String assertion, String corporateNumber) {
    if (key == null || corporateNumber == null) {
      return;
    }
    String route = method + " " + template;
    if (key.role() == Role.PORTAL && ON_BEHALF_ROUTES.contains(route)) {
      byte[] secret = key.onBehalfSecret();
      if (secret == null) {
        refused(key, "no_secret");
        throw new ServingException(
            403,
            "ON_BEHALF_REQUIRED",
            "API key '"
                + key.id()
                + "' has no on-behalf secret, so it cannot read a firm's data on "
                + route
                + "; configure on_behalf_secret_env for it in api-keys.yaml and send "
                + OnBehalfAssertion.HEADER
                + " for the signed-in firm (docs/operations.md)");
      }
      OnBehalfAssertion.Verdict v =
          OnBehalfAssertion.verify(secret, assertion, corporateNumber, clock.instant());
      if (v != OnBehalfAssertion.Verdict.OK) {
        refused(key, v.name().toLowerCase(java.util.Locale.ROOT));
        throw new ServingException(
            403,
            v == OnBehalfAssertion.Verdict.MISSING ? "ON_BEHALF_REQUIRED" : "ON_BEHALF_INVALID",
            route
                + " with a portal key needs "
                + OnBehalfAssertion.HEADER
                + ": v1.<corporate number>.<expiry>.<HMAC-SHA256>, signed with the key's"
                + " on-behalf secret for the signed-in firm, expiring within "
                + OnBehalfAssertion.MAX_LIFETIME.toMinutes()
                + " minutes; the one sent is refused: "
                + v.text());
      }
    }
    if (key.dailyFirmQuota() > 0 && !UNCOUNTED.contains(route)) {
      count(key, corporateNumber);
    }
  }

  private void count(ApiKey key, String corporateNumber) {
    LocalDate today = LocalDate.now(clock.withZone(TOKYO));
    Day day =
        days.compute(key.id(), (id, d) -> d == null || !d.date.equals(today) ? new Day(today) : d);
    synchronized (day) {
      if (day.firms.contains(corporateNumber)) {
        return;
      }
      if (day.firms.size() >= key.dailyFirmQuota()) {
        Counter refusedCounter = quotaRefused.get(key.id());
        if (refusedCounter != null) {
          refusedCounter.increment();
        }
        long retry =
            Math.max(
                1,
                Duration.between(clock.instant(), today.plusDays(1).atStartOfDay(TOKYO).toInstant())
                    .toSeconds());
        throw new ServingException(
                429,
                "FIRM_QUOTA_EXCEEDED",
                "API key '"
                    + key.id()
                    + "' has read its quota of "
                    + key.dailyFirmQuota()
                    + " distinct firms today (Tokyo); firms it read today are still served, new"
                    + " ones again after midnight. If this is real traffic, raise daily_firm_quota"
                    + " in api-keys.yaml")
            .withHeader("Retry-After", Long.toString(retry));
      }
      day.firms.add(corporateNumber);
    }
  }

  /** Distinct firms {@code keyId} read today (Tokyo). */
  public int firmsToday(String keyId) {
    Day day = days.get(keyId);
    if (day == null || !day.date.equals(LocalDate.now(clock.withZone(TOKYO)))) {
      return 0;
    }
    synchronized (day) {
      return day.firms.size();
    }
  }

  private void refused(ApiKey key, String reason) {
    if (registry != null) {
      Counter.builder("policyreach.on.behalf.refused")
          .description("portal requests refused for a missing or invalid on-behalf assertion")
          .tag("key", key.id())
          .tag("reason", reason)
          .register(registry)
          .increment();
    }
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    for (ApiKey k : keys) {
      quotaRefused.put(
          k.id(),
          Counter.builder("policyreach.firm.quota.refused")
              .description("requests refused because the key read its daily quota of firms")
              .tag("key", k.id())
              .register(registry));
      Gauge.builder("policyreach.firm.quota.used", this, a -> a.firmsToday(k.id()))
          .description("distinct firms the key read today (Tokyo)")
          .tag("key", k.id())
          .register(registry);
      if (k.dailyFirmQuota() > 0) {
        Gauge.builder(
                "policyreach.firm.quota.used.ratio",
                this,
                a -> a.firmsToday(k.id()) / (double) k.dailyFirmQuota())
            .description("share of the key's daily quota of firms used today: alert near 1")
            .tag("key", k.id())
            .register(registry);
      }
    }
  }
}
