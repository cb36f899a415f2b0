package org.policyreach.serving.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.RouteSamples;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.auth.Role;
import org.policyreach.serving.fixture.GoldFixture;
import org.policyreach.serving.http.Route;
import org.policyreach.serving.security.SecurityServer.Caller;

/**
 * Every route × every caller (no key, unknown key, portal, officer, admin) × every HTTP method,
 * derived from the server's own route table. The expected access of each route is written down
 * here, once: a route added to the table without a rule below fails {@link
 * #everyRouteHasAnAccessRule}, so nobody ships a route whose access nobody decided.
 */
class AuthorizationMatrixTest {
  /** Protected routes: the roles that may call them (admin may call everything). */
  static final Map<String, Set<Role>> RULES = new LinkedHashMap<>();

  /** Public routes: the status every caller gets with the sample request (keys are ignored). */
  static final Map<String, Integer> PUBLIC = new LinkedHashMap<>();

  static {
    RULES.put("GET /v1/companies/{cn}/recommendations", Set.of(Role.PORTAL, Role.OFFICER));
    RULES.put("POST /v1/recommendations/batch", Set.of(Role.PORTAL, Role.OFFICER));
    // portal: form prefill; officer: the officer UI's firm lookup.
    RULES.put("GET /v1/companies/{cn}/profile", Set.of(Role.PORTAL, Role.OFFICER));
    RULES.put("POST /v1/applications/validate", Set.of(Role.PORTAL));
    RULES.put("POST /v1/events", Set.of(Role.PORTAL));
    // push notices of the inbox channel: the firm's own portal only
    RULES.put("GET /v1/companies/{cn}/notices", Set.of(Role.PORTAL));
    RULES.put("GET /v1/programs", Set.of(Role.OFFICER));
    RULES.put("GET /v1/programs/{id}/targets", Set.of(Role.OFFICER));
    RULES.put("GET /v1/segments", Set.of(Role.OFFICER));
    RULES.put("GET /v1/segments/{id}", Set.of(Role.OFFICER));
    // push campaigns: the officer's campaign page (create and send are queued requests: 202)
    RULES.put("GET /v1/campaigns", Set.of(Role.OFFICER));
    RULES.put("POST /v1/campaigns", Set.of(Role.OFFICER));
    RULES.put("GET /v1/campaigns/{id}", Set.of(Role.OFFICER));
    RULES.put("POST /v1/campaigns/{id}/send", Set.of(Role.OFFICER));
    RULES.put("GET /v1/campaign-requests/{id}", Set.of(Role.OFFICER));
    PUBLIC.put("GET /healthz", 200);
    PUBLIC.put("GET /readyz", 200);
    PUBLIC.put("GET /metrics", 200);
    PUBLIC.put("GET /openapi.json", 200);
    // The UI session routes authenticate by the key in the body or the session cookie, never by
    // the Authorization header: the sample sign-in carries an officer key; no cookie is sent.
    PUBLIC.put("POST /ui/session", 200);
    PUBLIC.put("GET /ui/session", 401);
    PUBLIC.put("DELETE /ui/session", 204);
  }

  static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

  @TempDir static Path lake;
  @TempDir static Path confDir;
  static TestServer server;

