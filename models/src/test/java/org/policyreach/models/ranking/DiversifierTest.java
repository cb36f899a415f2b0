package org.policyreach.models.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.policyreach.models.ModelException;
import org.policyreach.models.ranking.Diversifier.Candidate;

class DiversifierTest {

  @Test
  void keepsAtMostPerFamilyMaxOfAFamily() {
    List<Candidate> c =
        List.of(
            Candidate.of("a-2026", "a", Set.of("x"), 0.9),
            Candidate.of("a-2025", "a", Set.of("x"), 0.8),
            Candidate.of("b", "b", Set.of("y"), 0.7),
            Candidate.of("c", "c", Set.of("z"), 0.6));

    assertThat(Diversifier.defaults().select(c, 3))
        .extracting(Candidate::programId)
        .containsExactly("a-2026", "b", "c");
    assertThat(new Diversifier(2, 0).select(c, 3))
        .extracting(Candidate::programId)
        .containsExactly("a-2026", "a-2025", "b");
  }

  @Test
  void pushesDownProgramsWithTheSameNeedSet() {
    List<Candidate> c =
        List.of(
            Candidate.of("it-a", "it-a", Set.of("digital", "sales"), 0.9),
            Candidate.of("it-b", "it-b", Set.of("sales", "digital"), 0.85),
            Candidate.of("save", "save", Set.of("energy"), 0.5),
            Candidate.of("none", "none", Set.of(), 0.4),
            Candidate.of("none2", "none2", Set.of(), 0.39));

    // it-b's 0.85 halves to 0.425 < 0.5; programs without needs are never duplicates
    assertThat(Diversifier.defaults().select(c, 5))
        .extracting(Candidate::programId)
        .containsExactly("it-a", "save", "it-b", "none", "none2");
    assertThat(new Diversifier(1, 0).select(c, 2))
        .extracting(Candidate::programId)
        .containsExactly("it-a", "it-b");
  }

  @Test
  void returnsFewerWhenTheCapLeavesFewerAndRejectsBadSettings() {
    List<Candidate> c =
        List.of(Candidate.of("a1", "a", Set.of(), 0.9), Candidate.of("a2", "a", Set.of(), 0.8));
    assertThat(Diversifier.defaults().select(c, 10)).hasSize(1);
    assertThatThrownBy(() -> new Diversifier(0, 0.5))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Cannot configure diversifier: perFamilyMax (0) must be ≥ 1 and duplicatePenalty (0.5) in [0, 1]");
  }

  @Property(tries = 300)
  void neverExceedsTheFamilyCap(
      @ForAll @IntRange(min = 0, max = 40) int n,
      @ForAll @IntRange(min = 1, max = 3) int cap,
      @ForAll @IntRange(min = 0, max = 15) int k,
      @ForAll long seed) {
    java.util.Random r = new java.util.Random(seed);
    List<Candidate> c = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      c.add(Candidate.of("p" + i, "f" + r.nextInt(5), Set.of("n" + r.nextInt(3)), r.nextDouble()));
    }
    List<Candidate> chosen = new Diversifier(cap, 0.5).select(c, k);

    Map<String, Integer> perFamily = new HashMap<>();
    chosen.forEach(x -> perFamily.merge(x.family(), 1, Integer::sum));
    assertThat(perFamily.values()).allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(cap));
    assertThat(chosen).doesNotHaveDuplicates().isSubsetOf(c);
    Map<String, Integer> available = new HashMap<>();
    c.forEach(x -> available.merge(x.family(), 1, Integer::sum));
    int feasible = available.values().stream().mapToInt(v -> Math.min(v, cap)).sum();
    assertThat(chosen).hasSize(Math.min(k, feasible));
  }
}
