package org.policyreach.serving.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.RouteSamples;
import org.policyreach.serving.ServeMain;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;

/**
 * The audit trail and the server log of a real {@code policyreach serve} process (its stdout and
 * stderr captured): every request to an audited route leaves a line with its request id and key id
 * — rejected ones (401, 403, 429, 400, 404, 413) included — and no key, contact name, e-mail or
 * phone number appears in the audit log, the server log or the landing log.
 */
class AuditAndLogHygieneTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CONTACT_NAME = "監査花子";
  static final String CONTACT_EMAIL = "hanako.audit@example.co.jp";
  static final String CONTACT_PHONE = "03-5555-0199";

  @TempDir Path lake;
  @TempDir Path confDir;
  @TempDir Path run;

  record Sent(String what, String requestId, String keyId, int status, String route) {}

  @Test
  void everyAuditedRequestIsLoggedOnceWithItsKeyIdAndNoSecretOrPiiAnywhere() throws Exception {
    Fixtures.publishStandard(new GoldFixture(lake));
    Path conf = SecurityServer.conf(confDir);
    Path audit = run.resolve("audit");
    Path landing = run.resolve("landing");
    Path stderr = run.resolve("server-stderr.log");
    Path stdout = run.resolve("server-stdout.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ServeMain.class.getName(),
                "serve",
                "--port",
                "0",
                "--lakehouse",
                lake.toString(),
                "--conf",
                conf.toString(),
                "--audit-dir",
                audit.toString(),
                "--landing-dir",
                landing.toString(),
                "--poll-seconds",
                "3600")
            .redirectError(stderr.toFile())
            .redirectOutput(stdout.toFile())
            .start();
    List<Sent> sent = new ArrayList<>();
    String eventsRequestId;
    try {
      String first = awaitLine(child, stdout, "PolicyReach serving on http://");
      awaitLine(child, stdout, "Ready: ");
      URI base =
          URI.create(
              first.substring(
                  "PolicyReach serving on ".length(),
                  first.indexOf('/', first.indexOf("//") + 2) + 1));
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

      String recs = "/v1/companies/" + Fixtures.MAKER + "/recommendations";
      String draft =
          RouteSamples.validDraft()
              .replace("山田太郎", CONTACT_NAME)
              .replace("taro@example.co.jp", CONTACT_EMAIL)
              .replace("03-0000-0000", CONTACT_PHONE);
      Object[][] calls = {
        // what, method, path, key, body, expected status, expected key id
        {"ok", "GET", recs, TestServer.PORTAL_KEY, null, 200, "test-portal"},
        {"no key", "GET", recs, null, null, 401, null},
        {"bad key", "GET", recs, "not-a-registered-key-1234", null, 401, null},
        {
          "wrong role",
          "GET",
          "/v1/programs/monozukuri-21/targets",
          TestServer.PORTAL_KEY,
          null,
          403,
          "test-portal"
        },
        {
          "officer",
          "GET",
          "/v1/programs/monozukuri-21/targets",
          TestServer.OFFICER_KEY,
          null,
          200,
          "test-officer"
        },
        {
          "invalid cn",
          "GET",
          "/v1/companies/12345/profile",
          TestServer.PORTAL_KEY,
          null,
          400,
          "test-portal"
        },
        {
          "unknown firm",
          "GET",
          "/v1/companies/" + Fixtures.UNKNOWN + "/profile",
          TestServer.PORTAL_KEY,
          null,
          404,
          "test-portal"
        },
        {
          "profile",
          "GET",
          "/v1/companies/" + Fixtures.MAKER + "/profile",
          TestServer.ADMIN_KEY,
          null,
          200,
          "test-admin"
        },
        {
          "batch",
          "POST",
          "/v1/recommendations/batch",
          TestServer.PORTAL_KEY,
          "{\"corporate_numbers\": [\""
              + Fixtures.MAKER
              + "\", \""
              + Fixtures.SHOP
              + "\", \"bad\"]}",
          200,
          "test-portal"
        },
        {
          "validate with contact",
          "POST",
          "/v1/applications/validate",
          TestServer.PORTAL_KEY,
          draft,
          200,
          "test-portal"
        },
        {
          "validate broken",
          "POST",
          "/v1/applications/validate",
          TestServer.PORTAL_KEY,
          draft.substring(0, draft.length() / 2),
          400,
          "test-portal"
        },
        {
          "too large",
          "POST",
          "/v1/recommendations/batch",
          TestServer.PORTAL_KEY,
          "[\"" + "1".repeat(1024 * 1024) + "\"]",
          413,
          "test-portal"
        },
        {"segments", "GET", "/v1/segments", TestServer.OFFICER_KEY, null, 200, "test-officer"},
        {"programs", "GET", "/v1/programs", TestServer.OFFICER_KEY, null, 200, "test-officer"},
        {
          "segments as portal",
          "GET",
          "/v1/segments",
          TestServer.PORTAL_KEY,
          null,
          403,
          "test-portal"
        },
        {"limited 1", "GET", recs, TestServer.LIMITED_KEY, null, 200, "test-limited"},
        {"limited 2", "GET", recs, TestServer.LIMITED_KEY, null, 200, "test-limited"},
        {"limited 3", "GET", recs, TestServer.LIMITED_KEY, null, 429, "test-limited"},
      };
      for (Object[] c : calls) {
        HttpRequest.Builder b =
            HttpRequest.newBuilder(base.resolve((String) c[2])).timeout(Duration.ofSeconds(30));
        if (c[3] != null) {
          b.header("Authorization", "Bearer " + c[3]);
        }
        // the portal signs for the firm it asks about (the server's clock is the real one here)
        TestServer.signedAsPortal(
            b, (String) c[3], (String) c[2], (String) c[4], Instant.now().plusSeconds(300));
        if (c[4] != null) {
          b.header("Content-Type", "application/json")
              .method((String) c[1], HttpRequest.BodyPublishers.ofString((String) c[4]));
        } else {
          b.method((String) c[1], HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> res = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(c[0] + " → " + res.body()).isEqualTo((int) c[5]);
        String id = res.headers().firstValue("X-Request-Id").orElseThrow();
        sent.add(new Sent((String) c[0], id, (String) c[6], res.statusCode(), (String) c[2]));
      }
      // Events carry firm numbers and go to the landing log, not the server log.
      HttpResponse<String> ev =
          client.send(
              HttpRequest.newBuilder(base.resolve("/v1/events"))
                  .header("Authorization", "Bearer " + TestServer.PORTAL_KEY)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(RouteSamples.body(route("/v1/events"))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ev.statusCode()).isEqualTo(202);
      eventsRequestId = ev.headers().firstValue("X-Request-Id").orElseThrow();
      // The UI sign-in carries a key in its body: it must not be logged either.
      client.send(
          HttpRequest.newBuilder(base.resolve("/ui/session"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"key\": \"" + TestServer.PORTAL_KEY + "\"}"))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } finally {
      child.destroy(); // SIGTERM: graceful stop flushes and fsyncs the audit log
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8);

    // --- the audit trail
    List<JsonNode> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(audit)) {
      for (Path f : files.toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          lines.add(JSON.readTree(line));
        }
      }
    }
    Map<String, List<JsonNode>> byRequest = new HashMap<>();
    for (JsonNode l : lines) {
      byRequest.computeIfAbsent(l.get("request_id").asText(), k -> new ArrayList<>()).add(l);
      assertThat(l.get("publication").asText()).isEqualTo(Fixtures.PUB1);
      assertThat(l.get("time").asText()).isNotEmpty();
    }
    Map<String, Integer> expectedLines = new LinkedHashMap<>();
    for (Sent s : sent) {
      List<JsonNode> mine = byRequest.getOrDefault(s.requestId(), List.of());
      int want = s.what().equals("batch") ? 3 : 1;
      expectedLines.put(s.what(), want);
      assertThat(mine).as(s.what() + " (" + s.requestId() + ") audit lines").hasSize(want);
      for (JsonNode l : mine) {
        assertThat(l.get("status").asInt()).as(s.what()).isEqualTo(s.status());
        assertThat(l.get("key_id").isNull() ? null : l.get("key_id").asText())
            .as(s.what() + " key id")
            .isEqualTo(s.keyId());
        assertThat(l.get("route").asText()).startsWith("/v1/");
      }
    }
    assertThat(byRequest.get(sent.get(0).requestId()).get(0).get("corporate_number").asText())
        .isEqualTo(Fixtures.MAKER);
    // aggregate routes (no firm) leave one line without a number; events one line per firm
    Sent segments =
        sent.stream().filter(s -> s.what().equals("segments")).findFirst().orElseThrow();
    assertThat(byRequest.get(segments.requestId()).get(0).get("corporate_number").isNull())
        .isTrue();
    assertThat(byRequest.get(eventsRequestId))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.get("route").asText()).isEqualTo("/v1/events");
              assertThat(l.get("key_id").asText()).isEqualTo("test-portal");
              assertThat(l.get("status").asInt()).isEqualTo(202);
              assertThat(l.get("corporate_number").asText()).isEqualTo(Fixtures.MAKER);
            });

    // --- no secret and no contact detail in any log or landing file
    List<Path> logs = new ArrayList<>(List.of(stderr, stdout));
    for (Path dir : List.of(audit, landing)) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(Files::isRegularFile).forEach(logs::add);
      }
    }
    for (Path log : logs) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      for (String secret : SecurityServer.SECRETS) {
        assertThat(text).as(log + " holds an API key").doesNotContain(secret);
      }
      for (String pii : List.of(CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE, "example.co.jp")) {
        assertThat(text).as(log + " holds contact data").doesNotContain(pii);
      }
      assertThat(text).as(log + " holds an e-mail address").doesNotContainPattern(EMAIL);
      assertThat(text).as(log + " holds a phone number").doesNotContainPattern(PHONE);
    }
    // The server log names no firm either (those belong to the audit log).
    String serverLog = Files.readString(stderr) + out;
    assertThat(serverLog).doesNotContain(Fixtures.MAKER).doesNotContain(Fixtures.SHOP);
  }

  /** The first line of {@code file} that starts with {@code prefix}, waiting for the child. */
  private static String awaitLine(Process child, Path file, String prefix) throws Exception {
    while (true) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
      assertThat(child.isAlive()).as("server process alive, waiting for: " + prefix).isTrue();
      Thread.sleep(100);
    }
  }

  /** The same patterns the lakehouse PII scan uses (bin/test.d/45-http-fuzz.run). */
  static final String EMAIL = "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}";

  static final String PHONE = "(?<![0-9])0[0-9]{1,4}-[0-9]{1,4}-[0-9]{3,4}(?![0-9])";

  private static org.policyreach.serving.http.Route route(String template) {
    // Only the template matters to RouteSamples.body.
    return new org.policyreach.serving.http.Route(
        "POST",
        template,
        java.util.Set.of(),
        false,
        false,
        r -> null,
        new org.policyreach.serving.http.RouteDoc(
            "t", "s", "d", List.of(), null, null, Map.of(), List.of()));
  }
}
