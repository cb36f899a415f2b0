package org.policyreach.serving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyreach.serving.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;
import org.policyreach.serving.fixture.GoldFixture.Firm;

/**
 * {@code GET /v1/segments} with two published builds: each segment carries its unreached share and
 * the previous publication's figures, read at that publication's own table versions.
 */
class SegmentTrendTest {
  @TempDir static Path lake;
  @TempDir static Path confDir;
  @TempDir static Path republished;
  static TestServer server;

  @BeforeAll
  static void start() {
    GoldFixture gold = new GoldFixture(lake);
    // pub-000001: the standard build (seg-mfg-sme 1,200 firms, 65 % unreached; the cluster's
    // reach cells suppressed).
    Fixtures.publishStandard(gold);
    // A re-run of build-1 that was never published: its rows must not leak into "previous".
    gold.build("build-1")
        .firm(Firm.of(Fixtures.MAKER, "再実行", "13", "E", "29", "sme", 1L, 1, null))
        .recommendation(Fixtures.MAKER, "monozukuri-21", 1, 0.5, LocalDate.of(2026, 12, 18))
        .segment("seg-mfg-sme", "rule", "製造業・中小企業", "Manufacturing SMEs", 9_999)
        .reportCell("seg-mfg-sme", "reach", "reached", "unreached", 9_000L, 0.9, false)
        .write();
    // pub-000002: build-2. seg-mfg-sme grew and is less unreached; the cluster shrank; a new
    // rule segment appears.
    gold.build("build-2")
        .asOf(LocalDate.of(2026, 11, 26))
        .firm(Firm.of(Fixtures.MAKER, "株式会社テスト製作所", "13", "E", "29", "sme", 1L, 45, null))
        .recommendation(Fixtures.MAKER, "monozukuri-21", 1, 0.8, LocalDate.of(2026, 12, 18))
        .segment("seg-mfg-sme", "rule", "製造業・中小企業", "Manufacturing SMEs", 1_300)
        .segment("seg-cluster-1", "cluster", "設備投資志向", "Equipment-minded", 760)
        .segment("seg-new", "rule", "新しいセグメント", "New segment", 50)
        .segment("seg-tiny", "rule", "小さなセグメント", "Tiny segment", 7)
        .reportCell("seg-mfg-sme", "reach", "reached", "reached", 520L, 0.4, false)
        .reportCell("seg-mfg-sme", "reach", "reached", "unreached", 780L, 0.6, false)
        .reportCell("seg-cluster-1", "reach", "reached", "reached", 760L, 1.0, false)
        .reportCell("seg-new", "reach", "reached", "unreached", 50L, 1.0, false)
        .members("seg-mfg-sme", Fixtures.MAKER)
        .publish(Fixtures.PUB2, Fixtures.PUB2_AT);
    server = TestServer.start(lake, TestServer.conf(confDir));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Map<String, JsonNode> byId(JsonNode list) {
    Map<String, JsonNode> out = new HashMap<>();
    list.get("segments").forEach(s -> out.put(s.get("segment_id").asText(), s));
    return out;
  }

  @Test
  void eachSegmentCarriesItsUnreachedShareAndThePreviousBuildsFigures() {
    JsonNode list = json(server.get("/v1/segments", TestServer.OFFICER_KEY));
    assertThat(list.get("publication").asText()).isEqualTo(Fixtures.PUB2);
    assertThat(list.get("build_id").asText()).isEqualTo("build-2");
    assertThat(list.at("/previous_publication/publication").asText()).isEqualTo(Fixtures.PUB1);
    assertThat(list.at("/previous_publication/build_id").asText()).isEqualTo("build-1");
    assertThat(list.at("/previous_publication/as_of").asText()).isEqualTo("2026-11-19");
    Map<String, JsonNode> segs = byId(list);
    assertThat(segs).containsOnlyKeys("seg-mfg-sme", "seg-cluster-1", "seg-new", "seg-tiny");

    JsonNode mfg = segs.get("seg-mfg-sme");
    assertThat(mfg.get("size").asLong()).isEqualTo(1_300);
    assertThat(mfg.get("unreached_share").asDouble()).isEqualTo(0.6);
    // The published figures of build-1 (pub-000001's versions), not the unpublished re-run's.
    assertThat(mfg.at("/previous/publication").asText()).isEqualTo(Fixtures.PUB1);
    assertThat(mfg.at("/previous/build_id").asText()).isEqualTo("build-1");
    assertThat(mfg.at("/previous/size").asLong()).isEqualTo(1_200);
    assertThat(mfg.at("/previous/unreached_share").asDouble()).isEqualTo(0.65);
    assertThat(mfg.at("/previous/label_ja").asText()).isEqualTo("製造業・中小企業");

    JsonNode cluster = segs.get("seg-cluster-1");
    // Only the reached cell: nobody unreached.
    assertThat(cluster.get("unreached_share").asDouble()).isZero();
    assertThat(cluster.at("/previous/size").asLong()).isEqualTo(800);
    // Suppressed in build-1: present, but null.
    assertThat(cluster.get("previous").has("unreached_share")).isTrue();
    assertThat(cluster.at("/previous/unreached_share").isNull()).isTrue();

    // Fewer firms than report.min_cell (10): the size is suppressed like the report's size cell.
    JsonNode tiny = segs.get("seg-tiny");
    assertThat(tiny.get("size").isNull()).isTrue();
    assertThat(tiny.get("size_suppressed").asBoolean()).isTrue();
    assertThat(mfg.get("size_suppressed").asBoolean()).isFalse();

    JsonNode added = segs.get("seg-new");
    assertThat(added.get("unreached_share").asDouble()).isEqualTo(1.0);
    assertThat(added.get("previous").isNull()).isTrue();
  }

  @Test
  void theSegmentReportCarriesTheSameTrend() {
    JsonNode report = json(server.get("/v1/segments/seg-mfg-sme", TestServer.OFFICER_KEY));
    assertThat(report.at("/segment/unreached_share").asDouble()).isEqualTo(0.6);
    assertThat(report.at("/segment/previous/size").asLong()).isEqualTo(1_200);
    assertThat(report.at("/segment/previous/unreached_share").asDouble()).isEqualTo(0.65);
  }

  @Test
  void republishingTheSameBuildKeepsTheEarlierBuildAsPrevious() throws Exception {
    try (TestServer second = startAfterRepublish()) {
      JsonNode list = json(second.get("/v1/segments", TestServer.OFFICER_KEY));
      assertThat(list.get("publication").asText()).isEqualTo("pub-000003");
      assertThat(list.at("/previous_publication/publication").asText()).isEqualTo(Fixtures.PUB1);
      assertThat(byId(list).get("seg-mfg-sme").at("/previous/size").asLong()).isEqualTo(1_200);
    }
  }

  /** pub-000003 publishes build-2 again (same versions): "previous" must skip pub-000002. */
  private static TestServer startAfterRepublish() throws Exception {
    Path other = republished.resolve("lake");
    copy(lake, other);
    GoldFixture gold = new GoldFixture(other);
    Map<String, Long> versions = new HashMap<>();
    for (String t :
        new String[] {
          "gold.firm_profiles",
          "gold.recommendations",
          "gold.program_targets",
          "gold.segments",
          "gold.segment_reports",
          "gold.segment_membership"
        }) {
      versions.put(t, 2L);
    }
    gold.publishRow(
        "pub-000003",
        "build-2",
        LocalDate.of(2026, 11, 26),
        Instant.parse("2026-11-20T06:00:00Z"),
        versions);
    return TestServer.start(other, TestServer.conf(confDir.resolve("republish")));
  }

  private static void copy(Path from, Path to) throws java.io.IOException {
    try (var files = java.nio.file.Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (java.nio.file.Files.isDirectory(f)) {
          java.nio.file.Files.createDirectories(target);
        } else {
          java.nio.file.Files.copy(f, target);
        }
      }
    }
  }
}
