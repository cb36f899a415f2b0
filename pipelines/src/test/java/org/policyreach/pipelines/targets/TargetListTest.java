package org.policyreach.pipelines.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.pipelines.build.BuildResult;
import org.policyreach.pipelines.recommend.GeneratedLakehouse;

/** The target lists of the shared build from generated data. */
class TargetListTest {
  static GeneratedLakehouse data;
  static BuildResult build;
  static PolicyReachConfig config;
  static List<Row> targets;

  @BeforeAll
  static void build() {
    data = GeneratedLakehouse.shared();
    build = data.build();
    config = PolicyReachConfig.load(data.conf());
    targets = data.table("gold", "program_targets").collectAsList();
  }

  @Test
  void holdoutIsTheSeededDrawAndItsShareIsWithinTolerance() {
    Holdout h = new Holdout(config.targets().holdoutShare(), config.targets().holdoutSeed());
    int held = 0;
    for (Row r : targets) {
      boolean expected = h.isHeldOut(r.getAs("program_id"), r.getAs("corporate_number"));
      assertThat(r.<Boolean>getAs("holdout")).isEqualTo(expected);
      held += expected ? 1 : 0;
    }
    double share = config.targets().holdoutShare();
    double sigma = Math.sqrt(share * (1 - share) / targets.size());
    assertThat((double) held / targets.size()).isCloseTo(share, Offset.offset(4 * sigma));
  }

  @Test
  void listsAreRankedByScoreWithTheNeverReachedPriorAndCounts() {
    // no campaign history in this data: no uplift model, so propensity × (1 + prior) if never
    // reached
    double prior = config.uplift().neverReachedPrior();
    java.util.function.ToDoubleFunction<Row> key =
        r -> r.<Double>getAs("score") * (r.<Boolean>getAs("reached") ? 1 : 1 + prior);
    Map<String, List<Row>> byProgram = new HashMap<>();
    for (Row r : targets) {
      byProgram.computeIfAbsent(r.getAs("program_id"), k -> new ArrayList<>()).add(r);
      assertThat(r.<String>getAs("build_id")).isEqualTo(build.buildId());
      assertThat(r.<java.sql.Date>getAs("as_of").toLocalDate()).isEqualTo(build.asOf());
      assertThat(r.<String>getAs("ranked_by")).isEqualTo("propensity_prior");
      assertThat(r.<Double>getAs("expected_uplift")).isNull();
    }
    for (List<Row> list : byProgram.values()) {
      list.sort((a, b) -> Integer.compare(a.getAs("rank"), b.getAs("rank")));
      for (int i = 0; i < list.size(); i++) {
        assertThat(list.get(i).<Integer>getAs("rank")).isEqualTo(i + 1);
        if (i > 0) {
          assertThat(key.applyAsDouble(list.get(i)))
              .isLessThanOrEqualTo(key.applyAsDouble(list.get(i - 1)));
        }
      }
    }
    var stage =
        build.stages().stream().filter(s -> s.name().equals(TargetStage.NAME)).findFirst().get();
    long unreachedNotified =
        targets.stream()
            .filter(r -> !r.<Boolean>getAs("holdout") && !r.<Boolean>getAs("reached"))
            .count();
    assertThat(stage.output().details().get("never_reached_notified")).isEqualTo(unreachedNotified);
    assertThat(unreachedNotified).isPositive();
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Long>> perProgram =
        (Map<String, Map<String, Long>>) stage.output().details().get("per_program");
    assertThat(perProgram.keySet()).isEqualTo(byProgram.keySet());
    byProgram.forEach(
        (program, list) -> {
          long holdout = list.stream().filter(r -> r.<Boolean>getAs("holdout")).count();
          assertThat(perProgram.get(program))
              .containsEntry("notify", list.size() - holdout)
              .containsEntry("holdout", holdout);
        });
    assertThat((Integer) stage.output().details().get("open_programs"))
        .isGreaterThanOrEqualTo(byProgram.size());
  }
}