  @BeforeAll
  static void start() {
    Fixtures.publishStandard(new GoldFixture(lake));
    server = TestServer.start(lake, SecurityServer.conf(confDir));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String id(Route r) {
    return r.method() + " " + r.template();
  }

  @Test
  void everyRouteHasAnAccessRule() {
    List<String> missing = new ArrayList<>();
    for (Route r : SecurityServer.routes(server)) {
      String k = id(r);
      if (r.isPublic() ? !PUBLIC.containsKey(k) : !RULES.containsKey(k)) {
        missing.add(k + (r.isPublic() ? " (public)" : " (roles " + r.roles() + ")"));
      }
      if (RULES.containsKey(k)) {
        assertThat(r.roles()).as(k).containsExactlyInAnyOrderElementsOf(RULES.get(k));
      }
      if (PUBLIC.containsKey(k)) {
        assertThat(r.isPublic()).as(k + " is public").isTrue();
      }
    }
    assertThat(missing)
        .as("routes without an access rule in " + getClass().getSimpleName())
        .isEmpty();
    List<String> stale = new ArrayList<>(RULES.keySet());
    stale.addAll(PUBLIC.keySet());
    stale.removeAll(
        SecurityServer.routes(server).stream().map(AuthorizationMatrixTest::id).toList());
    assertThat(stale).as("rules for routes that no longer exist").isEmpty();
  }

  @Test
  void everyRouteTimesEveryCallerTimesEveryMethod() {
    Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
    Map<String, Route> byId = new LinkedHashMap<>();
    for (Route r : SecurityServer.routes(server)) {
      methodsByPath.computeIfAbsent(r.template(), t -> new TreeSet<>()).add(r.method());
      byId.put(id(r), r);
    }
    int checked = 0;
    for (Map.Entry<String, Set<String>> path : methodsByPath.entrySet()) {
      Route any = byId.get(path.getValue().iterator().next() + " " + path.getKey());
      for (String method : METHODS) {
        Route r = byId.get(method + " " + path.getKey());
        for (Caller c : Caller.values()) {
          String what = c + " " + method + " " + path.getKey();
          HttpResponse<String> res;
          if (r == null) {
            res = SecurityServer.send(server, method, RouteSamples.path(any), c.key, null);
            // HEAD answers carry no body; the status and headers still must be right.
            assertThat(res.statusCode()).as(what + " → " + res.body()).isEqualTo(405);
            assertThat(res.headers().firstValue("Allow"))
                .as(what)
                .hasValue(String.join(", ", orderedAsRouted(path.getKey())));
            if (!method.equals("HEAD")) {
              assertThat(TestServer.json(res).at("/error/code").asText())
                  .isEqualTo("METHOD_NOT_ALLOWED");
              // TRACE must never echo the request (cross-site tracing): no key in the answer.
              SecurityServer.assertHygienic(res, what, null);
            }
          } else {
            res =
                SecurityServer.send(
                    server, method, RouteSamples.path(r), c.key, RouteSamples.body(r));
            int expected = expected(r, c);
            assertThat(res.statusCode()).as(what + " → " + res.body()).isEqualTo(expected);
            SecurityServer.assertHygienic(res, what, null);
            if (expected == 401 && !r.isPublic()) {
              assertThat(TestServer.json(res).at("/error/code").asText())
                  .isEqualTo("UNAUTHENTICATED");
              assertThat(res.headers().firstValue("WWW-Authenticate"))
                  .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            }
            if (expected == 403) {
              assertThat(TestServer.json(res).at("/error/code").asText()).isEqualTo("FORBIDDEN");
            }
          }
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(methodsByPath.size() * METHODS.size() * Caller.values().length);
  }

  /** The Allow header lists a path's methods in route-table order. */
  private static List<String> orderedAsRouted(String template) {
    List<String> out = new ArrayList<>();
    for (Route r : SecurityServer.routes(server)) {
      if (r.template().equals(template) && !out.contains(r.method())) {
        out.add(r.method());
      }
    }
    return out;
  }

  private static int expected(Route r, Caller c) {
    String k = id(r);
    if (r.isPublic()) {
      return PUBLIC.get(k);
    }
    if (c.role == null) {
      return 401;
    }
    if (c.role == Role.ADMIN || RULES.get(k).contains(c.role)) {
      boolean queued =
          r.method().equals("POST")
              && (r.template().equals("/v1/events") || r.template().startsWith("/v1/campaigns"));
      return queued ? 202 : 200;
    }
    return 403;
  }

  @Test
  void theUiSessionCookieCarriesTheOfficersRightsOnlyWithTheUiHeader() {
    HttpResponse<String> in =
        SecurityServer.post(
            server, "/ui/session", null, "{\"key\": \"" + TestServer.OFFICER_KEY + "\"}");
    String cookie = in.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    for (Route r : SecurityServer.routes(server)) {
      if (r.isPublic()) {
        continue;
      }
      String what = "cookie " + id(r);
      var b =
          server
              .request(RouteSamples.path(r), null)
              .header("Cookie", cookie)
              .method(
                  r.method(),
                  RouteSamples.body(r) == null
                      ? java.net.http.HttpRequest.BodyPublishers.noBody()
                      : java.net.http.HttpRequest.BodyPublishers.ofString(RouteSamples.body(r)));
      if (RouteSamples.body(r) != null) {
        b.header("Content-Type", "application/json");
      }
      HttpResponse<String> noHeader = SecurityServer.send(server, b.build());
      assertThat(noHeader.statusCode()).as(what + " without the UI header").isEqualTo(403);
      HttpResponse<String> withHeader =
          SecurityServer.send(server, b.header("X-PolicyReach-UI", "1").build());
      boolean officerMay = RULES.get(id(r)).contains(Role.OFFICER);
      assertThat(withHeader.statusCode())
          .as(what + " → " + withHeader.body())
          .isEqualTo(officerMay ? expected(r, Caller.OFFICER) : 403);
    }
    // A portal key cannot sign the UI in.
    HttpResponse<String> portal =
        SecurityServer.post(
            server, "/ui/session", null, "{\"key\": \"" + TestServer.PORTAL_KEY + "\"}");
    assertThat(portal.statusCode()).isEqualTo(403);
    assertThat(portal.headers().firstValue("Set-Cookie")).isEmpty();
  }
}
