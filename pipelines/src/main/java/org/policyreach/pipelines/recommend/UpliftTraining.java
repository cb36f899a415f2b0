package org.policyreach.pipelines.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.Program;
import org.policyreach.models.ModelException;
import org.policyreach.models.metrics.UpliftMetrics;
import org.policyreach.models.ranking.RankingModel;
import org.policyreach.models.uplift.UpliftModel;
import org.policyreach.pipelines.build.AsOfSilver;
import org.policyreach.pipelines.push.CampaignAudience;

/**
 * Learns from past campaigns how much a push raises a firm's chance to apply: the rows are the
 * members of campaigns in the contact ledger (pushed and held out, {@link CampaignAudience}), with
 * the {@link org.policyreach.models.ranking.PairFeatures} of the firm as of a date on or before the
 * push and the campaign's program, and the outcome = an application to that program within {@code
 * uplift.outcome_days} after the push. The model is a two-model learner ({@link UpliftModel}).
 *
 * <p>No leakage: a campaign is used only when its outcome window has closed by the training date,
 * and its members' features are those of the latest training origin on or before its push date
 * (campaigns pushed before the earliest origin are not used). Enough history ({@link
 * PolicyReachConfig.Uplift}): at least {@code min_campaigns} such campaigns, {@code min_arm_rows}
 * firms in each arm and {@code min_arm_applications} applications in each arm; otherwise no model
 * and the reason says which count fell short.
 */
public final class UpliftTraining {
  /** Ranked by the uplift model: expected incremental applications. */
  public static final String BY_UPLIFT = "uplift";

  /** No uplift model yet: propensity, with never-reached firms' scores raised by the prior. */
  public static final String BY_PROPENSITY_PRIOR = "propensity_prior";

  /** Rows the uplift matrix may hold, over every campaign (members are sampled, seeded, beyond). */
  public static final int MAX_ROWS = 200_000;

  /** A past campaign: its program and push date. */
  public record CampaignRef(String campaignId, String programId, LocalDate pushDate) {}

  /**
   * The outcome of a training attempt.
   *
   * @param model null when the history is not enough ({@link #shortfall} says why)
   * @param metrics training metrics (empty without a model)
   * @param sizes campaigns, rows and applications per arm
   * @param shortfall null with a model; else what fell short of the rule, in words
   */
  public record Result(
      UpliftModel model, Map<String, Double> metrics, Map<String, Long> sizes, String shortfall) {
    public boolean trained() {
      return model != null;
    }
  }

  private UpliftTraining() {}

  /**
   * The ranking score without an uplift model: the propensity, times {@code 1 + neverReachedPrior}
   * for a firm that never applied ({@code uplift.never_reached_prior}).
   */
  public static double priorScore(
      double propensity, boolean neverReached, double neverReachedPrior) {
    return neverReached ? propensity * (1 + neverReachedPrior) : propensity;
  }

  /**
   * The campaigns of the ledger as visible at {@code silver}'s date whose push date lies in {@code
   * [from, to]}, oldest first.
   */
  public static List<CampaignRef> campaigns(AsOfSilver silver, LocalDate from, LocalDate to) {
    List<CampaignRef> out = new ArrayList<>();
    for (Row r :
        CampaignAudience.campaigns(silver.contacts())
            .filter(
                col("program_id")
                    .isNotNull()
                    .and(col("push_date").geq(lit(Date.valueOf(from))))
                    .and(col("push_date").leq(lit(Date.valueOf(to)))))
            .orderBy("push_date", "campaign_id")
            .collectAsList()) {
      out.add(
          new CampaignRef(
              r.getAs("campaign_id"),
              r.getAs("program_id"),
              r.<Date>getAs("push_date").toLocalDate()));
    }
    return out;
  }

