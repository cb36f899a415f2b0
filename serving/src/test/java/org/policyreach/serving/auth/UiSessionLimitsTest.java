package org.policyreach.serving.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyreach.serving.TestServer.json;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.ServingConfig;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;

/** UI sessions end when unused for the idle timeout; repeated failed sign-ins lock an address. */
class UiSessionLimitsTest {
  @TempDir Path lake;
  @TempDir Path confDir;
  final AtomicReference<Instant> now = new AtomicReference<>(TestServer.NOW);
  TestServer server;

  /** A clock the test moves by hand. */
  final class TestClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return Clock.fixed(now.get(), zone);
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @BeforeEach
  void start() {
    Fixtures.publishStandard(new GoldFixture(lake));
    server =
        TestServer.start(
            new ServingConfig(
                "127.0.0.1",
                0,
                lake.toString(),
                TestServer.conf(confDir),
                Duration.ofHours(1),
                null,
                null,
                new TestClock()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  private HttpResponse<String> signIn(String key) {
    return server.post("/ui/session", null, "{\"key\": \"" + key + "\"}");
  }

  private int segments(String cookie) {
    return server
        .send(
            server
                .request("/v1/segments", null)
                .header("Cookie", cookie)
                .header(UiSessions.UI_HEADER, "1")
                .GET()
                .build())
        .statusCode();
  }

  @Test
  void aSessionUnusedForTheIdleTimeoutIsSignedOut() {
    Duration idle = ServingConfig.Security.DEFAULTS.sessionIdleTimeout();
    assertThat(idle).isEqualTo(Duration.ofMinutes(30));
    HttpResponse<String> in = signIn(TestServer.OFFICER_KEY);
    assertThat(in.statusCode()).isEqualTo(200);
    String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    // Used every 20 minutes: still signed in after an hour.
    for (int i = 0; i < 3; i++) {
      advance(Duration.ofMinutes(20));
      assertThat(segments(cookie)).as("after " + (i + 1) * 20 + " min").isEqualTo(200);
    }
    // Then unused for longer than the idle timeout.
    advance(idle.plusSeconds(1));
    assertThat(segments(cookie)).isEqualTo(401);
  }

  @Test
  void repeatedFailedSignInsLockTheAddressWithRetryAfter() {
    int max = ServingConfig.Security.DEFAULTS.signInMaxFailures();
    for (int i = 0; i < max; i++) {
      assertThat(signIn("wrong-" + i).statusCode()).as("failure " + (i + 1)).isEqualTo(401);
      advance(Duration.ofSeconds(10));
    }
    HttpResponse<String> locked = signIn(TestServer.OFFICER_KEY);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(json(locked).at("/error/code").asText()).isEqualTo("SIGN_IN_LOCKED");
    long retry = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
    // The first failure leaves the 10-minute window 10 min - 100 s from now.
    assertThat(retry).isBetween(1L, Duration.ofMinutes(10).toSeconds());
    assertThat(signIn("wrong-again").statusCode()).isEqualTo(429);
    // API keys in the header are not affected.
    assertThat(server.get("/v1/segments", TestServer.OFFICER_KEY).statusCode()).isEqualTo(200);

    advance(Duration.ofSeconds(retry));
    assertThat(signIn(TestServer.OFFICER_KEY).statusCode()).isEqualTo(200);
  }
}
