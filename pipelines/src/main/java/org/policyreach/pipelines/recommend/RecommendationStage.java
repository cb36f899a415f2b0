package org.policyreach.pipelines.recommend;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.policyreach.pipelines.build.BuildContext;
import org.policyreach.pipelines.build.BuildStage;
import org.policyreach.pipelines.build.GoldTables;
import org.policyreach.pipelines.build.StageOutput;

/**
 * Builds {@code gold.recommendations}: for every active firm that has not opted out, its top {@code
 * recommend.top_k} programs among those open or opening within {@code recommend.horizon_days} that
 * core's eligibility admits and the firm has neither won nor pending, ranked by a model trained on
 * the history (see {@link Recommender}), diversified per family, with Japanese reasons. Also
 * records the model's training metrics in {@code gold.model_metrics} and hands the ranker to the
 * targets stage.
 */
public final class RecommendationStage implements BuildStage {
  public static final String NAME = "recommendations";

  private final RankingRun.Handoff handoff;

  public RecommendationStage(RankingRun.Handoff handoff) {
    this.handoff = handoff;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageOutput run(BuildContext ctx) {
    Dataset<Row> profiles = ctx.dataset(BuildContext.PROFILES);
    RankingInputs inputs = RankingInputs.at(ctx, profiles);
    Recommender.Trained trained = Recommender.train(ctx, inputs);

    long t0 = System.nanoTime();
    Dataset<Row> rows =
        inputs
            .frame()
            .mapPartitions(
                new RecommendationRows(
                    Spark.broadcast(ctx.spark(), trained.ranker()),
                    inputs,
                    ctx.config().recommend().topK(),
                    trained.modelId(),
                    ctx.buildId()),
                Encoders.row(RecommendationTables.RECOMMENDATIONS_SCHEMA));
    long written = GoldTables.overwrite(ctx, RecommendationTables.RECOMMENDATIONS, rows);
    double scoringSeconds = (System.nanoTime() - t0) / 1e9;

    List<ModelMetricsTable.Metric> metrics =
        new ArrayList<>(
            ModelMetricsTable.of(trained.modelId(), trained.training().metrics(), null));
    metrics.add(
        new ModelMetricsTable.Metric(
            trained.modelId(), "label_days", ctx.config().ranker().labelDays(), null));
    if (trained.upliftModelId() != null) {
      metrics.addAll(
          ModelMetricsTable.of(trained.upliftModelId(), trained.uplift().metrics(), null));
    }
    long metricRows =
        ModelMetricsTable.replace(ctx.spark(), ctx.lakehouse(), ctx.buildId(), ctx.asOf(), metrics);
    handoff.put(
        new RankingRun(
            trained.ranker(),
            trained.modelId(),
            inputs,
            trained.uplift().model(),
            trained.upliftModelId()));

    Dataset<Row> firms =
        ctx.spark()
            .read()
            .format("delta")
            .load(ctx.lakehouse().path("gold", RecommendationTables.RECOMMENDATIONS))
            .select(FirmFrame.CN)
            .distinct();
    long firmsServed = firms.count();
    long unreached =
        firms
            .join(
                profiles.filter(col("reached").equalTo(false)),
                Spark.seq(FirmFrame.CN),
                "left_semi")
            .count();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("model_id", trained.modelId());
    details.put("peer_stats_id", trained.peerStatsId());
    details.put("candidate_programs", inputs.candidates().size());
    details.put("firms", firmsServed);
    details.put("unreached_firms", unreached);
    trained.training().metrics().forEach(details::put);
    details.put("targets_ranked_by", trained.rankedBy());
    details.put("uplift_model_id", trained.upliftModelId());
    details.put("uplift_history", trained.uplift().sizes());
    if (trained.uplift().shortfall() != null) {
      details.put("uplift_not_trained_because", trained.uplift().shortfall());
    }
    details.put("train_collect_seconds", round(trained.training().collectSeconds()));
    details.put("train_fit_seconds", round(trained.training().fitSeconds()));
    details.put("scoring_seconds", round(scoringSeconds));
    Map<String, Long> tables = new LinkedHashMap<>();
    tables.put("gold." + RecommendationTables.RECOMMENDATIONS, written);
    tables.put("gold." + RecommendationTables.MODEL_METRICS, metricRows);
    return new StageOutput(tables, details);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
