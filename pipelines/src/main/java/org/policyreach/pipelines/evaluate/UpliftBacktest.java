package org.policyreach.pipelines.evaluate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.policyreach.core.Program;
import org.policyreach.models.metrics.UpliftMetrics;
import org.policyreach.models.ranking.RankingModel;
import org.policyreach.models.uplift.UpliftModel;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.build.AsOfSilver;
import org.policyreach.pipelines.recommend.RankingInputs;
import org.policyreach.pipelines.recommend.UpliftTraining;

/**
 * Ranks the audiences of campaigns the models never saw — pushed after the evaluation date T, their
 * outcome windows closed by the data date — by each method, and reads each ranking against what
 * happened: the Qini coefficient and the incremental applications in the top {@value
 * #TOP_SHARE_PERCENT}% (both from pushed versus held-out firms, {@link UpliftMetrics}), and the
 * share of never-reached firms in that top slice and among its incremental applications. Features
 * are those of T (before every push), so nothing after T leaks in.
 *
 * <p>Methods: {@code uplift} (the two-model learner trained at T, when the history sufficed),
 * {@code propensity} (the ranker's P(apply)), {@code propensity_prior} (the fallback ranking:
 * propensity × (1 + {@code uplift.never_reached_prior}) for never-reached firms).
 *
 * <p>With the generator's {@code truth/push_effects.csv} (a known answer: each member's planted
 * effect probability and realised Y(1) − Y(0)), each method is also read against the planted
 * effects: the share of the planted incremental applications in its top slice and the area under
 * its planted uplift curve (1 perfect, 0 random).
 */
public final class UpliftBacktest {
  static final int TOP_SHARE_PERCENT = 10;
  static final double TOP_SHARE = TOP_SHARE_PERCENT / 100.0;

  public static final String UPLIFT = "uplift";
  public static final String PROPENSITY = "propensity";
  public static final String PROPENSITY_PRIOR = "propensity_prior";

  /**
   * @param campaigns the campaigns read (ids)
   * @param members audience rows scored
   * @param methods method → metric → value
   * @param note why a method is missing, or null
   */
  public record Result(
      List<String> campaigns,
      long members,
      Map<String, Map<String, Double>> methods,
      boolean planted,
      String note) {
    static Result none(String note) {
      return new Result(List.of(), 0, Map.of(), false, note);
    }
  }

  private UpliftBacktest() {}

