package org.policyreach.serving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyreach.serving.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;
import org.policyreach.serving.http.ApiHandler;

class RecommendationsTest {
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

  private static HttpResponse<String> recs(String cn, String query) {
    return server.get(
        "/v1/companies/"
            + URLEncoder.encode(cn, StandardCharsets.UTF_8).replace("+", "%20")
            + "/recommendations"
            + query,
        TestServer.PORTAL_KEY);
  }

  @Test
  void aKnownFirmGetsItsPublishedTopKWithReasonsAndDeadlines() {
    HttpResponse<String> res = recs(Fixtures.MAKER, "");
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.headers().firstValue(ApiHandler.PUBLICATION_HEADER)).hasValue(Fixtures.PUB1);
    JsonNode body = json(res);
    assertThat(body.get("corporate_number").asText()).isEqualTo(Fixtures.MAKER);
    assertThat(body.get("publication").asText()).isEqualTo(Fixtures.PUB1);
    assertThat(body.get("source").asText()).isEqualTo("snapshot");
    assertThat(body.get("opted_out").asBoolean()).isFalse();
    JsonNode list = body.get("recommendations");
    // monozukuri-20 closed on 2025-10-24: dropped, the rest re-ranked.
    assertThat(list).hasSize(2);
    JsonNode first = list.get(0);
    assertThat(first.get("program_id").asText()).isEqualTo("monozukuri-21");
    assertThat(first.get("name").asText()).contains("ものづくり補助金");
    assertThat(first.get("score").asDouble()).isEqualTo(0.81);
    assertThat(first.get("rank").asInt()).isEqualTo(1);
    assertThat(first.get("reasons").get(0).get("code").asText()).isEqualTo("NEED_MATCH");
    assertThat(first.get("reasons").get(0).get("message").asText()).contains("設備投資");
    assertThat(first.get("deadline").asText()).isEqualTo("2026-12-18");
    assertThat(first.get("days_left").asInt()).isEqualTo(28);
    assertThat(first.get("url").asText()).startsWith("https://");
    assertThat(list.get(1).get("program_id").asText()).isEqualTo("smart-factory-2026");
    assertThat(list.get(1).get("rank").asInt()).isEqualTo(2);
  }

  @Test
  void limitCutsTheList() {
    assertThat(json(recs(Fixtures.MAKER, "?limit=1")).get("recommendations")).hasSize(1);
    HttpResponse<String> tooMany = recs(Fixtures.MAKER, "?limit=500");
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(json(tooMany).at("/error/message").asText()).contains("1 to 50");
  }

  @Test
  void anyCommonFormOfTheNumberIsAccepted() {
    String hyphenated =
        Fixtures.MAKER.charAt(0)
            + "-"
            + Fixtures.MAKER.substring(1, 5)
            + "-"
            + Fixtures.MAKER.substring(5, 9)
            + "-"
            + Fixtures.MAKER.substring(9);
    StringBuilder fullWidth = new StringBuilder();
    for (char c : Fixtures.MAKER.toCharArray()) {
      fullWidth.append((char) ('０' + (c - '0')));
    }
    for (String form : List.of(hyphenated, fullWidth.toString(), " " + Fixtures.MAKER)) {
      HttpResponse<String> res = recs(form, "");
      assertThat(res.statusCode()).as(form + res.body()).isEqualTo(200);
      assertThat(json(res).get("corporate_number").asText()).isEqualTo(Fixtures.MAKER);
    }
  }

  @Test
  void anInvalidNumberIs400WithCoresMessage() {
    String wrongCheck =
        (char) ('0' + ((Fixtures.MAKER.charAt(0) - '0') % 9 + 1)) + Fixtures.MAKER.substring(1);
    HttpResponse<String> res = recs(wrongCheck, "");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(json(res).at("/error/code").asText()).isEqualTo("INVALID_CORPORATE_NUMBER");
    assertThat(json(res).at("/error/message").asText()).contains("check digit");
    assertThat(json(recs("12345", "")).at("/error/message").asText()).contains("13");
  }

  @Test
  void aValidUnknownNumberIs404FirmUnknown() {
    HttpResponse<String> res = recs(Fixtures.UNKNOWN, "");
    assertThat(res.statusCode()).isEqualTo(404);
    assertThat(json(res).at("/error/code").asText()).isEqualTo("FIRM_UNKNOWN");
    assertThat(json(res).at("/error/message").asText()).contains("jsic").contains(Fixtures.PUB1);
  }

  @Test
  void aNewFirmWithAttributesGetsRulesAndPeersRecommendations() {
    HttpResponse<String> res =
        recs(
            Fixtures.UNKNOWN,
            "?jsic=E&prefecture=13&employees=40&capital_yen=20000000&established=2010-04-01");
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode body = json(res);
    assertThat(body.get("source").asText()).isEqualTo("cold_start");
    List<String> programs = new ArrayList<>();
    body.get("recommendations").forEach(r -> programs.add(r.get("program_id").asText()));
    assertThat(programs).isNotEmpty();
    // smart-factory-2026 is for manufacturing (E) SMEs: eligible; sogyo-tokyo is for 東京 SMEs.
    assertThat(programs).doesNotContain("monozukuri-20");
    body.get("recommendations")
        .forEach(
            r -> {
              assertThat(r.get("days_left").asInt()).isNotNegative();
              assertThat(r.get("reasons").isArray()).isTrue();
            });

    // The prefecture rule of sogyo-tokyo-2026-r2 (東京 only) keeps it from an 大阪 firm.
    JsonNode osaka =
        json(recs(Fixtures.UNKNOWN, "?jsic=製造業&prefecture=大阪府&size_class=sme&limit=50"));
    osaka
        .get("recommendations")
        .forEach(r -> assertThat(r.get("program_id").asText()).isNotEqualTo("sogyo-tokyo-2026-r2"));
    // A large firm gets no SME-only program.
    JsonNode large =
        json(recs(Fixtures.UNKNOWN, "?jsic=E&prefecture=13&size_class=large&limit=50"));
    large
        .get("recommendations")
        .forEach(r -> assertThat(r.get("program_id").asText()).doesNotStartWith("monozukuri"));
  }

  @Test
  void newFirmAttributesAreValidated() {
    HttpResponse<String> res = recs(Fixtures.UNKNOWN, "?jsic=E&prefecture=99");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(json(res).at("/error/code").asText()).isEqualTo("INVALID_PARAMETER");
    HttpResponse<String> contradiction =
        recs(
            Fixtures.UNKNOWN,
            "?jsic=E&prefecture=13&size_class=large&employees=3&capital_yen=1000000");
    assertThat(contradiction.statusCode()).isEqualTo(400);
    assertThat(json(contradiction).at("/error/message").asText()).contains("contradicts");
    HttpResponse<String> partial = recs(Fixtures.UNKNOWN, "?size_class=sme");
    assertThat(partial.statusCode()).isEqualTo(400);
    assertThat(json(partial).at("/error/message").asText()).contains("prefecture");
  }

  @Test
  void aFirmThatOptedOutInTheBuildGetsAnEmptyList() {
    JsonNode body = json(recs(Fixtures.OPTED_OUT, ""));
    assertThat(body.get("opted_out").asBoolean()).isTrue();
    assertThat(body.get("recommendations")).isEmpty();
  }

  @Test
  void batchAnswersEachFirmInOrderWithItsOwnStatus() {
    String body =
        "{\"corporate_numbers\": [\""
            + Fixtures.MAKER
            + "\", \"123\", \""
            + Fixtures.UNKNOWN
            + "\", \""
            + Fixtures.OPTED_OUT
            + "\"], \"limit\": 1}";
    HttpResponse<String> res =
        server.post("/v1/recommendations/batch", TestServer.OFFICER_KEY, body);
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode results = json(res).get("results");
    assertThat(json(res).get("publication").asText()).isEqualTo(Fixtures.PUB1);
    assertThat(results).hasSize(4);
    assertThat(results.get(0).get("status").asInt()).isEqualTo(200);
    assertThat(results.get(0).get("recommendations")).hasSize(1);
    assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
    assertThat(results.get(1).at("/error/code").asText()).isEqualTo("INVALID_CORPORATE_NUMBER");
    assertThat(results.get(2).get("status").asInt()).isEqualTo(404);
    assertThat(results.get(2).at("/error/code").asText()).isEqualTo("FIRM_UNKNOWN");
    assertThat(results.get(3).get("opted_out").asBoolean()).isTrue();
  }

  @Test
  void batchOverTheLimitIsRefused() {
    StringBuilder sb = new StringBuilder("{\"corporate_numbers\": [");
    for (int i = 0; i < RecommendationsApi.MAX_BATCH_FIRMS + 1; i++) {
      sb.append(i == 0 ? "" : ",").append('"').append(Fixtures.MAKER).append('"');
    }
    sb.append("]}");
    HttpResponse<String> res =
        server.post("/v1/recommendations/batch", TestServer.PORTAL_KEY, sb.toString());
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(json(res).at("/error/code").asText()).isEqualTo("BATCH_TOO_LARGE");
    HttpResponse<String> missing =
        server.post("/v1/recommendations/batch", TestServer.PORTAL_KEY, "{}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).at("/error/code").asText()).isEqualTo("MISSING_FIELD");
  }

  @Test
  void batchWithANullEntryIsRefusedAsAWhole() {
    HttpResponse<String> res =
        server.post(
            "/v1/recommendations/batch",
            TestServer.PORTAL_KEY,
            "{\"corporate_numbers\": [\"" + Fixtures.MAKER + "\", null]}");
    assertThat(res.statusCode()).isEqualTo(400);
    assertThat(json(res).at("/error/code").asText()).isEqualTo("INVALID_FIELD");
    assertThat(json(res).at("/error/message").asText()).contains("$.corporate_numbers[1]");
  }
}
