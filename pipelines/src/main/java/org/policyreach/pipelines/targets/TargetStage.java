package org.policyreach.pipelines.targets;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.pipelines.build.BuildContext;
import org.policyreach.pipelines.build.BuildStage;
import org.policyreach.pipelines.build.GoldTables;
import org.policyreach.pipelines.build.StageOutput;
import org.policyreach.pipelines.recommend.FirmFrame;
import org.policyreach.pipelines.recommend.ProgramSpec;
import org.policyreach.pipelines.recommend.RankingRun;
import org.policyreach.pipelines.recommend.RecommendationTables;
import org.policyreach.pipelines.recommend.Spark;
import org.policyreach.pipelines.recommend.UpliftTraining;

/**
 * Builds {@code gold.program_targets}: for each program open on the build date, the firms to
 * notify, ranked by the same model and explained with the same reasons as the firms' own
 * recommendations.
 *
 * <ol>
 *   <li>Candidates: every eligible (firm, program) pair (core eligibility, not won or pending, firm
 *       not opted out).
 *   <li>Contact cap: a firm with {@code c} impressions in the last {@code
 *       targets.contact_window_days} days may appear in at most {@code targets.contact_cap − c}
 *       lists of this build — its best-scored programs; none once the cap is reached.
 *   <li>Each list keeps its {@code targets.max_per_program} best-scored firms (ties by number), of
 *       which at least {@code targets.never_reached_share} (default one half) are firms that never
 *       applied, where that many are eligible ({@link NeverReachedReserve}); ranked by score.
 *   <li>Holdout: a seeded share ({@code targets.holdout_share}) of each list is flagged {@code
 *       holdout = true}: kept for measurement, not notified (see {@link Holdout}).
 * </ol>
 *
 * The table keeps every build's lists (they are the record of who was notified and who was held
 * out, which {@code evaluate} reads to measure uplift); a re-run of a build id replaces its rows.
 */
public final class TargetStage implements BuildStage {
  public static final String NAME = "targets";

  private final RankingRun.Handoff handoff;

