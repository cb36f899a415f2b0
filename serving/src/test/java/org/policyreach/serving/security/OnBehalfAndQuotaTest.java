package org.policyreach.serving.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.core.OnBehalfAssertion;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.auth.ApiKeyRegistry;
import org.policyreach.serving.fixture.GoldFixture;

/**
 * Issue 17, item 8: a portal key read any firm's registry and attribute values. Now a portal key
 * reads a firm's profile, validates its draft or reads its notices only with an on-behalf assertion
 * for that firm signed with the key's secret, short-lived; and every key has a daily quota of
 * distinct firms, with gauges to alert on.
 */
class OnBehalfAndQuotaTest {
  @TempDir static Path lake;
  @TempDir static Path confDir;
  static TestServer server;

  static final String QUOTA_KEY = "test-quota-key";
  static final String BARE_PORTAL_KEY = "test-bare-portal-key";

  @BeforeAll
  static void start() throws Exception {
    Fixtures.publishStandard(new GoldFixture(lake));
    Path conf = TestServer.conf(confDir);
    Files.writeString(
        conf.resolve(ApiKeyRegistry.FILE_NAME),
        "  - id: test-quota\n"
            + "    role: portal\n"
            + "    sha256: "
            + ApiKeyRegistry.sha256Hex(QUOTA_KEY)
            + "\n    daily_firm_quota: 2\n"
            + "  - id: test-bare-portal\n"
            + "    role: portal\n"
            + "    sha256: "
            + ApiKeyRegistry.sha256Hex(BARE_PORTAL_KEY)
            + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    server = TestServer.start(lake, conf);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> profile(String key, String assertion) {
    HttpRequest.Builder b = server.bare("/v1/companies/" + Fixtures.MAKER + "/profile", key);
    if (assertion != null) {
      b.header(OnBehalfAssertion.HEADER, assertion);
    }
    return server.send(b.GET().build());
  }

  static String sign(String secret, String cn, Instant expires) {
    return OnBehalfAssertion.sign(secret.getBytes(StandardCharsets.UTF_8), cn, expires);
  }

  static String code(HttpResponse<String> res) {
    return TestServer.json(res).at("/error/code").asText();
  }

  @Test
  void aPortalKeyReadsAFirmsProfileOnlyWithAValidAssertionForThatFirm() {
    Instant soon = TestServer.NOW.plus(Duration.ofMinutes(5));
    String secret = TestServer.PORTAL_SECRET;

    HttpResponse<String> none = profile(TestServer.PORTAL_KEY, null);
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(code(none)).isEqualTo("ON_BEHALF_REQUIRED");
    assertThat(none.body()).contains(OnBehalfAssertion.HEADER).doesNotContain("株式会社");

    Map<String, String> refused =
        Map.of(
            "signed for another firm", sign(secret, Fixtures.SHOP, soon),
            "expired", sign(secret, Fixtures.MAKER, TestServer.NOW.minusSeconds(1)),
            "expires more than 10 minutes ahead",
                sign(secret, Fixtures.MAKER, TestServer.NOW.plus(Duration.ofHours(1))),
            "signature does not match",
                sign("another-secret-of-16-bytes-or-more", Fixtures.MAKER, soon),
            "not v1.", "v1." + Fixtures.MAKER + "." + soon.getEpochSecond() + ".short");
    refused.forEach(
        (why, assertion) -> {
          HttpResponse<String> res = profile(TestServer.PORTAL_KEY, assertion);
          assertThat(res.statusCode()).as(why).isEqualTo(403);
          assertThat(code(res)).as(why).isEqualTo("ON_BEHALF_INVALID");
          assertThat(res.body()).as(why).contains(why).doesNotContain("株式会社");
        });

    HttpResponse<String> ok = profile(TestServer.PORTAL_KEY, sign(secret, Fixtures.MAKER, soon));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(ok).at("/attributes/name/value").asText()).isEqualTo("株式会社テスト製作所");

    // officers (the firm lookup of the officer UI) need no assertion
    assertThat(profile(TestServer.OFFICER_KEY, null).statusCode()).isEqualTo(200);
  }

  @Test
  void aPortalKeyWithoutSecretCannotReadAnyFirmsData() {
    HttpResponse<String> res =
        profile(BARE_PORTAL_KEY, sign(TestServer.PORTAL_SECRET, Fixtures.MAKER, TestServer.NOW));
    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(code(res)).isEqualTo("ON_BEHALF_REQUIRED");
    assertThat(res.body()).contains("no on-behalf secret").contains("on_behalf_secret_env");
  }

  @Test
  void validationAndNoticesNeedTheAssertionOfTheDraftsFirm() {
    String draft =
        "{\"program_id\": \"monozukuri-21\", \"applicant\": {\"corporate_number\": \""
            + Fixtures.MAKER
            + "\"}, \"requested_amount_yen\": 1000000}";
    Instant soon = TestServer.NOW.plus(Duration.ofMinutes(5));
    for (String[] c :
        new String[][] {
          {null, "403"},
          {sign(TestServer.PORTAL_SECRET, Fixtures.SHOP, soon), "403"},
          {sign(TestServer.PORTAL_SECRET, Fixtures.MAKER, soon), "200"}
        }) {
      HttpRequest.Builder b =
          server
              .bare("/v1/applications/validate", TestServer.PORTAL_KEY)
              .header("Content-Type", "application/json");
      if (c[0] != null) {
        b.header(OnBehalfAssertion.HEADER, c[0]);
      }
      HttpResponse<String> res =
          server.send(b.POST(HttpRequest.BodyPublishers.ofString(draft)).build());
      assertThat(res.statusCode()).as("validate with %s", c[0]).isEqualTo(Integer.parseInt(c[1]));
    }
    HttpResponse<String> notices =
        server.send(
            server
                .bare("/v1/companies/" + Fixtures.MAKER + "/notices", TestServer.PORTAL_KEY)
                .GET()
                .build());
    assertThat(notices.statusCode()).isEqualTo(403);
    assertThat(
            server
                .get("/v1/companies/" + Fixtures.MAKER + "/notices", TestServer.PORTAL_KEY)
                .statusCode())
        .isEqualTo(200);
    // recommendations are the push itself: no assertion needed
    assertThat(
            server
                .send(
                    server
                        .bare(
                            "/v1/companies/" + Fixtures.MAKER + "/recommendations",
                            TestServer.PORTAL_KEY)
                        .GET()
                        .build())
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aKeyReadsAtMostItsQuotaOfDistinctFirmsADayAndTheGaugesSaySo() {
    for (String cn : new String[] {Fixtures.MAKER, Fixtures.SHOP, Fixtures.MAKER}) {
      assertThat(server.get("/v1/companies/" + cn + "/recommendations", QUOTA_KEY).statusCode())
          .as("firm %s", cn)
          .isEqualTo(200);
    }
    HttpResponse<String> third =
        server.get("/v1/companies/" + Fixtures.HOLDOUT + "/recommendations", QUOTA_KEY);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(code(third)).isEqualTo("FIRM_QUOTA_EXCEEDED");
    // NOW is 09:00 Tokyo: midnight is 15 hours away
    assertThat(third.headers().firstValue("Retry-After")).hasValue(Long.toString(15 * 3600));
    // a batch naming a new firm is refused as a whole; firms read today are still served
    HttpResponse<String> batch =
        server.post(
            "/v1/recommendations/batch",
            QUOTA_KEY,
            "{\"corporate_numbers\": [\"" + Fixtures.SHOP + "\", \"" + Fixtures.CONSENT + "\"]}");
    assertThat(batch.statusCode()).isEqualTo(429);
    assertThat(
            server
                .post(
                    "/v1/recommendations/batch",
                    QUOTA_KEY,
                    "{\"corporate_numbers\": [\"" + Fixtures.SHOP + "\"]}")
                .statusCode())
        .isEqualTo(200);

    String metrics = server.get("/metrics", null).body();
    assertThat(metrics)
        .contains("policyreach_firm_quota_used{key=\"test-quota\"} 2.0")
        .contains("policyreach_firm_quota_used_ratio{key=\"test-quota\"} 1.0")
        .contains("policyreach_firm_quota_refused_total{key=\"test-quota\"} 2.0");
  }

  @Test
  void secretsComeFromTheEnvironmentAndMustBeLong(@TempDir Path dir) throws Exception {
    String head =
        "keys:\n  - id: p\n    role: portal\n    sha256: " + ApiKeyRegistry.sha256Hex("k") + "\n";
    Files.writeString(dir.resolve("api-keys.yaml"), head + "    on_behalf_secret_env: PR_SECRET\n");
    assertThatThrownBy(() -> ApiKeyRegistry.load(dir, Map.of()))
        .isInstanceOf(ServingException.class)
        .hasMessageContaining("PR_SECRET")
        .hasMessageContaining("not set");
    assertThatThrownBy(() -> ApiKeyRegistry.load(dir, Map.of("PR_SECRET", "short")))
        .hasMessageContaining("shorter than 16 bytes");
    assertThat(
            ApiKeyRegistry.load(dir, Map.of("PR_SECRET", "a-long-enough-portal-secret"))
                .keys()
                .get(0)
                .onBehalfSecret())
        .isEqualTo("a-long-enough-portal-secret".getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        dir.resolve("api-keys.yaml"),
        head + "    on_behalf_secret_env: PR_SECRET\n    on_behalf_secret: also-a-long-secret\n");
    assertThatThrownBy(() -> ApiKeyRegistry.load(dir, Map.of("PR_SECRET", "x".repeat(20))))
        .hasMessageContaining("both");
    Files.writeString(dir.resolve("api-keys.yaml"), head + "    daily_firm_quota: -1\n");
    assertThatThrownBy(() -> ApiKeyRegistry.load(dir)).hasMessageContaining("daily_firm_quota");
  }
}
