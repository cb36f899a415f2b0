package org.policyreach.serving.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.PolicyReachServer;
import org.policyreach.serving.ServingConfig;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;

/**
 * The audit trail of a real server (port 0): sign-ins (accepted and refused) and every export with
 * its format and filters, each line with the client's address; a failing audit log shows in the
 * metrics and {@link AuditLog#healthy()}.
 */
class AuditTrailTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path lake;
  @TempDir static Path confDir;
  @TempDir static Path run;
  static TestServer server;

  @BeforeAll
  static void start() {
    Fixtures.publishStandard(new GoldFixture(lake));
    server =
        TestServer.start(
            new ServingConfig(
                "127.0.0.1",
                0,
                lake.toString(),
                TestServer.conf(confDir),
                Duration.ofHours(1),
                run.resolve("landing"),
                run.resolve("audit"),
                Clock.fixed(TestServer.NOW, ZoneOffset.UTC)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<JsonNode> lines() throws Exception {
    PolicyReachServer.audit(server.server()).flush();
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(run.resolve("audit"))) {
      for (Path f : files.sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          out.add(JSON.readTree(line));
        }
      }
    }
    return out;
  }

  /** The request's audit line (written just after the response is sent: waits up to 10 s). */
  static JsonNode lineOf(HttpResponse<String> r) throws Exception {
    String id = r.headers().firstValue("X-Request-Id").orElseThrow();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      var line = lines().stream().filter(n -> n.path("request_id").asText().equals(id)).findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no audit line for " + id + ": " + r.body());
      }
      Thread.sleep(50);
    }
  }

  @Test
  void signInsAreAuditedAcceptedAndRefusedWithTheClientAddress() throws Exception {
    HttpResponse<String> bad =
        server.post("/ui/session", null, "{\"key\": \"not-a-registered-key-1234\"}");
    HttpResponse<String> portal =
        server.post("/ui/session", null, "{\"key\": \"" + TestServer.PORTAL_KEY + "\"}");
    HttpResponse<String> ok =
        server.post("/ui/session", null, "{\"key\": \"" + TestServer.OFFICER_KEY + "\"}");
    assertThat(List.of(bad.statusCode(), portal.statusCode(), ok.statusCode()))
        .containsExactly(401, 403, 200);

    JsonNode b = lineOf(bad);
    assertThat(b.path("status").asInt()).isEqualTo(401);
    assertThat(b.at("/detail/event").asText()).isEqualTo("sign_in");
    assertThat(b.at("/detail/key_id").isMissingNode()).isTrue();
    assertThat(b.path("client").asText()).isEqualTo("127.0.0.1");

    JsonNode p = lineOf(portal);
    assertThat(p.path("status").asInt()).isEqualTo(403);
    assertThat(p.at("/detail/key_id").asText()).isEqualTo("test-portal");

    JsonNode o = lineOf(ok);
    assertThat(o.path("status").asInt()).isEqualTo(200);
    assertThat(o.at("/detail/event").asText()).isEqualTo("sign_in");
    assertThat(o.at("/detail/key_id").asText()).isEqualTo("test-officer");
    assertThat(o.path("route").asText()).isEqualTo("/ui/session");

    // no key in the audit log, ever
    String all = Files.readString(run.resolve("audit").resolve("audit-2026-11-20.jsonl"));
    assertThat(all)
        .doesNotContain(TestServer.OFFICER_KEY, TestServer.PORTAL_KEY, "not-a-registered-key");
  }

  @Test
  void everyExportRecordsItsFormatAndFilters() throws Exception {
    HttpResponse<String> csv =
        server.get(
            "/v1/programs/monozukuri-21/targets?format=csv&prefecture=13&size_class=sme",
            TestServer.OFFICER_KEY);
    assertThat(csv.statusCode()).isEqualTo(200);
    JsonNode c = lineOf(csv);
    assertThat(c.at("/detail/export").asText()).isEqualTo("target_list");
    assertThat(c.at("/detail/format").asText()).isEqualTo("csv");
    assertThat(c.at("/detail/program_id").asText()).isEqualTo("monozukuri-21");
    assertThat(c.at("/detail/filters").asText()).isEqualTo("prefecture=13&size_class=sme");
    assertThat(c.path("client").asText()).isEqualTo("127.0.0.1");

    HttpResponse<String> json =
        server.get("/v1/programs/monozukuri-21/targets?reached=false", TestServer.OFFICER_KEY);
    JsonNode j = lineOf(json);
    assertThat(j.at("/detail/format").asText()).isEqualTo("json");
    assertThat(j.at("/detail/filters").asText()).isEqualTo("reached=false");

    HttpResponse<String> seg = server.get("/v1/segments/seg-mfg-sme", TestServer.OFFICER_KEY);
    assertThat(seg.statusCode()).isEqualTo(200);
    JsonNode s = lineOf(seg);
    assertThat(s.at("/detail/export").asText()).isEqualTo("segment_report");
    assertThat(s.at("/detail/segment_id").asText()).isEqualTo("seg-mfg-sme");

    HttpResponse<String> plan =
        server.post(
            "/v1/campaigns",
            TestServer.OFFICER_KEY,
            "{\"program_id\": \"monozukuri-21\", \"channels\": [\"post\", \"inbox\"], \"max\": 3}");
    assertThat(plan.statusCode()).as(plan.body()).isEqualTo(202);
    JsonNode pl = lineOf(plan);
    assertThat(pl.at("/detail/export").asText()).isEqualTo("campaign_plan");
    assertThat(pl.at("/detail/channels").asText()).isEqualTo("inbox,post");
    assertThat(pl.at("/detail/max").asText()).isEqualTo("3");

    HttpResponse<String> send =
        server.post("/v1/campaigns/cmp-nope/send", TestServer.OFFICER_KEY, "{}");
    JsonNode se = lineOf(send);
    assertThat(se.at("/detail/export").asText()).isEqualTo("campaign_send");
    // an unknown id is not copied into the audit log (a path can hold anything)
    assertThat(se.at("/detail/campaign_id").isMissingNode()).isTrue();
    assertThat(se.path("status").asInt()).isEqualTo(404);
  }

  @Test
  void everyLineNamesTheClientAndAProxiedOneItsForwardedChain() throws Exception {
    HttpResponse<String> proxied =
        server.get(
            "/v1/companies/" + Fixtures.MAKER + "/recommendations",
            TestServer.PORTAL_KEY,
            "X-Forwarded-For",
            "203.0.113.7");
    assertThat(lineOf(proxied).path("client").asText())
        .isEqualTo("127.0.0.1 (forwarded for 203.0.113.7)");
    server.get("/v1/segments", TestServer.OFFICER_KEY);
    for (JsonNode n : lines()) {
      assertThat(n.path("client").asText()).as(n.toString()).startsWith("127.0.0.1");
    }
  }

  @Test
  void aFailingAuditLogIsCountedInTheMetricsAndMakesItUnhealthy(@TempDir Path other)
      throws Exception {
    Path audit = other.resolve("audit");
    // the day's file cannot be opened: a directory has its name
    Files.createDirectories(
        audit.resolve("audit-" + LocalDate.ofInstant(TestServer.NOW, ZoneOffset.UTC) + ".jsonl"));
    try (TestServer broken =
        TestServer.start(
            new ServingConfig(
                "127.0.0.1",
                0,
                lake.toString(),
                TestServer.conf(other.resolve("conf")),
                Duration.ofHours(1),
                other.resolve("landing"),
                audit,
                Clock.fixed(TestServer.NOW, ZoneOffset.UTC)))) {
      AuditLog log = PolicyReachServer.audit(broken.server());
      assertThat(log.healthy()).isTrue();
      assertThat(broken.get("/metrics", TestServer.ADMIN_KEY).body())
          .contains("policyreach_audit_healthy 1.0");
      assertThat(broken.get("/readyz", null).statusCode()).isEqualTo(200);
      assertThat(
              broken
                  .get(
                      "/v1/companies/" + Fixtures.MAKER + "/recommendations", TestServer.PORTAL_KEY)
                  .statusCode())
          .isEqualTo(200);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (log.failures() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(log.healthy()).isFalse();
      assertThat(log.failures()).isPositive();
      assertThat(log.lastError()).get().asString().contains(audit.toString());
      String metrics = broken.get("/metrics", TestServer.ADMIN_KEY).body();
      assertThat(metrics).contains("policyreach_audit_healthy 0.0");
      assertThat(metrics).containsPattern("policyreach_audit_write_failures_total [1-9]");
      // out of rotation: calls would go unrecorded; the answer names no path
      var ready = broken.get("/readyz", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("\"status\":\"degraded\"").doesNotContain(audit.toString());
    }
  }
}