  public TargetStage(RankingRun.Handoff handoff) {
    this.handoff = handoff;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageOutput run(BuildContext ctx) {
    RankingRun run = handoff.take(NAME);
    try {
      return build(ctx, run);
    } finally {
      handoff.release();
    }
  }

  /**
   * The list cut: per program, the firms ranked by score (ties by number), at most {@code max} of
   * them with {@link NeverReachedReserve#reserved} places kept for never-reached firms ({@code
   * reached = false}) where there are that many — {@link NeverReachedReserve#pick} with window
   * functions — ranked 1..n by score. Adds {@code rank} and {@code reserved} (the firm holds a
   * reserved place).
   */
  static Dataset<Row> cut(Dataset<Row> eligible, int max, double share) {
    int reserve = NeverReachedReserve.reserved(max, share);
    Column byScore = col("rank_score").desc();
    Column neverReached = coalesce(col("reached").equalTo(false), lit(false));
    return eligible
        .withColumn("never_reached_", neverReached)
        .withColumn(
            "group_rank",
            row_number()
                .over(
                    Window.partitionBy(col("program_id"), col("never_reached_"))
                        .orderBy(byScore, col(FirmFrame.CN))))
        .withColumn("reserved", col("never_reached_").and(col("group_rank").leq(reserve)))
        .withColumn(
            "reserved_n",
            sum(when(col("reserved"), 1).otherwise(0)).over(Window.partitionBy("program_id")))
        .withColumn(
            "rest_rank",
            row_number()
                .over(
                    Window.partitionBy(col("program_id"), col("reserved"))
                        .orderBy(byScore, col(FirmFrame.CN))))
        .filter(col("reserved").or(col("rest_rank").leq(lit(max).minus(col("reserved_n")))))
        .withColumn(
            "rank",
            row_number().over(Window.partitionBy("program_id").orderBy(byScore, col(FirmFrame.CN))))
        .drop("never_reached_", "group_rank", "reserved_n", "rest_rank");
  }

  private StageOutput build(BuildContext ctx, RankingRun run) {
    PolicyReachConfig.Targets config = ctx.config().targets();
    var inputs = run.inputs();
    List<ProgramSpec> open =
        inputs.candidates().stream().filter(p -> p.isOpenOn(ctx.asOf())).toList();
    Holdout holdout = new Holdout(config.holdoutShare(), config.holdoutSeed());
    var ranker = Spark.broadcast(ctx.spark(), run.ranker());
    var uplift = run.uplift() == null ? null : Spark.broadcast(ctx.spark(), run.uplift());
    String rankedBy =
        run.uplift() != null ? UpliftTraining.BY_UPLIFT : UpliftTraining.BY_PROPENSITY_PRIOR;

    Dataset<Row> pairs =
        inputs
            .frame()
            .mapPartitions(
                new PairScoreRows(
                    ranker,
                    open,
                    inputs.familyOf(),
                    ctx.asOf(),
                    holdout,
                    uplift,
                    ctx.config().uplift().neverReachedPrior()),
                Encoders.row(PairScoreRows.SCHEMA));
    Column remaining = greatest(lit(0), lit(config.contactCap()).minus(col("contacts")));
    Dataset<Row> chosen =
        pairs
            .withColumn(
                "firm_slot",
                row_number()
                    .over(
                        Window.partitionBy(FirmFrame.CN)
                            .orderBy(col("rank_score").desc(), col("program_id"))))
            .withColumn("capped", col("firm_slot").gt(remaining))
            .persist(StorageLevel.MEMORY_AND_DISK());
    long cappedFirms =
        chosen
            .groupBy(FirmFrame.CN)
            .agg(sum(when(col("capped"), 0).otherwise(1)).as("kept"))
            .filter(col("kept").equalTo(0))
            .count();
    Dataset<Row> lists =
        cut(chosen.filter(not(col("capped"))), config.maxPerProgram(), config.neverReachedShare())
            .persist(StorageLevel.MEMORY_AND_DISK());

    Dataset<Row> reasons =
        inputs
            .frame()
            .join(
                lists
                    .groupBy(FirmFrame.CN)
                    .agg(collect_list("program_id").as(ExplainRows.PROGRAMS)),
                Spark.seq(FirmFrame.CN))
            .mapPartitions(
                new ExplainRows(ranker, open, inputs.familyOf(), ctx.asOf()),
                Encoders.row(ExplainRows.SCHEMA));
    Dataset<Row> targets =
        lists
            .join(reasons, Spark.seq(FirmFrame.CN, "program_id"))
            .select(
                col("program_id"),
                col(FirmFrame.CN),
                col("rank").cast("int").as("rank"),
                col("score"),
                col("uplift").as("expected_uplift"),
                lit(rankedBy).as("ranked_by"),
                col("reasons"),
                col("reached"),
                col("holdout"),
                col("prefecture_code"),
                col("size_class"),
                lit(Date.valueOf(ctx.asOf())).as("as_of"),
                lit(run.modelId()).as("model_id"),
                lit(ctx.buildId()).as("build_id"));
    long written = GoldTables.replaceBuild(ctx, RecommendationTables.PROGRAM_TARGETS, targets);

    Map<String, Object> details = new LinkedHashMap<>();
    details.put("open_programs", open.size());
    details.put("targets", written);
    Map<String, Map<String, Long>> perProgram = new TreeMap<>();
    long notified = 0;
    long heldOut = 0;
    long unreachedNotified = 0;
    for (Row r :
        lists
            .groupBy("program_id")
            .agg(
                count(lit(1)).as("targets"),
                sum(when(col("holdout"), 1).otherwise(0)).as("holdout"),
                sum(when(not(col("holdout")).and(not(col("reached"))), 1).otherwise(0))
                    .as("unreached"),
                sum(when(col("reserved"), 1).otherwise(0)).as("reserved"))
            .collectAsList()) {
      long n = r.getLong(1);
      long h = r.getLong(2);
      long u = r.getLong(3);
      Map<String, Long> m = new LinkedHashMap<>();
      m.put("notify", n - h);
      m.put("holdout", h);
      m.put("never_reached", u);
      m.put("never_reached_reserved", r.getLong(4));
      perProgram.put(r.getString(0), m);
      notified += n - h;
      heldOut += h;
      unreachedNotified += u;
    }
    details.put("notify", notified);
    details.put("holdout", heldOut);
    details.put("never_reached_notified", unreachedNotified);
    details.put("never_reached_share", config.neverReachedShare());
    details.put("ranked_by", rankedBy);
    details.put("uplift_model_id", run.upliftModelId());
    if (run.uplift() == null) {
      details.put("never_reached_prior", ctx.config().uplift().neverReachedPrior());
    }
    details.put("firms_at_contact_cap", cappedFirms);
    details.put("per_program", perProgram);
    lists.unpersist(false);
    chosen.unpersist(false);
    return new StageOutput(
        Map.of("gold." + RecommendationTables.PROGRAM_TARGETS, written), details);
  }
}
