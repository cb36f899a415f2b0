package org.policyreach.pipelines.recommend;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.models.ranking.RankingModel;
import org.policyreach.models.registry.ModelArtifact;
import org.policyreach.models.registry.ModelKind;
import org.policyreach.pipelines.build.BuildResult;

/** The recommendations stage of the shared build from generated data. */
class RecommendationStageTest {
  static GeneratedLakehouse data;
  static BuildResult build;
  static List<Row> recs;

  @BeforeAll
  static void build() {
    data = GeneratedLakehouse.shared();
    build = data.build();
    recs = data.table("gold", "recommendations").collectAsList();
  }

  @Test
  void stagesRunAfterProfilesAndPublishIsLast() {
    assertThat(build.stages())
        .extracting(BuildResult.StageResult::name)
        .containsExactly("profiles", "recommendations", "targets", "publish");
    assertThat(build.rows())
        .containsKeys("gold.recommendations", "gold.program_targets", "gold.model_metrics");
  }

  @Test
  void theModelIsRegisteredWithItsTrainingWindowAndMetrics() {
    String modelId = recs.get(0).getAs("model_id");
    assertThat(recs).allMatch(r -> modelId.equals(r.getAs("model_id")));
    ModelArtifact<RankingModel> artifact =
        ModelStore.open(data.spark(), data.lakehouse()).registry().load(ModelKind.RANKER, modelId);
    assertThat(artifact.training().dataTo()).isEqualTo(build.asOf());
    assertThat(artifact.training().dataFrom()).isEqualTo(build.asOf().minusDays(180 + 2 * 91));
    assertThat(artifact.training().sampleSizes()).containsEntry("origins", 3L);
    assertThat(artifact.metrics().get("validation_auc")).isGreaterThan(0.75);
    Map<String, Double> stored = new HashMap<>();
    for (Row r :
        data.table("gold", "model_metrics")
            .filter(col("build_id").equalTo(build.buildId()))
            .collectAsList()) {
      assertThat(r.<String>getAs("model_id")).isEqualTo(modelId);
      assertThat(r.<String>getAs("baseline")).isNull();
      stored.put(r.getAs("metric"), r.getAs("value"));
    }
    assertThat(stored).containsEntry("validation_auc", artifact.metrics().get("validation_auc"));
    assertThat(stored).containsKeys("train_auc", "train_rows", "train_positives");
  }

  @Test
  void almostEveryActiveFirmGetsAFullListWithReasons() {
    long firms = data.table("gold", "firm_profiles").count();
    long listed = recs.stream().map(r -> r.<String>getAs("corporate_number")).distinct().count();
    assertThat((double) listed / firms).isGreaterThan(0.9);
    long withReasons =
        recs.stream().filter(r -> !r.getList(r.fieldIndex("reasons")).isEmpty()).count();
    assertThat((double) withReasons / recs.size()).isGreaterThan(0.95);
    var details =
        build.stages().stream()
            .filter(s -> s.name().equals(RecommendationStage.NAME))
            .findFirst()
            .orElseThrow()
            .output()
            .details();
    assertThat(details.get("firms")).isEqualTo(listed);
    assertThat((Long) details.get("unreached_firms")).isPositive();
  }

  @Test
  void theConsoleSampleShowsOneFirmsTopFiveWithJapaneseReasons() {
    Map<String, String> names = new HashMap<>();
    for (Program p :
        ProgramCatalog.load(
                ConfPaths.programsDir(data.conf()),
                NeedCatalog.load(ConfPaths.needsFile(data.conf())))
            .programs()) {
      names.put(p.id(), p.name());
    }
    List<String> lines =
        RecommendationSample.lines(data.spark(), data.lakehouse(), build.buildId(), names)
            .orElseThrow();
    System.out.println(String.join("\n", lines));
    assertThat(lines.get(0)).startsWith("おすすめの例: ").contains("法人番号");
    assertThat(lines.stream().filter(l -> l.matches("  \\d\\. .*"))).hasSize(5);
    assertThat(lines.stream().filter(l -> l.startsWith("       ・"))).isNotEmpty();
    assertThat(String.join("\n", lines)).contains("締切").contains("あと");
  }
}
