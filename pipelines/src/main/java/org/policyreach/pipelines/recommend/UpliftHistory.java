package org.policyreach.pipelines.recommend;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.pipelines.build.BuildContext;

/**
 * The uplift rows of one training, gathered origin by origin alongside the ranker's ({@link
 * Recommender#train}): the campaigns pushed between the earliest training origin and T − {@code
 * uplift.outcome_days}; each origin (latest first) takes the campaigns pushed on or after its
 * feature date and before the next later origin's, so every member's features predate its push.
 */
final class UpliftHistory {
  private final BuildContext ctx;
  private final List<UpliftTraining.CampaignRef> past;
  private final Dataset<Row> members;
  private final double share;
  private final List<Row> rows = new ArrayList<>();
  private LocalDate before;

  private UpliftHistory(
      BuildContext ctx, List<UpliftTraining.CampaignRef> past, Dataset<Row> members, double share) {
    this.ctx = ctx;
    this.past = past;
    this.members = members;
    this.share = share;
    this.before = ctx.asOf().plusDays(1);
  }

  static UpliftHistory of(BuildContext ctx) {
    PolicyReachConfig.Ranker ranker = ctx.config().ranker();
    PolicyReachConfig.Uplift rule = ctx.config().uplift();
    LocalDate earliest =
        ctx.asOf()
            .minusDays(
                ranker.labelDays() + (long) (ranker.trainOrigins() - 1) * ranker.originStepDays());
    LocalDate latest = ctx.asOf().minusDays(rule.outcomeDays());
    List<UpliftTraining.CampaignRef> past =
        latest.isBefore(earliest)
            ? List.of()
            : UpliftTraining.campaigns(ctx.silver(), earliest, latest);
    if (past.isEmpty()) {
      return new UpliftHistory(ctx, past, null, 1.0);
    }
    Dataset<Row> members =
        UpliftTraining.members(ctx.silver(), past, rule.outcomeDays())
            .persist(StorageLevel.MEMORY_AND_DISK());
    long n = members.count();
    double share = n == 0 ? 1.0 : Math.min(1.0, (double) UpliftTraining.MAX_ROWS / n);
    return new UpliftHistory(ctx, past, members, share);
  }

  /** Adds the rows of the campaigns this origin (features as of {@code from}) covers. */
  void collect(RankingInputs features, LocalDate from) {
    LocalDate until = before;
    before = from;
    if (members == null) {
      return;
    }
    Object[] ids =
        past.stream()
            .filter(c -> !c.pushDate().isBefore(from) && c.pushDate().isBefore(until))
            .map(UpliftTraining.CampaignRef::campaignId)
            .toArray();
    if (ids.length == 0) {
      return;
    }
    rows.addAll(
        UpliftTraining.collect(
            features,
            members.filter(col("campaign_id").isin(ids)),
            ctx.programs().programs(),
            share,
            ctx.config().ranker().trainSeed()));
  }

  UpliftTraining.Result fit() {
    if (past.isEmpty()) {
      return new UpliftTraining.Result(
          null,
          Map.of(),
          Map.of("campaigns", 0L),
          "no campaign in silver.contacts was pushed between the earliest training origin and "
              + ctx.asOf().minusDays(ctx.config().uplift().outcomeDays())
              + " (the outcome window of uplift.outcome_days must have closed)");
    }
    return UpliftTraining.fit(rows, used().size(), ctx.config().uplift());
  }

  private TreeSet<String> used() {
    TreeSet<String> ids = new TreeSet<>();
    for (Row r : rows) {
      ids.add(r.getString(4));
    }
    return ids;
  }

  /** The campaigns the rows come from, comma-separated. */
  String campaignIds() {
    return String.join(",", used());
  }

  /** The earliest push date of the campaigns used; null without rows. */
  LocalDate firstPush() {
    TreeSet<String> used = used();
    return past.stream()
        .filter(c -> used.contains(c.campaignId()))
        .map(UpliftTraining.CampaignRef::pushDate)
        .min(LocalDate::compareTo)
        .orElse(null);
  }

  void release() {
    if (members != null) {
      members.unpersist(false);
    }
  }
}
