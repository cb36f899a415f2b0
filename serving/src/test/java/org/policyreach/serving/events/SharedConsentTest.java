package org.policyreach.serving.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyreach.serving.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.ServingConfig;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;

/**
 * Consent is shared by the servers on one landing folder and ordered by the time a server received
 * it: two servers in this JVM on the same lakehouse (so the same {@code _landing/events}).
 */
class SharedConsentTest {
  @TempDir Path lake;
  @TempDir Path confDir;
  Path conf;

  /** A clock the test moves forward. */
  static final class MovingClock extends Clock {
    private volatile Instant now;

    MovingClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void publish() {
    Fixtures.publishStandard(new GoldFixture(lake));
    conf = TestServer.conf(confDir);
  }

  private TestServer start(Clock clock) {
    return TestServer.start(
        new ServingConfig(
            "127.0.0.1", 0, lake.toString(), conf, Duration.ofHours(1), null, null, clock));
  }

  static String consent(String id, String cn, String type, String at) {
    return "{\"event_id\": \""
        + id
        + "\", \"corporate_number\": \""
        + cn
        + "\", \"type\": \""
        + type
        + "\", \"at\": \""
        + at
        + "\"}";
  }

  private static boolean optedOut(TestServer s, String cn) {
    JsonNode recs = json(s.get("/v1/companies/" + cn + "/recommendations", TestServer.PORTAL_KEY));
    boolean out = recs.get("opted_out").asBoolean();
    if (out) {
      assertThat(recs.get("recommendations")).isEmpty();
    }
    return out;
  }

