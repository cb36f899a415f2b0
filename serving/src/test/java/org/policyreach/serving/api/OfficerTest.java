package org.policyreach.serving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyreach.serving.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;

class OfficerTest {
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

  private static List<String> cns(JsonNode body) {
    List<String> out = new ArrayList<>();
    body.get("targets").forEach(t -> out.add(t.get("corporate_number").asText()));
    return out;
  }

  @Test
  void programsListsTheCatalogWithTargetCounts() {
    JsonNode body = json(server.get("/v1/programs", TestServer.OFFICER_KEY));
    assertThat(body.get("publication").asText()).isEqualTo(Fixtures.PUB1);
    JsonNode mono = null;
    for (JsonNode p : body.get("programs")) {
      if (p.get("program_id").asText().equals("monozukuri-21")) {
        mono = p;
      }
    }
    assertThat(mono).isNotNull();
    assertThat(mono.get("open").asBoolean()).isTrue();
    assertThat(mono.get("targets").asInt()).isEqualTo(5);
    assertThat(mono.at("/eligibility/size_classes")).hasSize(2);
    assertThat(mono.get("required_attachments")).hasSize(4);
  }

  @Test
  void targetsLeaveOutHoldoutAndOptedOutFirmsAndFilter() {
    JsonNode all = json(server.get("/v1/programs/monozukuri-21/targets", TestServer.OFFICER_KEY));
    assertThat(cns(all)).containsExactly(Fixtures.MAKER, Fixtures.SHOP, Fixtures.CONSENT);
    assertThat(all.get("total").asInt()).isEqualTo(3);
    assertThat(all.at("/excluded/holdout").asInt()).isEqualTo(1);
    assertThat(all.at("/excluded/opted_out").asInt()).isEqualTo(1);
    JsonNode first = all.get("targets").get(0);
    assertThat(first.get("name").asText()).isEqualTo("株式会社テスト製作所");
    assertThat(first.get("prefecture").asText()).isEqualTo("東京都");
    assertThat(first.get("reasons").get(0).get("code").asText()).isEqualTo("NEED_MATCH");
    // ranks in the list shown: no gap where the opted-out (3rd) and holdout (4th) firms were
    assertThat(all.get("targets").findValuesAsText("rank")).containsExactly("1", "2", "3");

    assertThat(
            cns(
                json(
                    server.get(
                        "/v1/programs/monozukuri-21/targets?prefecture=27",
                        TestServer.OFFICER_KEY))))
        .containsExactly(Fixtures.SHOP);
    assertThat(
            cns(
                json(
                    server.get(
                        "/v1/programs/monozukuri-21/targets?prefecture=%E5%A4%A7%E9%98%AA%E5%BA%9C",
                        TestServer.OFFICER_KEY))))
        .containsExactly(Fixtures.SHOP);
    assertThat(
            cns(
                json(
                    server.get(
                        "/v1/programs/monozukuri-21/targets?size_class=sme&reached=false",
                        TestServer.OFFICER_KEY))))
        .containsExactly(Fixtures.MAKER, Fixtures.CONSENT);
    // a filter keeps each firm's rank in the whole list
    assertThat(
            json(server.get(
                    "/v1/programs/monozukuri-21/targets?size_class=sme&reached=false",
                    TestServer.OFFICER_KEY))
                .get("targets")
                .findValuesAsText("rank"))
        .containsExactly("1", "3");
    JsonNode page =
        json(
            server.get(
                "/v1/programs/monozukuri-21/targets?offset=1&limit=1", TestServer.OFFICER_KEY));
    assertThat(cns(page)).containsExactly(Fixtures.SHOP);
    assertThat(page.get("total").asInt()).isEqualTo(3);

    HttpResponse<String> bad =
        server.get("/v1/programs/monozukuri-21/targets?reached=maybe", TestServer.OFFICER_KEY);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(server.get("/v1/programs/nope/targets", TestServer.OFFICER_KEY).statusCode())
        .isEqualTo(404);
  }

  @Test
  void targetsAsCsvHaveABomAJapaneseHeaderAndQuoting() {
    for (HttpResponse<byte[]> res :
        List.of(
            server.getBytes(
                "/v1/programs/monozukuri-21/targets", TestServer.OFFICER_KEY, "text/csv"),
            server.getBytes(
                "/v1/programs/monozukuri-21/targets?format=csv", TestServer.OFFICER_KEY, null))) {
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
      assertThat(res.headers().firstValue("Content-Disposition"))
          .hasValueSatisfying(v -> assertThat(v).contains("monozukuri-21"));
      byte[] b = res.body();
      assertThat(Arrays.copyOf(b, 3)).containsExactly(0xEF, 0xBB, 0xBF);
      String text = new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
      String[] lines = text.split("\r\n");
      assertThat(lines[0]).startsWith("順位,法人番号,法人名");
      assertThat(lines).hasSize(4);
      assertThat(lines[1]).startsWith("1," + Fixtures.MAKER + ",株式会社テスト製作所,13,東京都,中小企業,0.81,未,");
      assertThat(lines[2]).contains("\"株式会社大阪,商店\"");
    }
  }

  @Test
  void segmentsAndTheirReportsWithSuppressedCells() {
    JsonNode list = json(server.get("/v1/segments", TestServer.OFFICER_KEY));
    assertThat(list.get("segments")).hasSize(2);
    // One publication: no previous build to compare with.
    assertThat(list.get("previous_publication").isNull()).isTrue();
    for (JsonNode seg : list.get("segments")) {
      assertThat(seg.has("previous")).isTrue();
      assertThat(seg.get("previous").isNull()).isTrue();
      String id = seg.get("segment_id").asText();
      if (id.equals("seg-mfg-sme")) {
        assertThat(seg.get("unreached_share").asDouble()).isEqualTo(0.65);
      } else {
        // The cluster's reach cells are suppressed: no share is published.
        assertThat(seg.get("unreached_share").isNull()).as(id).isTrue();
      }
    }
    JsonNode report = json(server.get("/v1/segments/seg-mfg-sme", TestServer.OFFICER_KEY));
    assertThat(report.at("/segment/label_ja").asText()).isEqualTo("製造業・中小企業");
    assertThat(report.at("/segment/size").asLong()).isEqualTo(1200);
    JsonNode rows = report.get("report");
    assertThat(report.at("/segment/unreached_share").asDouble()).isEqualTo(0.65);
    assertThat(rows).hasSize(5);
    JsonNode suppressed = null;
    for (JsonNode r : rows) {
      if (r.get("key").asText().equals("rnd")) {
        suppressed = r;
      }
    }
    assertThat(suppressed).isNotNull();
    assertThat(suppressed.get("suppressed").asBoolean()).isTrue();
    assertThat(suppressed.get("count").isNull()).isTrue();
    assertThat(suppressed.get("value").isNull()).isTrue();
    HttpResponse<String> unknown = server.get("/v1/segments/nope", TestServer.OFFICER_KEY);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).at("/error/code").asText()).isEqualTo("SEGMENT_UNKNOWN");
  }
}
