package org.policyreach.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.policyreach.models.ModelException;

class RankingMetricsTest {
  static final double LOG2_3 = Math.log(3) / Math.log(2);

  @Test
  void handComputedListWithoutTies() {
    List<String> ranked = List.of("a", "b", "c", "d", "e");
    Set<String> relevant = Set.of("b", "e", "x");

    assertThat(RankingMetrics.precisionAt(ranked, relevant, 3)).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(RankingMetrics.recallAt(ranked, relevant, 3)).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(RankingMetrics.recallAt(ranked, relevant, 5)).isCloseTo(2 / 3.0, within(1e-12));
    double idcg3 = 1 + 1 / LOG2_3 + 0.5;
    List<ScoredItem> scored =
        List.of(
            new ScoredItem("a", 5),
            new ScoredItem("b", 4),
            new ScoredItem("c", 3),
            new ScoredItem("d", 2),
            new ScoredItem("e", 1));
    assertThat(RankingMetrics.ndcgAt(scored, relevant, 3))
        .isCloseTo((1 / LOG2_3) / idcg3, within(1e-12));
    // a list shorter than k still divides precision by k
    assertThat(RankingMetrics.precisionAt(List.of("b"), relevant, 5)).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void tiedItemsShareTheirPositionsGains() {
    List<ScoredItem> ranked =
        List.of(
            new ScoredItem("a", 0.9),
            new ScoredItem("b", 0.5),
            new ScoredItem("c", 0.5),
            new ScoredItem("d", 0.1));
    Set<String> relevant = Set.of("c");

    // c is at position 2 or 3 with equal chance: the expectation of both orders
    double cSecond = 1 / LOG2_3;
    double cThird = 1 / 2.0;
    assertThat(RankingMetrics.ndcgAt(ranked, relevant, 3))
        .isCloseTo((cSecond + cThird) / 2, within(1e-12));
    // with k = 2 only position 2 counts: half a hit
    assertThat(RankingMetrics.ndcgAt(ranked, relevant, 2)).isCloseTo(0.5 / LOG2_3, within(1e-12));
    RankingMetrics.Result r =
        RankingMetrics.evaluate(Map.of("u", ranked), Map.of("u", relevant), 2, 4);
    assertThat(r.precision()).isCloseTo(0.25, within(1e-12));
    assertThat(r.recall()).isCloseTo(0.5, within(1e-12));
    assertThat(r.hitRate()).isEqualTo(1.0);

    List<ScoredItem> allTied =
        List.of(new ScoredItem("a", 1), new ScoredItem("b", 1), new ScoredItem("c", 1));
    assertThat(
            RankingMetrics.evaluate(Map.of("u", allTied), Map.of("u", Set.of("a")), 1, 3)
                .precision())
        .isCloseTo(1 / 3.0, within(1e-12));
  }

  @Test
  void averagesPerUserAndSkipsUsersWithNothingRelevant() {
    Map<String, List<String>> ranked = new LinkedHashMap<>();
    ranked.put("u1", List.of("a", "b", "c"));
    ranked.put("u2", List.of("c", "d"));
    ranked.put("u4", List.of("a"));
    Map<String, Set<String>> relevant = new LinkedHashMap<>();
    relevant.put("u1", Set.of("b"));
    relevant.put("u2", Set.of());
    relevant.put("u3", Set.of("a")); // applied but got no list: counts as zeros

    RankingMetrics.Result r = RankingMetrics.evaluateLists(ranked, relevant, 2, 5);

    assertThat(r.usersEvaluated()).isEqualTo(2);
    assertThat(r.usersWithoutRelevant()).isEqualTo(2);
    assertThat(r.precision()).isCloseTo(0.25, within(1e-12));
    assertThat(r.recall()).isCloseTo(0.5, within(1e-12));
    assertThat(r.ndcg()).isCloseTo((1 / LOG2_3) / 2, within(1e-12));
    assertThat(r.hitRate()).isCloseTo(0.5, within(1e-12));
    assertThat(r.coverage()).isCloseTo(0.8, within(1e-12));
    assertThat(r.asMap()).containsKeys("recall@2", "precision@2", "ndcg@2", "coverage@2");
  }

  @Test
  void emptyRelevantSetsGiveZeroAndNoUsersGiveZeroAverages() {
    assertThat(RankingMetrics.recallAt(List.of("a"), Set.of(), 5)).isZero();
    assertThat(RankingMetrics.ndcgAt(List.of(new ScoredItem("a", 1)), Set.of(), 5)).isZero();
    RankingMetrics.Result none =
        RankingMetrics.evaluateLists(Map.of("u", List.of("a")), Map.of("u", Set.of()), 5, 10);
    assertThat(none.usersEvaluated()).isZero();
    assertThat(none.recall()).isZero();
    assertThat(none.coverage()).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> RankingMetrics.precisionAt(List.of("a"), Set.of(), 0))
        .isInstanceOf(ModelException.class)
        .hasMessage("Cannot compute ranking metrics: k must be ≥ 1, got 0");
    assertThatThrownBy(() -> RankingMetrics.precisionAt(List.of("a", "a"), Set.of("a"), 2))
        .hasMessage("Cannot compute ranking metrics: item a appears twice in a list");
  }
}