  /** Polls until the firm's opted_out is {@code expected}; fails after {@code bound}. */
  private static Duration awaitOptedOut(TestServer s, String cn, boolean expected, Duration bound)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + bound.toNanos();
    while (optedOut(s, cn) != expected) {
      assertThat(System.nanoTime())
          .as("%s: opted_out=%s within %s", cn, expected, bound)
          .isLessThan(deadline);
      Thread.sleep(100);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void post(TestServer s, String body) {
    HttpResponse<String> res = s.post("/v1/events", TestServer.PORTAL_KEY, body);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    assertThat(json(res).get("accepted").asInt()).isEqualTo(1);
  }

  @Test
  void anOptOutSentToOneServerIsHonouredByTheOtherWithinTheFollowInterval() throws Exception {
    Clock clock = Clock.fixed(TestServer.NOW, ZoneOffset.UTC);
    try (TestServer a = start(clock);
        TestServer b = start(clock)) {
      // the follow interval plus slack for a machine loaded by other suites (CI runs three jobs on
      // two cores): a few follows, not a build
      Duration bound = EventLog.FOLLOW_EVERY.plusSeconds(20);
      assertThat(EventLog.FOLLOW_EVERY).isLessThanOrEqualTo(Duration.ofSeconds(5));
      assertThat(optedOut(b, Fixtures.CONSENT)).isFalse();
      JsonNode targets = json(b.get("/v1/programs/monozukuri-21/targets", TestServer.OFFICER_KEY));
      int excludedBefore = targets.at("/excluded/opted_out").asInt();

      post(a, consent("shared-1", Fixtures.CONSENT, "opt_out", "2026-11-20T09:00:00+09:00"));
      assertThat(optedOut(a, Fixtures.CONSENT)).isTrue();
      awaitOptedOut(b, Fixtures.CONSENT, true, bound);
      JsonNode after = json(b.get("/v1/programs/monozukuri-21/targets", TestServer.OFFICER_KEY));
      after
          .get("targets")
          .forEach(
              t -> assertThat(t.get("corporate_number").asText()).isNotEqualTo(Fixtures.CONSENT));
      assertThat(after.at("/excluded/opted_out").asInt()).isEqualTo(excludedBefore + 1);
      JsonNode batch =
          json(
              b.post(
                  "/v1/recommendations/batch",
                  TestServer.OFFICER_KEY,
                  "{\"corporate_numbers\": [\"" + Fixtures.CONSENT + "\"]}"));
      assertThat(batch.at("/results/0/recommendations")).isEmpty();

      // The event id is known to B too: a retry sent to B is a duplicate.
      HttpResponse<String> retry =
          b.post(
              "/v1/events",
              TestServer.PORTAL_KEY,
              consent("shared-1", Fixtures.CONSENT, "opt_out", "2026-11-20T09:00:00+09:00"));
      assertThat(json(retry).get("duplicates").asInt()).isEqualTo(1);

      // And back: an opt-in sent to B lifts it on A.
      post(b, consent("shared-2", Fixtures.CONSENT, "opt_in", "2026-11-20T09:00:00+09:00"));
      awaitOptedOut(a, Fixtures.CONSENT, false, bound);
    }
  }

  @Test
  void aFutureDatedOptInSentFirstDoesNotUndoALaterReceivedOptOut() throws Exception {
    MovingClock ca = new MovingClock(TestServer.NOW);
    MovingClock cb = new MovingClock(TestServer.NOW);
    try (TestServer a = start(ca);
        TestServer b = start(cb)) {
      // 4 minutes ahead: accepted, but received before the opt-out.
      post(a, consent("ord-1", Fixtures.CONSENT2, "opt_in", "2026-11-20T09:04:00+09:00"));
      ca.advance(Duration.ofMinutes(1));
      cb.advance(Duration.ofMinutes(1));
      post(b, consent("ord-2", Fixtures.CONSENT2, "opt_out", "2026-11-20T09:01:00+09:00"));
      assertThat(optedOut(b, Fixtures.CONSENT2)).isTrue();
      awaitOptedOut(a, Fixtures.CONSENT2, true, EventLog.FOLLOW_EVERY.plusSeconds(20));
    }
    // After a restart the order is the same (replay reads received_at, not the line order).
    try (TestServer c = start(new MovingClock(TestServer.NOW.plus(Duration.ofMinutes(2))))) {
      assertThat(optedOut(c, Fixtures.CONSENT2)).isTrue();
    }
  }

  @Test
  void atTooFarAheadOrBehindIsRefusedAndCannotUndoAnOptOut() {
    try (TestServer s = start(Clock.fixed(TestServer.NOW, ZoneOffset.UTC))) {
      // The build says OPTED_OUT opted out; an opt-in dated after any publication is refused.
      assertThat(optedOut(s, Fixtures.OPTED_OUT)).isTrue();
      HttpResponse<String> ahead =
          s.post(
              "/v1/events",
              TestServer.PORTAL_KEY,
              "["
                  + consent("f-0", Fixtures.MAKER, "opt_out", "2026-11-20T09:00:00+09:00")
                  + ","
                  + consent("f-1", Fixtures.OPTED_OUT, "opt_in", "2026-11-20T09:06:00+09:00")
                  + "]");
      assertThat(ahead.statusCode()).isEqualTo(400);
      assertThat(json(ahead).at("/error/code").asText()).isEqualTo("INVALID_FIELD");
      assertThat(json(ahead).at("/error/message").asText())
          .startsWith("event [1]: at='2026-11-20T09:06:00+09:00'")
          .contains("5 minutes ahead");
      HttpResponse<String> behind =
          s.post(
              "/v1/events",
              TestServer.PORTAL_KEY,
              consent("f-2", Fixtures.OPTED_OUT, "opt_in", "2026-10-20T08:59:59+09:00"));
      assertThat(behind.statusCode()).isEqualTo(400);
      assertThat(json(behind).at("/error/message").asText())
          .startsWith("event: at=")
          .contains("30 days before");
      assertThat(optedOut(s, Fixtures.OPTED_OUT)).isTrue();
      assertThat(optedOut(s, Fixtures.MAKER)).isFalse(); // nothing of the refused batch was kept
      // Within the bounds: 5 minutes ahead and 30 days behind are accepted.
      post(
          s,
          consent("f-3", Fixtures.MAKER, "impression", "2026-11-20T09:05:00+09:00")
              .replace("}", ", \"program_id\": \"monozukuri-21\"}"));
      post(
          s,
          consent("f-4", Fixtures.MAKER, "impression", "2026-10-21T09:00:00+09:00")
              .replace("}", ", \"program_id\": \"monozukuri-21\"}"));
    }
  }
}
