package org.policyreach.models.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.policyreach.models.ModelException;

class PeerStatsTest {

  /** 100 firms in four groups; 15 applied to "mono". */
  static PeerStats stats() {
    return PeerStats.builder(List.of("equipment"), PeerStats.Options.defaults())
        .addGroup(group("E", "small_scale", "13", 25, 10, 20))
        .addGroup(group("E", "small_scale", "27", 5, 0, 1))
        .addGroup(group("E", "sme", "13", 30, 3, 6))
        .addGroup(group("I", "small_scale", "13", 40, 2, 4))
        .build();
  }

  static PeerStats.GroupCounts group(
      String industry, String size, String region, long firms, long mono, double equipmentSum) {
    return new PeerStats.GroupCounts(
        new PeerKey(industry, size, region),
        firms,
        Map.of("mono", mono),
        Map.of("equipment", equipmentSum));
  }

  @Test
  void sharesAreShrunkTowardTheCoarserLevel() {
    PeerStats.PeerGroup g = stats().resolve(new PeerKey("E", "small_scale", "13"));
    double global = 15 / 100.0;
    double industry = (13 + 10 * global) / (60 + 10);
    double industrySize = (10 + 10 * industry) / (30 + 10);
    double finest = (10 + 10 * industrySize) / (25 + 10);

    PeerUptake uptake = g.uptake("mono");
    assertThat(uptake.share()).isCloseTo(finest, within(1e-12));
    assertThat(uptake.level()).isEqualTo(PeerLevel.INDUSTRY_SIZE_REGION);
    assertThat(uptake.peers()).isEqualTo(25);
    assertThat(g.share("mono")).isEqualTo(uptake.share());
    assertThat(g.popularity("mono")).isEqualTo(global);
    assertThat(g.uptake("never-applied").share()).isZero();
  }

  @Test
  void smallGroupsBackOffToTheFirstLevelWithEnoughFirms() {
    PeerStats s = stats();
    PeerUptake smallRegion = s.resolve(new PeerKey("E", "small_scale", "27")).uptake("mono");
    assertThat(smallRegion.level()).isEqualTo(PeerLevel.INDUSTRY_SIZE);
    assertThat(smallRegion.peers()).isEqualTo(30);

    PeerUptake unknownIndustry = s.resolve(new PeerKey("Z", null, "13")).uptake("mono");
    assertThat(unknownIndustry.level()).isEqualTo(PeerLevel.ALL);
    assertThat(unknownIndustry.share()).isEqualTo(0.15);
    assertThat(unknownIndustry.peers()).isEqualTo(100);
  }

  @Test
  void meanNeedScoresBackOffTheSameWay() {
    PeerStats.PeerGroup g = stats().resolve(new PeerKey("E", "small_scale", "13"));
    double global = 31 / 100.0;
    double industry = (27 + 10 * global) / 70;
    double industrySize = (21 + 10 * industry) / 40;
    double finest = (20 + 10 * industrySize) / 35;
    assertThat(g.meanNeedScores()).containsOnlyKeys("equipment");
    assertThat(g.meanNeedScore(0)).isCloseTo(finest, within(1e-12));
  }

  @Test
  void firmByFirmEqualsPreAggregatedCounts() {
    PeerStats.Builder byFirm =
        PeerStats.builder(List.of("equipment", "sales"), PeerStats.Options.defaults());
    PeerKey key = new PeerKey("E", "sme", "13");
    byFirm.addFirm(key, Map.of("equipment", 0.5), Set.of("mono", "it"));
    byFirm.addFirm(key, Map.of("equipment", 0.25, "sales", 1.0), List.of("mono", "mono"));
    byFirm.addFirm(key, Map.of(), Set.of());

    PeerStats aggregated =
        PeerStats.builder(List.of("equipment", "sales"), PeerStats.Options.defaults())
            .addGroup(
                new PeerStats.GroupCounts(
                    key, 3, Map.of("mono", 2L, "it", 1L), Map.of("equipment", 0.75, "sales", 1.0)))
            .build();
    assertThat(byFirm.build()).isEqualTo(aggregated);
    assertThat(aggregated.totalFirms()).isEqualTo(3);
  }

  @Test
  void rejectsInconsistentCounts() {
    assertThatThrownBy(() -> group("E", "sme", "13", 3, 4, 0))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Cannot count peers: group PeerKey[industry=E, sizeClass=sme, region=13]: 4 firms applied"
                + " to family mono but the group has 3 firms");
    PeerStats.Builder b = PeerStats.builder(List.of("equipment"), PeerStats.Options.defaults());
    assertThatThrownBy(() -> b.addFirm(Fixtures.MAKER_TOKYO, Map.of("energy", 1.0), Set.of()))
        .hasMessageContaining("has a score for unknown need energy; known needs are [equipment]");
  }
}
