package org.policyreach.pipelines.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyreach.pipelines.recommend.GeneratedLakehouse;

class EvaluateJobTest {
  static GeneratedLakehouse data;
  static EvaluationResult result;

  @BeforeAll
  static void evaluate() {
    data = GeneratedLakehouse.shared();
    System.out.println("BUILD " + data.build().toJson());
    result =
        new EvaluateJob(data.spark(), data.lakehouse(), data.conf(), GeneratedLakehouse.CLOCK)
            .run(null);
    System.out.println("EVALUATE " + result.toJson());
  }

  @Test
  void defaultDateLeavesTheWholeHorizonInsideTheData() throws Exception {
    assertThat(result.asOf()).isEqualTo(GeneratedLakehouse.DATA_DATE.minusDays(180));
    assertThat(result.horizonComplete()).isTrue();
    JsonNode json = new ObjectMapper().readTree(result.toJson());
    assertThat(json.get("as_of").asText()).isEqualTo(LocalDate.parse("2026-05-30").toString());
    assertThat(json.get("horizon_days").asInt()).isEqualTo(180);
    for (String method : new String[] {"model", "popularity", "need_match"}) {
      assertThat(json.get(method).has("recall@5")).as(method).isTrue();
      assertThat(json.get(method).has("precision@5")).isTrue();
      assertThat(json.get(method).has("ndcg@5")).isTrue();
    }
  }

  @Test
  void modelBeatsBothBaselinesOnRecallAt5() {
    double model = result.metric("model", "recall@5");
    assertThat(model).isGreaterThan(result.metric("popularity", "recall@5"));
    assertThat(model).isGreaterThan(result.metric("need_match", "recall@5"));
  }
}
