package org.policyreach.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.PolicyReachServer;
import org.policyreach.serving.RouteSamples;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.auth.Role;
import org.policyreach.serving.fixture.GoldFixture;
import org.policyreach.serving.http.ApiHandler;
import org.policyreach.serving.http.Route;

/** Authentication, roles, rate limits, size limits, malformed input and response hygiene. */
class SecurityTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<Role, String> KEYS =
      Map.of(
          Role.PORTAL, TestServer.PORTAL_KEY,
          Role.OFFICER, TestServer.OFFICER_KEY,
          Role.ADMIN, TestServer.ADMIN_KEY);

  @TempDir static Path lake;
  @TempDir static Path confDir;
  static TestServer server;

  @BeforeAll
  static void start() {
    Fixtures.publishStandard(new GoldFixture(lake));
    server = TestServer.start(lake, TestServer.conf(confDir));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<Route> routes() {
    return PolicyReachServer.router(server.server()).routes();
  }

  private static HttpResponse<String> call(Route r, String key) {
    return server.send(r.method(), RouteSamples.path(r), key, RouteSamples.body(r));
  }

  static JsonNode json(HttpResponse<String> res) {
    return TestServer.json(res);
  }

  @Test
  void everyProtectedRouteRefusesAMissingOrUnknownKey() {
    for (Route r : routes()) {
      if (r.isPublic()) {
        continue;
      }
      for (String key : new String[] {null, "not-a-key"}) {
        HttpResponse<String> res = call(r, key);
        assertThat(res.statusCode())
            .as(r.method() + " " + r.template() + " key " + key)
            .isEqualTo(401);
        assertThat(json(res).at("/error/code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(res.headers().firstValue("WWW-Authenticate"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
      }
    }
  }

  @Test
  void everyRoleGetsExactlyItsRoutes() {
    for (Route r : routes()) {
      if (r.template().startsWith("/ui/")) {
        continue; // cookie sessions: UiSessionTest
      }
      for (Map.Entry<Role, String> k : KEYS.entrySet()) {
        HttpResponse<String> res = call(r, k.getValue());
        String what = k.getKey() + " " + r.method() + " " + r.template() + " → " + res.body();
        if (r.isPublic() || k.getKey().mayCall(r.roles())) {
          assertThat(res.statusCode()).as(what).isBetween(200, 299);
        } else {
          assertThat(res.statusCode()).as(what).isEqualTo(403);
          assertThat(json(res).at("/error/code").asText()).isEqualTo("FORBIDDEN");
          assertThat(json(res).at("/error/message").asText()).contains(r.template());
        }
      }
    }
  }

  @Test
  void theRoleTableMatchesTheContract() {
    Map<String, List<Role>> expected =
        new java.util.HashMap<>(
            Map.of(
                "GET /v1/companies/{cn}/recommendations", List.of(Role.PORTAL, Role.OFFICER),
                "POST /v1/recommendations/batch", List.of(Role.PORTAL, Role.OFFICER),
                // portal: form prefill; officer: the officer UI's firm lookup (issue 7).
                "GET /v1/companies/{cn}/profile", List.of(Role.PORTAL, Role.OFFICER),
                "POST /v1/applications/validate", List.of(Role.PORTAL),
                "POST /v1/events", List.of(Role.PORTAL),
                // push notices of the inbox channel (issue 15): the firm's own portal only
                "GET /v1/companies/{cn}/notices", List.of(Role.PORTAL),
                "GET /v1/programs", List.of(Role.OFFICER),
                "GET /v1/programs/{id}/targets", List.of(Role.OFFICER),
                "GET /v1/segments", List.of(Role.OFFICER),
                "GET /v1/segments/{id}", List.of(Role.OFFICER)));
    // push campaigns (the officer's campaign page)
    for (String k :
        List.of(
            "GET /v1/campaigns",
            "POST /v1/campaigns",
            "GET /v1/campaigns/{id}",
            "POST /v1/campaigns/{id}/send",
            "GET /v1/campaign-requests/{id}")) {
      expected.put(k, List.of(Role.OFFICER));
    }
    for (Route r : routes()) {
      String k = r.method() + " " + r.template();
      if (r.template().startsWith("/v1/")) {
        assertThat(r.roles()).as(k).containsExactlyInAnyOrderElementsOf(expected.get(k));
      } else {
        assertThat(r.isPublic()).as(k).isTrue();
      }
    }
  }

  @Test
  void theOpenApiDocumentStatesTheProfileRoles() {
    JsonNode op =
        json(server.get("/openapi.json", null)).at("/paths/~1v1~1companies~1{cn}~1profile/get");
    List<String> roles = new java.util.ArrayList<>();
    op.get("x-roles").forEach(r -> roles.add(r.asText()));
    assertThat(roles).containsExactly("officer", "portal");
    assertThat(op.get("description").asText())
        .contains("Roles: portal, officer")
        .contains("need_scores");
  }

  @Test
  void aKeyOverItsRateLimitGets429WithRetryAfter() {
    String path = "/v1/companies/" + Fixtures.MAKER + "/recommendations";
    assertThat(server.get(path, TestServer.LIMITED_KEY).statusCode()).isEqualTo(200);
    assertThat(server.get(path, TestServer.LIMITED_KEY).statusCode()).isEqualTo(200);
    HttpResponse<String> res = server.get(path, TestServer.LIMITED_KEY);
    assertThat(res.statusCode()).isEqualTo(429);
    assertThat(json(res).at("/error/code").asText()).isEqualTo("RATE_LIMITED");
    assertThat(res.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    // Another key is not affected.
    assertThat(server.get(path, TestServer.PORTAL_KEY).statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyOverOneMegabyteIsRefusedByContentLength() {
    String big = "{\"corporate_numbers\": [\"" + "1".repeat(1024 * 1024 + 10) + "\"]}";
    HttpResponse<String> res = server.post("/v1/recommendations/batch", TestServer.PORTAL_KEY, big);
    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(json(res).at("/error/code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
  }

  @Test
  void aStreamedBodyOverOneMegabyteIsRefusedWhileCounting() {
    // No Content-Length: the body arrives chunked and is counted as it streams.
    byte[] chunk = "[".concat("\"x\",".repeat(16 * 1024)).getBytes(StandardCharsets.UTF_8);
    Iterator<byte[]> chunks =
        new Iterator<>() {
          int sent;

          @Override
          public boolean hasNext() {
            return sent < 40;
          }

          @Override
          public byte[] next() {
            sent++;
            return chunk;
          }
        };
    HttpRequest.BodyPublisher unknownLength =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofByteArrays(() -> chunks));
    HttpRequest req =
        server
            .request("/v1/events", TestServer.PORTAL_KEY)
            .header("Content-Type", "application/json")
            .POST(unknownLength)
            .build();
    HttpResponse<String> res = server.send(req);
    assertThat(res.statusCode()).isEqualTo(413);
    assertThat(json(res).at("/error/message").asText()).contains("1048576");
  }

  @Test
  void malformedJsonUnknownFieldsAndBadNumbersAre400WithAMessage() {
    HttpResponse<String> broken =
        server.post("/v1/applications/validate", TestServer.PORTAL_KEY, "{\"program_id\": ");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(json(broken).at("/error/code").asText()).isEqualTo("INVALID_JSON");
    assertThat(json(broken).at("/error/message").asText()).contains("line 1");

    HttpResponse<String> unknown =
        server.post(
            "/v1/applications/validate",
            TestServer.PORTAL_KEY,
            "{\"program_id\": \"x\", \"colour\": 1}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).at("/error/code").asText()).isEqualTo("UNKNOWN_FIELD");
    assertThat(json(unknown).at("/error/message").asText())
        .contains("'colour'")
        .contains("program_id");

    HttpResponse<String> badNumber =
        server.post(
            "/v1/applications/validate",
            TestServer.PORTAL_KEY,
            "{\"program_id\": \"monozukuri-21\", \"requested_amount_yen\": \"7,500,000円\"}");
    assertThat(badNumber.statusCode()).isEqualTo(400);
    assertThat(json(badNumber).at("/error/code").asText()).isEqualTo("INVALID_FIELD");
    assertThat(json(badNumber).at("/error/message").asText())
        .contains("requested_amount_yen")
        .contains("whole number");

    HttpResponse<String> fraction =
        server.post(
            "/v1/applications/validate",
            TestServer.PORTAL_KEY,
            "{\"applicant\": {\"employees\": 4.5}}");
    assertThat(fraction.statusCode()).isEqualTo(400);
    assertThat(json(fraction).at("/error/message").asText()).contains("$.applicant.employees");

    HttpResponse<String> badLimit =
        server.get(
            "/v1/companies/" + Fixtures.MAKER + "/recommendations?limit=ten",
            TestServer.PORTAL_KEY);
    assertThat(badLimit.statusCode()).isEqualTo(400);
    assertThat(json(badLimit).at("/error/code").asText()).isEqualTo("INVALID_PARAMETER");
  }

  @Test
  void errorsNeverCarryStackTracesAndEveryResponseHasTheHeaders() {
    List<HttpResponse<String>> responses =
        List.of(
            server.post("/v1/applications/validate", TestServer.PORTAL_KEY, "{{{"),
            server.get("/v1/companies/12345/recommendations", TestServer.PORTAL_KEY),
            server.get("/v1/nothing-here", TestServer.PORTAL_KEY),
            server.send("DELETE", "/v1/programs", TestServer.OFFICER_KEY, null),
            server.get("/v1/programs", null),
            server.get("/healthz", null),
            server.get("/ui/_probe/missing.js", null));
    for (HttpResponse<String> res : responses) {
      assertThat(res.body())
          .doesNotContain("Exception")
          .doesNotContain("\tat ")
          .doesNotContain("java.");
      assertThat(res.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(res.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
      assertThat(res.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(res.headers().firstValue(ApiHandler.PUBLICATION_HEADER)).hasValue(Fixtures.PUB1);
      assertThat(res.headers().firstValue("Server")).isEmpty();
    }
    assertThat(responses.get(2).statusCode()).isEqualTo(404);
    assertThat(json(responses.get(2)).at("/error/code").asText()).isEqualTo("NOT_FOUND");
    assertThat(responses.get(3).statusCode()).isEqualTo(405);
    assertThat(responses.get(3).headers().firstValue("Allow")).hasValue("GET");
    assertThat(json(responses.get(0)).at("/publication").asText()).isEqualTo(Fixtures.PUB1);
  }

  @Test
  void aMalformedRequestLineGetsTheJsonErrorShape() throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.uri("/").getPort())) {
      s.getOutputStream()
          .write("GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String raw = new String(s.getInputStream().readNBytes(2000), StandardCharsets.UTF_8);
      assertThat(raw).startsWith("HTTP/1.1 400");
      assertThat(raw).contains("\"error\"").doesNotContain("Exception");
    }
  }
}
