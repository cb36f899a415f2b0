package org.policyreach.serving.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyreach.serving.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;

class EventsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path lake;
  @TempDir Path confDir;
  Path conf;

  @BeforeEach
  void publish() {
    Fixtures.publishStandard(new GoldFixture(lake));
    conf = TestServer.conf(confDir);
  }

  static String event(String id, String cn, String program, String type) {
    return "{\"event_id\": \""
        + id
        + "\", \"corporate_number\": \""
        + cn
        + "\", \"program_id\": "
        + (program == null ? "null" : "\"" + program + "\"")
        + ", \"type\": \""
        + type
        + "\", \"at\": \"2026-11-20T09:03:00+09:00\", \"channel\": \"portal\"}";
  }

  private List<JsonNode> landed() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    Path dir = lake.resolve("_landing/events");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          out.add(JSON.readTree(line));
        }
      }
    }
    return out;
  }

  private List<String> landingFiles() throws IOException {
    try (Stream<Path> files = Files.list(lake.resolve("_landing/events"))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void eventsAreAcceptedOnlyOnceAndLandAsJsonLines() throws IOException {
    try (TestServer s = TestServer.start(lake, conf)) {
      HttpResponse<String> res =
          s.post(
              "/v1/events",
              TestServer.PORTAL_KEY,
              event("e-1", Fixtures.MAKER, "monozukuri-21", "impression"));
      assertThat(res.statusCode()).isEqualTo(202);
      assertThat(json(res).get("accepted").asInt()).isEqualTo(1);
      assertThat(json(res).get("publication").asText()).isEqualTo(Fixtures.PUB1);

      String batch =
          "["
              + event("e-1", Fixtures.MAKER, "monozukuri-21", "impression")
              + ","
              + event(
                  "e-2",
                  Fixtures.MAKER.substring(0, 1) + "-" + Fixtures.MAKER.substring(1),
                  "monozukuri-21",
                  "click")
              + ","
              + event("e-2", Fixtures.MAKER, "monozukuri-21", "click")
              + "]";
      HttpResponse<String> again = s.post("/v1/events", TestServer.PORTAL_KEY, batch);
      assertThat(again.statusCode()).isEqualTo(202);
      assertThat(json(again).get("accepted").asInt()).isEqualTo(1);
      assertThat(json(again).get("duplicates").asInt()).isEqualTo(2);

      List<JsonNode> lines = landed();
      assertThat(lines).extracting(n -> n.get("event_id").asText()).containsExactly("e-1", "e-2");
      JsonNode click = lines.get(1);
      assertThat(click.get("corporate_number").asText()).isEqualTo(Fixtures.MAKER);
      assertThat(click.get("type").asText()).isEqualTo("click");
      assertThat(click.get("at").asText()).isEqualTo("2026-11-20T09:03:00+09:00");
      assertThat(click.get("channel").asText()).isEqualTo("portal");
      // Still being written: not yet visible to ingestion.
      assertThat(landingFiles()).allSatisfy(f -> assertThat(f).endsWith(EventLog.OPEN_SUFFIX));
    }
    // A graceful stop seals the segment for ingestion.
    assertThat(landingFiles())
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f).endsWith(EventLog.SEALED_SUFFIX));
  }

  @Test
  void invalidEventsAreRefusedWholeWithTheirIndex() throws IOException {
    try (TestServer s = TestServer.start(lake, conf)) {
      String batch =
          "["
              + event("ok-1", Fixtures.MAKER, "monozukuri-21", "click")
              + ","
              + event("bad-1", "1234567890123", "monozukuri-21", "click")
              + "]";
      HttpResponse<String> res = s.post("/v1/events", TestServer.PORTAL_KEY, batch);
      assertThat(res.statusCode()).isEqualTo(400);
      assertThat(json(res).at("/error/code").asText()).isEqualTo("INVALID_CORPORATE_NUMBER");
      assertThat(json(res).at("/error/message").asText())
          .startsWith("event [1]")
          .contains("check digit");

      assertThat(
              s.post(
                      "/v1/events",
                      TestServer.PORTAL_KEY,
                      event("t", Fixtures.MAKER, "monozukuri-21", "like"))
                  .statusCode())
          .isEqualTo(400);
      assertThat(
              s.post(
                      "/v1/events",
                      TestServer.PORTAL_KEY,
                      event("p", Fixtures.MAKER, "nope", "click"))
                  .statusCode())
          .isEqualTo(400);
      assertThat(
              s.post("/v1/events", TestServer.PORTAL_KEY, event("q", Fixtures.MAKER, null, "click"))
                  .statusCode())
          .isEqualTo(400);
      HttpResponse<String> badTime =
          s.post(
              "/v1/events",
              TestServer.PORTAL_KEY,
              event("r", Fixtures.MAKER, "monozukuri-21", "click")
                  .replace("2026-11-20T09:03:00+09:00", "yesterday"));
      assertThat(badTime.statusCode()).isEqualTo(400);
      assertThat(json(badTime).at("/error/message").asText()).contains("ISO 8601");
      assertThat(s.post("/v1/events", TestServer.PORTAL_KEY, "[]").statusCode()).isEqualTo(400);
      assertThat(s.post("/v1/events", TestServer.PORTAL_KEY, "\"x\"").statusCode()).isEqualTo(400);
      HttpResponse<String> extra =
          s.post(
              "/v1/events",
              TestServer.PORTAL_KEY,
              event("u", Fixtures.MAKER, "monozukuri-21", "click")
                  .replace("}", ", \"colour\": 1}"));
      assertThat(extra.statusCode()).isEqualTo(400);
      assertThat(json(extra).at("/error/code").asText()).isEqualTo("UNKNOWN_FIELD");
    }
    assertThat(landed()).isEmpty();
  }

  @Test
  void optOutTakesEffectOnTheNextRequestEverywhereAndOptInLiftsIt() {
    try (TestServer s = TestServer.start(lake, conf)) {
      String recs = "/v1/companies/" + Fixtures.CONSENT + "/recommendations";
      assertThat(json(s.get(recs, TestServer.PORTAL_KEY)).get("recommendations")).isNotEmpty();

      assertThat(
              s.post(
                      "/v1/events",
                      TestServer.PORTAL_KEY,
                      event("c-1", Fixtures.CONSENT, null, "opt_out"))
                  .statusCode())
          .isEqualTo(202);

      JsonNode after = json(s.get(recs, TestServer.PORTAL_KEY));
      assertThat(after.get("opted_out").asBoolean()).isTrue();
      assertThat(after.get("recommendations")).isEmpty();
      JsonNode batch =
          json(
              s.post(
                  "/v1/recommendations/batch",
                  TestServer.OFFICER_KEY,
                  "{\"corporate_numbers\": [\"" + Fixtures.CONSENT + "\"]}"));
      assertThat(batch.at("/results/0/recommendations")).isEmpty();
      assertThat(
              json(s.get("/v1/companies/" + Fixtures.CONSENT + "/profile", TestServer.PORTAL_KEY))
                  .get("attributes"))
          .isEmpty();
      JsonNode targets = json(s.get("/v1/programs/monozukuri-21/targets", TestServer.OFFICER_KEY));
      targets
          .get("targets")
          .forEach(
              t -> assertThat(t.get("corporate_number").asText()).isNotEqualTo(Fixtures.CONSENT));
      assertThat(targets.at("/excluded/opted_out").asInt()).isEqualTo(2);

      assertThat(
              s.post(
                      "/v1/events",
                      TestServer.PORTAL_KEY,
                      event("c-2", Fixtures.CONSENT, null, "opt_in"))
                  .statusCode())
          .isEqualTo(202);
      assertThat(json(s.get(recs, TestServer.PORTAL_KEY)).get("recommendations")).isNotEmpty();
    }
  }

  @Test
  void consentAndSeenIdsSurviveARestart() {
    try (TestServer s = TestServer.start(lake, conf)) {
      assertThat(
              s.post(
                      "/v1/events",
                      TestServer.PORTAL_KEY,
                      event("r-1", Fixtures.CONSENT2, null, "opt_out"))
                  .statusCode())
          .isEqualTo(202);
    }
    try (TestServer s = TestServer.start(lake, conf)) {
      JsonNode recs =
          json(
              s.get(
                  "/v1/companies/" + Fixtures.CONSENT2 + "/recommendations",
                  TestServer.PORTAL_KEY));
      assertThat(recs.get("opted_out").asBoolean()).isTrue();
      JsonNode again =
          json(
              s.post(
                  "/v1/events",
                  TestServer.PORTAL_KEY,
                  event("r-1", Fixtures.CONSENT2, null, "opt_out")));
      assertThat(again.get("duplicates").asInt()).isEqualTo(1);
    }
  }

  @Test
  void aPartialLineLeftByACrashIsDroppedAndTheSegmentSealed() throws IOException {
    Path dir = Files.createDirectories(lake.resolve("_landing/events"));
    Path open = dir.resolve("events-20261120T000000000-1-0" + EventLog.OPEN_SUFFIX);
    Files.writeString(
        open,
        event("k-1", Fixtures.CONSENT2, null, "opt_out") + "\n{\"event_id\": \"k-2\", \"corpo");
    try (TestServer s = TestServer.start(lake, conf)) {
      assertThat(
              json(s.get(
                      "/v1/companies/" + Fixtures.CONSENT2 + "/recommendations",
                      TestServer.PORTAL_KEY))
                  .get("opted_out")
                  .asBoolean())
          .isTrue();
      assertThat(Files.exists(open)).isFalse();
      assertThat(landingFiles()).contains("events-20261120T000000000-1-0" + EventLog.SEALED_SUFFIX);
      // k-2 was never acknowledged: a retry is accepted, k-1 is a duplicate.
      JsonNode retry =
          json(
              s.post(
                  "/v1/events",
                  TestServer.PORTAL_KEY,
                  "["
                      + event("k-1", Fixtures.CONSENT2, null, "opt_out")
                      + ","
                      + event("k-2", Fixtures.MAKER, "monozukuri-21", "click")
                      + "]"));
      assertThat(retry.get("accepted").asInt()).isEqualTo(1);
      assertThat(retry.get("duplicates").asInt()).isEqualTo(1);
    }
    assertThat(landed()).extracting(n -> n.get("event_id").asText()).containsExactly("k-1", "k-2");
  }
}
