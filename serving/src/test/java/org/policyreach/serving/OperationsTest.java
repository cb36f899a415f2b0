package org.policyreach.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyreach.serving.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.fixture.GoldFixture;
import org.policyreach.serving.http.Route;

/** Readiness, health, metrics, the OpenAPI document, the audit log, shutdown. */
class OperationsTest {
  @TempDir Path lake;
  @TempDir Path confDir;

  @Test
  void notReadyUntilTheFirstSnapshotIsIn() {
    try (TestServer s = TestServer.start(lake, TestServer.conf(confDir))) {
      HttpResponse<String> ready = s.get("/readyz", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(json(ready).get("status").asText()).isEqualTo("not_ready");
      assertThat(ready.headers().firstValue("X-PolicyReach-Publication")).isEmpty();
      assertThat(s.get("/healthz", null).statusCode()).isEqualTo(200);
      HttpResponse<String> recs =
          s.get("/v1/companies/" + Fixtures.MAKER + "/recommendations", TestServer.PORTAL_KEY);
      assertThat(recs.statusCode()).isEqualTo(503);
      assertThat(json(recs).at("/error/code").asText()).isEqualTo("NOT_READY");
      assertThat(recs.headers().firstValue("Retry-After")).isPresent();
      // Events are taken even before the first snapshot.
      assertThat(
              s.post(
                      "/v1/events",
                      TestServer.PORTAL_KEY,
                      "{\"event_id\": \"early\", \"corporate_number\": \""
                          + Fixtures.MAKER
                          + "\", \"program_id\": \"monozukuri-21\", \"type\": \"click\", \"at\": \"2026-11-20T09:00:00+09:00\"}")
                  .statusCode())
          .isEqualTo(202);

      Fixtures.publishStandard(new GoldFixture(lake));
      assertThat(s.store().pollOnce()).isTrue();
      HttpResponse<String> after = s.get("/readyz", null);
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(json(after).get("publication").asText()).isEqualTo(Fixtures.PUB1);
      assertThat(json(after).get("build_id").asText()).isEqualTo("build-1");
      assertThat(json(s.get("/healthz", null)).get("publication").asText())
          .isEqualTo(Fixtures.PUB1);
    }
  }

  @Test
  void aLoadFailureIsShownByReferenceWithoutPaths() {
    try (TestServer s = TestServer.start(lake, TestServer.conf(confDir))) {
      assertThat(s.store().lastError()).as("an empty lakehouse cannot be read").isPresent();
      assertThat(s.store().lastError().orElseThrow()).contains(lake.toString());
      HttpResponse<String> ready = s.get("/readyz", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(json(ready).get("status").asText()).isEqualTo("not_ready");
      assertThat(json(ready).get("message").asText())
          .doesNotContain(lake.toString())
          .doesNotContain("/tmp")
          .containsPattern("error E[0-9a-f]{10}");
      HttpResponse<String> recs =
          s.get("/v1/companies/" + Fixtures.MAKER + "/recommendations", TestServer.PORTAL_KEY);
      assertThat(recs.statusCode()).isEqualTo(503);
      assertThat(recs.body()).doesNotContain(lake.toString()).containsPattern("E[0-9a-f]{10}");
    }
  }

  @Test
  void metricsHaveLatencyHistogramsPerRouteTemplateAndSnapshotGauges() {
    Fixtures.publishStandard(new GoldFixture(lake));
    try (TestServer s = TestServer.start(lake, TestServer.conf(confDir))) {
      s.get("/v1/companies/" + Fixtures.MAKER + "/recommendations", TestServer.PORTAL_KEY);
      s.get("/v1/companies/" + Fixtures.SHOP + "/recommendations", TestServer.PORTAL_KEY);
      HttpResponse<String> m = s.get("/metrics", null);
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
      String text = m.body();
      assertThat(text)
          .contains("http_server_requests_seconds_bucket{")
          .contains("uri=\"/v1/companies/{cn}/recommendations\"")
          .doesNotContain(Fixtures.MAKER)
          .contains("policyreach_snapshot_age_seconds")
          .contains("policyreach_snapshot_table_version{table=\"gold.recommendations\"}")
          .contains("policyreach_snapshot_info{build=\"build-1\",publication=\"pub-000001\"} 1")
          .contains("policyreach_snapshot_firms 6")
          .contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void theOpenApiDocumentListsExactlyTheRoutes() {
    Fixtures.publishStandard(new GoldFixture(lake));
    try (TestServer s = TestServer.start(lake, TestServer.conf(confDir))) {
      JsonNode doc = json(s.get("/openapi.json", null));
      assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
      Set<String> documented = new HashSet<>();
      Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
      while (paths.hasNext()) {
        Map.Entry<String, JsonNode> p = paths.next();
        p.getValue()
            .fieldNames()
            .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey()));
      }
      List<Route> routes = PolicyReachServer.router(s.server()).routes();
      Set<String> served = new HashSet<>();
      routes.forEach(r -> served.add(r.method() + " " + r.template()));
      assertThat(documented).isEqualTo(served);

      // Every documented operation answers on this server (not 404/405 for want of a route).
      for (Route r : routes) {
        HttpResponse<String> res =
            s.send(r.method(), RouteSamples.path(r), TestServer.ADMIN_KEY, RouteSamples.body(r));
        assertThat(res.statusCode()).as(r.method() + " " + r.template()).isNotIn(404, 405);
        JsonNode op =
            doc.at(
                "/paths/"
                    + r.template().replace("~", "~0").replace("/", "~1")
                    + "/"
                    + r.method().toLowerCase());
        assertThat(op.isMissingNode()).isFalse();
        assertThat(op.get("summary").asText()).isNotBlank();
        if (!r.isPublic()) {
          assertThat(op.get("security")).isNotEmpty();
          assertThat(op.get("x-roles")).isNotEmpty();
        }
        op.get("responses")
            .fields()
            .forEachRemaining(
                e -> {
                  JsonNode content = e.getValue().get("content");
                  if (content != null) {
                    content.forEach(
                        c -> {
                          String ref = c.at("/schema/$ref").asText("");
                          if (!ref.isEmpty()) {
                            assertThat(doc.at(ref.substring(1))).as(ref).isNotNull();
                            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
                          }
                        });
                  }
                });
      }
    }
  }

  @Test
  void everyAuthenticatedCallIsAuditedWithoutTheKey() throws Exception {
    Fixtures.publishStandard(new GoldFixture(lake));
    Path auditDir;
    try (TestServer s = TestServer.start(lake, TestServer.conf(confDir))) {
      s.get("/v1/companies/" + Fixtures.MAKER + "/recommendations", TestServer.PORTAL_KEY);
      s.get("/v1/companies/12345/profile", TestServer.PORTAL_KEY);
      s.post(
          "/v1/recommendations/batch",
          TestServer.OFFICER_KEY,
          "{\"corporate_numbers\": [\"" + Fixtures.MAKER + "\", \"" + Fixtures.SHOP + "\"]}");
      s.get("/v1/programs", TestServer.OFFICER_KEY); // touches no firm: one line without a number
      s.get("/healthz", null); // public operations route: not audited
      auditDir = PolicyReachServer.audit(s.server()).dir();
    }
    String log;
    try (Stream<Path> files = Files.list(auditDir)) {
      StringBuilder sb = new StringBuilder();
      for (Path f : files.toList()) {
        sb.append(Files.readString(f));
      }
      log = sb.toString();
    }
    List<String> lines = log.lines().toList();
    assertThat(lines).hasSize(5);
    JsonNode first = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("key_id").asText()).isEqualTo("test-portal");
    assertThat(first.get("role").asText()).isEqualTo("portal");
    assertThat(first.get("route").asText()).isEqualTo("/v1/companies/{cn}/recommendations");
    assertThat(first.get("corporate_number").asText()).isEqualTo(Fixtures.MAKER);
    assertThat(first.get("status").asInt()).isEqualTo(200);
    assertThat(first.get("publication").asText()).isEqualTo(Fixtures.PUB1);
    assertThat(first.get("time").asText()).isEqualTo(TestServer.NOW.toString());
    JsonNode invalid = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(1));
    assertThat(invalid.get("corporate_number").isNull()).isTrue();
    assertThat(invalid.get("status").asInt()).isEqualTo(400);
    assertThat(log)
        .doesNotContain(TestServer.PORTAL_KEY)
        .doesNotContain(TestServer.OFFICER_KEY)
        .doesNotContain("/healthz");
    JsonNode programs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(4));
    assertThat(programs.get("route").asText()).isEqualTo("/v1/programs");
    assertThat(programs.get("key_id").asText()).isEqualTo("test-officer");
    assertThat(programs.get("corporate_number").isNull()).isTrue();
    assertThat(programs.get("status").asInt()).isEqualTo(200);
  }

  @Test
  void serveMainRefusesBadOptionsWithExitCode2() {
    assertThat(new picocli.CommandLine(new ServeMain()).execute("--port", "abc")).isEqualTo(2);
  }
}