  /**
   * The members of {@code campaigns}: {@code (campaign_id, corporate_number, arm, program_id,
   * push_date, applied, never_reached)}; applied = an application to the program in (push date,
   * push date + outcomeDays], never_reached = no application to anything on or before the push
   * date, both from {@code outcomes} (silver as visible at the end of the outcome windows).
   */
  public static Dataset<Row> members(
      AsOfSilver outcomes, List<CampaignRef> campaigns, int outcomeDays) {
    List<String> ids = campaigns.stream().map(CampaignRef::campaignId).toList();
    Dataset<Row> ledger = outcomes.contacts().filter(col("campaign_id").isin(ids.toArray()));
    Dataset<Row> list = CampaignAudience.members(ledger, CampaignAudience.campaigns(ledger));
    return list.join(
            CampaignAudience.applied(list, outcomes, outcomeDays),
            Spark.seq("campaign_id", "corporate_number", "program_id"),
            "left")
        .join(
            CampaignAudience.reached(list, outcomes),
            Spark.seq("campaign_id", "corporate_number"),
            "left")
        .withColumn("never_reached", col("reached").isNull())
        .drop("reached");
  }

  /**
   * The rows of {@code members} with the firm features of {@code features} (a date on or before
   * every member's push date), a seeded share of at most {@code share} of them.
   */
  public static List<Row> collect(
      RankingInputs features,
      Dataset<Row> members,
      List<Program> catalog,
      double share,
      long seed) {
    Map<String, ProgramSpec> programs = new LinkedHashMap<>();
    for (Program p : catalog) {
      programs.put(p.id(), ProgramSpec.of(p));
    }
    return features
        .frame()
        .join(members, Spark.seq(FirmFrame.CN))
        .mapPartitions(
            new UpliftRows(programs, features.familyOf(), features.peers(), share, seed),
            Encoders.row(UpliftRows.SCHEMA))
        .collectAsList();
  }

  /** Fits the model on {@code rows} of {@code campaigns} campaigns, if the rule is met. */
  public static Result fit(List<Row> rows, int campaigns, PolicyReachConfig.Uplift rule) {
    int n = rows.size();
    double[][] x = new double[n][];
    boolean[] treated = new boolean[n];
    int[] y = new int[n];
    long[] arm = new long[4]; // treated, treated applied, holdout, holdout applied
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      x[i] = features(r);
      treated[i] = r.getBoolean(1);
      y[i] = r.getInt(2);
      int k = treated[i] ? 0 : 2;
      arm[k]++;
      arm[k + 1] += y[i];
    }
    Map<String, Long> sizes = new LinkedHashMap<>();
    sizes.put("campaigns", (long) campaigns);
    sizes.put("treated", arm[0]);
    sizes.put("treated_applied", arm[1]);
    sizes.put("holdout", arm[2]);
    sizes.put("holdout_applied", arm[3]);
    List<String> short_ = new ArrayList<>();
    if (campaigns < rule.minCampaigns()) {
      short_.add(
          campaigns + " past campaigns with a closed outcome window < " + rule.minCampaigns());
    }
    if (Math.min(arm[0], arm[2]) < rule.minArmRows()) {
      short_.add(
          arm[0] + " pushed / " + arm[2] + " held-out firms (need " + rule.minArmRows() + " each)");
    }
    if (Math.min(arm[1], arm[3]) < rule.minArmApplications()) {
      short_.add(
          arm[1]
              + " / "
              + arm[3]
              + " applications in the pushed / held-out arm (need "
              + rule.minArmApplications()
              + " each)");
    }
    if (!short_.isEmpty()) {
      return new Result(null, Map.of(), sizes, String.join("; ", short_));
    }
    UpliftModel model;
    try {
      model = UpliftModel.fit(x, treated, y, RankingModel.Options.defaults());
    } catch (ModelException e) {
      return new Result(null, Map.of(), sizes, e.getMessage());
    }
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = model.uplift(x[i]);
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("train_rows", (double) n);
    metrics.put("treated_rate", arm[0] == 0 ? 0.0 : (double) arm[1] / arm[0]);
    metrics.put("holdout_rate", arm[2] == 0 ? 0.0 : (double) arm[3] / arm[2]);
    metrics.put("train_qini", UpliftMetrics.qiniCoefficient(scores, treated, y));
    return new Result(model, metrics, sizes, null);
  }

  /** The feature vector of an {@link UpliftRows} row. */
  public static double[] features(Row r) {
    List<Double> f = r.getList(0);
    double[] x = new double[f.size()];
    for (int j = 0; j < x.length; j++) {
      x[j] = f.get(j);
    }
    return x;
  }
}
