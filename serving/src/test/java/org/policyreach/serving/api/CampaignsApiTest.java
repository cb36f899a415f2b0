package org.policyreach.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;

/**
 * The officer's campaign routes on a real server (port 0) over a published gold fixture: a create
 * or send is validated and queued as a request file for {@code push worker}; campaigns are read
 * from the status files the push commands write (here written in that format by the test, since the
 * Spark side is pipelines' and is exercised by the UI suite end to end). Bad input names the input
 * and the fix; officer role only; every call audited.
 */
class CampaignsApiTest {
  @TempDir static Path lake;
  @TempDir static Path confDir;
  static TestServer server;
  static final ObjectMapper JSON = new ObjectMapper();
  static final String OFFICER = TestServer.OFFICER_KEY;

  @BeforeAll
  static void start() {
    Fixtures.publishStandard(new GoldFixture(lake));
    server = TestServer.start(lake, TestServer.conf(confDir));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  static Path requests() {
    return lake.resolve("_push").resolve("requests");
  }

  /** A campaign's status file as push plan / send write it (counts only). */
  static void writeStatus(String id, String status) throws Exception {
    Path dir = lake.resolve("_push").resolve(id);
    Files.createDirectories(dir);
    String body =
        """
        {"campaign_id": "%s", "program_id": "monozukuri-21", "status": "%s",
         "publication": "pub-000002", "channels": ["inbox", "post"], "max_firms": 3,
         "holdout_share": 0.1, "created_at": "2026-11-19T03:00:00Z", "sent_at": %s,
         "audience": {"targets": 4, "treated": 2, "holdout": 1, "never_reached_treated": 1,
           "never_reached_holdout": 0,
           "by_channel": {"inbox": {"treated": 1, "holdout": 1}, "email": {"treated": 0, "holdout": 0},
                          "post": {"treated": 1, "holdout": 0}},
           "no_channel": {"treated": 0, "holdout": 0}},
         "delivery": {"by_channel": {"inbox": {"delivered": 1}, "email": {}, "post": {"sent": 1}},
                      "holdout_recorded": 1},
         "skipped": null, "report": null}
        """
            .formatted(id, status, status.equals("sent") ? "\"2026-11-19T04:00:00Z\"" : "null");
    Files.writeString(dir.resolve("status.json"), body, StandardCharsets.UTF_8);
  }

  @Test
  void createQueuesAPlanRequestThatThePageCanFollow() throws Exception {
    HttpResponse<String> r =
        server.post(
            "/v1/campaigns",
            OFFICER,
            "{\"program_id\": \"monozukuri-21\", \"channels\": [\"post\", \"inbox\"], \"max\": 3}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode q = json(r);
    String id = q.get("request_id").asText();
    assertThat(id).matches("req-\\d{8}T\\d{9}Z-[0-9a-f]{8}");
    assertThat(q.get("state").asText()).isEqualTo("queued");
    assertThat(r.headers().firstValue("Location")).hasValue("/v1/campaign-requests/" + id);

    // the request on disk is what push worker reads: action, program, channels in order, size
    JsonNode onDisk = JSON.readTree(requests().resolve(id + ".json").toFile());
    assertThat(onDisk.get("action").asText()).isEqualTo("plan");
    assertThat(onDisk.get("program_id").asText()).isEqualTo("monozukuri-21");
    assertThat(onDisk.get("channels").toString()).isEqualTo("[\"inbox\",\"post\"]");
    assertThat(onDisk.get("max").asInt()).isEqualTo(3);
    assertThat(onDisk.get("requested_by").asText()).isEqualTo("test-officer");

    JsonNode followed = json(server.get("/v1/campaign-requests/" + id, OFFICER));
    assertThat(followed.get("state").asText()).isEqualTo("queued");

    // the worker's state file is reflected as soon as it is written
    Files.writeString(
        requests().resolve(id + ".state.json"),
        "{\"request_id\": \"" + id + "\", \"state\": \"done\", \"campaign_id\": \"cmp-x\"}");
    followed = json(server.get("/v1/campaign-requests/" + id, OFFICER));
    assertThat(followed.get("state").asText()).isEqualTo("done");
    assertThat(followed.get("campaign_id").asText()).isEqualTo("cmp-x");
  }

  @Test
  void badCreateInputIsRefusedNamingTheInputAndTheFix() throws Exception {
    long before = countRequests();
    assertError(
        server.post("/v1/campaigns", OFFICER, "{\"program_id\": \"no-such-program\"}"),
        404,
        "PROGRAM_UNKNOWN",
        "no-such-program");
    assertError(
        server.post("/v1/campaigns", OFFICER, "{\"channels\": [\"inbox\"]}"),
        400,
        "INVALID_FIELD",
        "program_id");
    assertError(
        server.post(
            "/v1/campaigns",
            OFFICER,
            "{\"program_id\": \"monozukuri-21\", \"channels\": [\"inbox\", \"fax\"]}"),
        400,
        "INVALID_CHANNELS",
        "fax");
    assertError(
        server.post(
            "/v1/campaigns", OFFICER, "{\"program_id\": \"monozukuri-21\", \"channels\": []}"),
        400,
        "INVALID_CHANNELS",
        "non-empty");
    for (String bad : List.of("0", "-5", "1.5", "\"ten\"", "100001", "99999999999")) {
      assertError(
          server.post(
              "/v1/campaigns",
              OFFICER,
              "{\"program_id\": \"monozukuri-21\", \"max\": " + bad + "}"),
          400,
          "INVALID_SIZE",
          "max = " + bad);
    }
    assertError(
        server.post("/v1/campaigns", OFFICER, "{\"program_id\": \"monozukuri-21\", \"size\": 5}"),
        400,
        "INVALID_FIELD",
        "size");
    // a catalog program without a target list in the publication
    String noTargets = null;
    for (JsonNode p : json(server.get("/v1/programs", OFFICER)).get("programs")) {
      if (p.get("targets").asInt() == 0) {
        noTargets = p.get("program_id").asText();
        break;
      }
    }
    assertThat(noTargets).isNotNull();
    assertError(
        server.post("/v1/campaigns", OFFICER, "{\"program_id\": \"" + noTargets + "\"}"),
        409,
        "NO_TARGETS",
        noTargets);
    assertThat(countRequests()).as("nothing queued for bad input").isEqualTo(before);
  }

  @Test
  void sendIsQueuedOnceForAPlannedCampaignAndRefusedForUnknownOrSentOnes() throws Exception {
    writeStatus("cmp-20261119-planned1", "planned");
    writeStatus("cmp-20261119-sent0001", "sent");

    JsonNode list = json(server.get("/v1/campaigns", OFFICER));
    List<String> ids =
        Stream.of(list.get("campaigns"))
            .flatMap(n -> java.util.stream.StreamSupport.stream(n.spliterator(), false))
            .map(n -> n.get("campaign_id").asText())
            .toList();
    assertThat(ids).contains("cmp-20261119-planned1", "cmp-20261119-sent0001");
    JsonNode one = json(server.get("/v1/campaigns/cmp-20261119-planned1", OFFICER));
    assertThat(one.get("program_name").asText()).isNotBlank();
    assertThat(one.get("audience").get("by_channel").get("inbox").get("treated").asInt())
        .isEqualTo(1);

    assertError(
        server.post("/v1/campaigns/cmp-20261119-nosuch01/send", OFFICER, "{}"),
        404,
        "CAMPAIGN_UNKNOWN",
        "cmp-20261119-nosuch01");
    assertError(
        server.get("/v1/campaigns/not-a-campaign", OFFICER), 404, "CAMPAIGN_UNKNOWN", "unknown");
    assertError(
        server.post("/v1/campaigns/cmp-20261119-sent0001/send", OFFICER, "{}"),
        409,
        "CAMPAIGN_ALREADY_SENT",
        "never sent twice");

    HttpResponse<String> sent =
        server.post("/v1/campaigns/cmp-20261119-planned1/send", OFFICER, "{}");
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
    JsonNode q = json(sent);
    assertThat(q.get("action").asText()).isEqualTo("send");
    assertThat(q.get("campaign_id").asText()).isEqualTo("cmp-20261119-planned1");
    assertThat(requests().resolve(q.get("request_id").asText() + ".json")).exists();
    // while that send is queued, a second one queues nothing and answers the first request
    long queued = countRequests();
    HttpResponse<String> again =
        server.post("/v1/campaigns/cmp-20261119-planned1/send", OFFICER, "{}");
    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    assertThat(json(again).get("request_id").asText()).isEqualTo(q.get("request_id").asText());
    assertThat(json(again).get("already_queued").asBoolean()).isTrue();
    assertThat(countRequests()).isEqualTo(queued);
    JsonNode withRequests = json(server.get("/v1/campaigns/cmp-20261119-planned1", OFFICER));
    assertThat(withRequests.get("requests").get(0).get("request_id").asText())
        .isEqualTo(q.get("request_id").asText());
    assertError(
        server.get("/v1/campaign-requests/req-nope", OFFICER), 404, "REQUEST_UNKNOWN", "req-nope");
  }

  @Test
  void officerRoleOnlyAndEveryCallAudited() throws Exception {
    assertThat(server.get("/v1/campaigns", TestServer.PORTAL_KEY).statusCode()).isEqualTo(403);
    assertThat(
            server
                .post("/v1/campaigns", TestServer.PORTAL_KEY, "{\"program_id\": \"monozukuri-21\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(server.get("/v1/campaigns", null).statusCode()).isEqualTo(401);
    assertThat(server.get("/v1/campaigns", TestServer.ADMIN_KEY).statusCode()).isEqualTo(200);
    server.post("/v1/campaigns", OFFICER, "{\"program_id\": \"monozukuri-21\", \"max\": 0}");
    // the audit line is written once the answer is out: wait for it (flushing), then check
    String audit = "";
    String refused =
        "\"method\":\"POST\",\"route\":\"/v1/campaigns\",\"corporate_number\":null,\"status\":400";
    for (int i = 0; i < 200 && !audit.contains(refused); i++) {
      org.policyreach.serving.PolicyReachServer.audit(server.server()).flush();
      audit = auditText();
      Thread.sleep(50);
    }
    assertThat(audit).contains(refused);
    assertThat(audit)
        .contains(
            "\"key_id\":\"test-portal\",\"role\":\"portal\",\"method\":\"GET\",\"route\":\"/v1/campaigns\",\"corporate_number\":null,\"status\":403");
  }

  private static String auditText() throws Exception {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.list(lake.resolve("_audit"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        sb.append(Files.readString(f));
      }
    }
    return sb.toString();
  }

  private static long countRequests() throws Exception {
    if (!Files.isDirectory(requests())) {
      return 0;
    }
    try (Stream<Path> s = Files.list(requests())) {
      return s.filter(p -> !p.getFileName().toString().endsWith(".state.json")).count();
    }
  }

  private static void assertError(HttpResponse<String> r, int status, String code, String text)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode e = json(r).get("error");
    assertThat(e.get("code").asText()).isEqualTo(code);
    assertThat(e.get("message").asText()).contains(text);
  }
}