  /**
   * @param inputs ranking inputs as of T
   * @param ranker the ranker trained at T
   * @param uplift the uplift model trained at T, or null
   * @param truth the generator's {@code truth/push_effects.csv}, or null
   */
  static Result run(
      AsOfSilver outcomes,
      RankingInputs inputs,
      List<Program> catalog,
      RankingModel ranker,
      UpliftModel uplift,
      int outcomeDays,
      double neverReachedPrior,
      long seed,
      Path truth) {
    LocalDate t = inputs.day();
    LocalDate last = outcomes.asOf().minusDays(outcomeDays);
    if (!last.isAfter(t)) {
      return Result.none(
          "no campaign after " + t + " can have a closed outcome window by " + outcomes.asOf());
    }
    List<UpliftTraining.CampaignRef> later =
        UpliftTraining.campaigns(outcomes, t.plusDays(1), last);
    if (later.isEmpty()) {
      return Result.none("no campaign was pushed between " + t.plusDays(1) + " and " + last);
    }
    List<Row> rows =
        UpliftTraining.collect(
            inputs, UpliftTraining.members(outcomes, later, outcomeDays), catalog, 1.0, seed);
    int n = rows.size();
    boolean[] treated = new boolean[n];
    boolean[] never = new boolean[n];
    int[] y = new int[n];
    Map<String, double[]> scores = new LinkedHashMap<>();
    if (uplift != null) {
      scores.put(UPLIFT, new double[n]);
    }
    double[] propensity = new double[n];
    double[] prior = new double[n];
    scores.put(PROPENSITY, propensity);
    scores.put(PROPENSITY_PRIOR, prior);
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      double[] x = UpliftTraining.features(r);
      treated[i] = r.getBoolean(1);
      y[i] = r.getInt(2);
      never[i] = r.getBoolean(3);
      propensity[i] = ranker.score(x);
      prior[i] = UpliftTraining.priorScore(propensity[i], never[i], neverReachedPrior);
      if (uplift != null) {
        scores.get(UPLIFT)[i] = uplift.uplift(x);
      }
    }
    double[][] planted = truth == null ? null : planted(truth, rows);
    Map<String, Map<String, Double>> methods = new LinkedHashMap<>();
    scores.forEach((m, s) -> methods.put(m, read(s, treated, y, never, planted)));
    return new Result(
        later.stream().map(UpliftTraining.CampaignRef::campaignId).toList(),
        n,
        methods,
        planted != null,
        uplift == null ? "no uplift model at " + t + " (not enough campaign history)" : null);
  }

  private static Map<String, Double> read(
      double[] score, boolean[] treated, int[] y, boolean[] never, double[][] planted) {
    int n = score.length;
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("members", (double) n);
    if (n == 0) {
      return m;
    }
    m.put("qini", UpliftMetrics.qiniCoefficient(score, treated, y));
    double inc = UpliftMetrics.incrementalAtFraction(score, treated, y, TOP_SHARE);
    m.put("incremental_top" + TOP_SHARE_PERCENT, inc);
    m.put("incremental_all", UpliftMetrics.incrementalAtFraction(score, treated, y, 1.0));
    // the top slice: never-reached share of its members and of its incremental applications
    int[] top = UpliftMetrics.topRows(score, TOP_SHARE);
    List<Integer> neverIdx = new ArrayList<>();
    for (int i : top) {
      if (never[i]) {
        neverIdx.add(i);
      }
    }
    m.put("never_reached_share_top" + TOP_SHARE_PERCENT, (double) neverIdx.size() / top.length);
    double[] s = new double[neverIdx.size()];
    boolean[] t = new boolean[s.length];
    int[] yy = new int[s.length];
    for (int k = 0; k < s.length; k++) {
      s[k] = score[neverIdx.get(k)];
      t[k] = treated[neverIdx.get(k)];
      yy[k] = y[neverIdx.get(k)];
    }
    double incNever = s.length == 0 ? 0 : UpliftMetrics.incrementalAtFraction(s, t, yy, 1.0);
    m.put(
        "never_reached_share_of_incremental_top" + TOP_SHARE_PERCENT,
        inc == 0 ? Double.NaN : incNever / inc);
    if (planted != null) {
      m.put(
          "planted_capture_top" + TOP_SHARE_PERCENT,
          UpliftMetrics.plantedCapture(score, planted[1], TOP_SHARE));
      m.put(
          "planted_probability_capture_top" + TOP_SHARE_PERCENT,
          UpliftMetrics.plantedCapture(score, planted[0], TOP_SHARE));
      m.put("planted_auuc", UpliftMetrics.plantedAuuc(score, planted[0]));
    }
    return m;
  }

  /**
   * Per row the planted effect probability ([0]) and realised Y(1) − Y(0) ([1]) from the truth
   * file, keyed by campaign and corporate number.
   */
  private static double[][] planted(Path truth, List<Row> rows) {
    Map<String, double[]> byKey = new HashMap<>();
    try (Reader in = Files.newBufferedReader(truth, StandardCharsets.UTF_8)) {
      for (CSVRecord r :
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
        byKey.put(
            r.get("campaign_id") + "/" + r.get("corporate_number"),
            new double[] {
              Double.parseDouble(r.get("effect_probability")), Double.parseDouble(r.get("caused"))
            });
      }
    } catch (IOException | IllegalArgumentException e) {
      throw PipelineException.badInput(
          "Cannot read the planted push effects "
              + truth
              + " ("
              + e.getMessage()
              + "); give the generator's truth/push_effects.csv (generate --push-history)");
    }
    double[][] out = new double[2][rows.size()];
    int missing = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      double[] v = byKey.get(r.getString(4) + "/" + r.getString(5));
      if (v == null) {
        missing++;
        continue;
      }
      out[0][i] = v[0];
      out[1][i] = v[1];
    }
    if (missing > 0) {
      throw PipelineException.badInput(
          missing
              + " of "
              + rows.size()
              + " campaign members are not in "
              + truth
              + "; give the truth file of the data set this lakehouse was ingested from");
    }
    return out;
  }
}
