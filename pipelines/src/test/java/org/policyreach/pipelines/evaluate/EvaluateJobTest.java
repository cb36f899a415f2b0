package org.policyreach.pipelines.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.models.registry.ModelKind;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.recommend.GeneratedLakehouse;
import org.policyreach.pipelines.recommend.ModelStore;
import org.policyreach.pipelines.recommend.ProgramSpec;

/**
 * Backtests on generated data. At data date − 180 days the catalog has only six programs open or
 * opening, so every method would list nearly all of them and the top-5 metrics saturate; the
 * default date therefore steps back week by week to the latest date with at least 2·K candidates
 * (2026-03-28, 12 programs). The ranking comparison also uses three quarterly origins (fixed by
 * rule — data date − 180 − 91·i — not chosen by their results), where 8–13 programs compete.
 */
class EvaluateJobTest {
  static final int ORIGINS = 3;

  static GeneratedLakehouse data;
  static EvaluationResult byDefault;
  static List<EvaluationResult> origins = new ArrayList<>();

  @BeforeAll
  static void evaluate() {
    data = GeneratedLakehouse.shared();
    data.build();
    // one job for all runs: they share the inputs of the dates they have in common
    try (EvaluateJob job =
        new EvaluateJob(data.spark(), data.lakehouse(), data.conf(), GeneratedLakehouse.CLOCK)) {
      byDefault = job.run(null);
      System.out.println("EVALUATE " + byDefault.toJson());
      for (int i = 1; i <= ORIGINS; i++) {
        EvaluationResult r = job.run(GeneratedLakehouse.DATA_DATE.minusDays(180 + 91L * i));
        System.out.println("EVALUATE " + r.toJson());
        origins.add(r);
      }
    }
  }

  @Test
  void defaultDateHasEnoughCandidatesWithinTheDataAndTheJsonHasTheContractKeys() throws Exception {
    assertThat(byDefault.asOf()).isEqualTo(LocalDate.parse("2026-03-28"));
    assertThat(byDefault.candidatePrograms()).isGreaterThanOrEqualTo(2 * EvaluateJob.K);
    assertThat(byDefault.horizonComplete()).isTrue();
    JsonNode json = new ObjectMapper().readTree(byDefault.toJson());
    assertThat(json.get("as_of").asText()).isEqualTo("2026-03-28");
    assertThat(json.get("horizon_days").asInt()).isEqualTo(180);
    for (String method : List.of("model", "popularity", "need_match")) {
      for (String metric :
          List.of("recall@5", "precision@5", "ndcg@5", "coverage@5", "unreached_applied@5")) {
        assertThat(json.get(method).get(metric).asDouble())
            .as("%s %s", method, metric)
            .isBetween(0.0, 1.0);
      }
    }
    assertThat(json.get("uplift").get("programs").isArray()).isTrue();
  }

  @Test
  void modelBeatsBothBaselinesOnRecallAt5() {
    double model = 0;
    double popularity = 0;
    double needMatch = 0;
    for (EvaluationResult r : origins) {
      assertThat(r.candidatePrograms()).isGreaterThan(EvaluateJob.K);
      assertThat(r.metric("model", "firms_evaluated")).isGreaterThan(200);
      assertThat(r.metric("model", "recall@5"))
          .as("model vs popularity as of %s", r.asOf())
          .isGreaterThan(r.metric("popularity", "recall@5"));
      model += r.metric("model", "recall@5") / ORIGINS;
      popularity += r.metric("popularity", "recall@5") / ORIGINS;
      needMatch += r.metric("need_match", "recall@5") / ORIGINS;
    }
    assertThat(model).isGreaterThan(popularity).isGreaterThan(needMatch);
  }

  @Test
  void modelBeatsBothBaselinesOnRecallAt5AtTheDefaultDate() {
    assertThat(byDefault.metric("model", "recall@5"))
        .isGreaterThan(byDefault.metric("popularity", "recall@5"))
        .isGreaterThan(byDefault.metric("need_match", "recall@5"));
  }

  @Test
  void theDefaultDateStepsBackToTheLatestWeekWithEnoughCandidates() {
    var programs =
        ProgramCatalog.load(
                ConfPaths.programsDir(data.conf()),
                NeedCatalog.load(ConfPaths.needsFile(data.conf())))
            .programs();
    LocalDate latest = GeneratedLakehouse.DATA_DATE.minusDays(180);
    LocalDate chosen = EvaluateJob.informativeDate(programs, latest, 60);
    assertThat(ProgramSpec.candidates(programs, chosen, 60))
        .hasSizeGreaterThanOrEqualTo(2 * EvaluateJob.K);
    for (LocalDate d = latest; d.isAfter(chosen); d = d.minusWeeks(1)) {
      assertThat(ProgramSpec.candidates(programs, d, 60))
          .as("candidates on %s", d)
          .hasSizeLessThan(2 * EvaluateJob.K);
    }
    assertThat(EvaluateJob.informativeDate(List.of(), latest, 60)).isEqualTo(latest);
    // A date that already qualifies is kept.
    assertThat(EvaluateJob.informativeDate(programs, chosen, 60)).isEqualTo(chosen);
  }

  @Test
  void metricsAreStoredPerMethodWithTheRegisteredModel() {
    List<Row> rows =
        data.table("gold", "model_metrics")
            .filter(col("build_id").equalTo(byDefault.evaluationId()))
            .collectAsList();
    assertThat(rows).hasSize((int) byDefault.metricRows());
    Map<String, Double> methods = new java.util.HashMap<>();
    for (Row r : rows) {
      assertThat(r.<String>getAs("model_id")).isEqualTo(byDefault.modelId());
      assertThat(r.<java.sql.Date>getAs("as_of").toLocalDate()).isEqualTo(byDefault.asOf());
      if (r.<String>getAs("metric").equals("recall@5")) {
        String baseline = r.getAs("baseline");
        methods.put(baseline == null ? "model" : baseline, r.getAs("value"));
      }
    }
    assertThat(methods)
        .containsEntry("model", byDefault.metric("model", "recall@5"))
        .containsEntry("popularity", byDefault.metric("popularity", "recall@5"))
        .containsEntry("need_match", byDefault.metric("need_match", "recall@5"));
    var artifact =
        ModelStore.open(data.spark(), data.lakehouse())
            .registry()
            .load(ModelKind.RANKER, byDefault.modelId());
    assertThat(artifact.training().dataTo()).isEqualTo(byDefault.asOf());
    assertThat(artifact.training().dataFrom()).isEqualTo(byDefault.asOf().minusDays(180 + 2 * 91));
  }

  @Test
  void aDateWithoutLaterDataIsBadInput() {
    EvaluateJob job =
        new EvaluateJob(data.spark(), data.lakehouse(), data.conf(), GeneratedLakehouse.CLOCK);
    assertThatThrownBy(() -> job.run(GeneratedLakehouse.DATA_DATE))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("nothing happened after it yet")
        .hasMessageContaining("default: 2026-03-28")
        .matches(e -> ((PipelineException) e).isBadInput());
  }
}
