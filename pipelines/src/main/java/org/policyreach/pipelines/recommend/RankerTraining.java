package org.policyreach.pipelines.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.policyreach.models.ModelException;
import org.policyreach.models.metrics.ClassificationMetrics;
import org.policyreach.models.ranking.PairFeatures;
import org.policyreach.models.ranking.RankingModel;
import org.policyreach.models.registry.TrainingInfo;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.build.AsOfSilver;

/**
 * Trains the ranker on a time split so that it predicts what a firm will do next, not what it did:
 * features as of {@code T − h} (profiles of that date, peers of that date, programs open or opening
 * then, eligibility then), labels = the programs the firm applied to in {@code (T − h, T]}. The
 * matrix is computed in Spark over a seeded sample of firms and collected; the model is fitted in
 * the driver with Smile (through {@link RankingModel#fit}).
 */
public final class RankerTraining {
  /** Share of sampled firms kept out of the first fit to measure the validation AUC. */
  public static final double VALIDATION_SHARE = 0.2;

  /**
   * @param seconds time to compute and collect the matrix, and to fit
   */
  public record Result(
      RankingModel model,
      TrainingInfo info,
      Map<String, Double> metrics,
      double collectSeconds,
      double fitSeconds) {}

  private RankerTraining() {}

  /**
   * @param features ranking inputs as of {@code T − h}
   * @param labelSilver silver as visible on {@code T}
   * @param trainFirms firms to draw for the matrix
   * @param seed seed of the draw and of the validation fold
   */
  public static Result train(
      RankingInputs features,
      AsOfSilver labelSilver,
      int trainFirms,
      long seed,
      RankingModel.Options options) {
    LocalDate from = features.day();
    LocalDate to = labelSilver.asOf();
    long t0 = System.nanoTime();
    Dataset<Row> labels =
        labelSilver
            .applications()
            .filter(col("submitted_date").gt(lit(Date.valueOf(from))))
            .groupBy(FirmFrame.CN)
            .agg(collect_set("program_id").as(TrainingRows.LABELS));
    long firms = features.frame().count();
    double share = firms == 0 ? 1.0 : Math.min(1.0, (double) trainFirms / firms);
    List<Row> rows =
        features
            .frame()
            .join(labels, Spark.seq(FirmFrame.CN), "left")
            .mapPartitions(
                new TrainingRows(
                    features.candidates(),
                    features.familyOf(),
                    from,
                    features.peers(),
                    seed,
                    share,
                    VALIDATION_SHARE),
                Encoders.row(TrainingRows.SCHEMA))
            .collectAsList();
    double collectSeconds = (System.nanoTime() - t0) / 1e9;

    int n = rows.size();
    double[][] x = new double[n][];
    int[] y = new int[n];
    boolean[] validation = new boolean[n];
    int positives = 0;
    int validationRows = 0;
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      List<Double> f = r.getList(0);
      x[i] = new double[f.size()];
      for (int j = 0; j < x[i].length; j++) {
        x[i][j] = f.get(j);
      }
      y[i] = r.getInt(1);
      validation[i] = r.getBoolean(2);
      positives += y[i];
      validationRows += validation[i] ? 1 : 0;
    }
    if (positives < 2 || positives == n) {
      throw PipelineException.badInput(
          "Cannot train the ranker as of "
              + to
              + ": the "
              + n
              + " eligible (firm, program) pairs of "
              + from
              + " have "
              + positives
              + " applications in ("
              + from
              + ", "
              + to
              + "]; ingest the application history (and check --as-of) or lower ranker.label_days");
    }

    long t1 = System.nanoTime();
    Map<String, Double> metrics = new LinkedHashMap<>();
    Double validationAuc = validationAuc(x, y, validation, options);
    RankingModel model;
    try {
      model = RankingModel.fit(x, y, options);
    } catch (ModelException e) {
      throw PipelineException.failure(
          "Cannot train the ranker as of " + to + ": " + e.getMessage(), e);
    }
    double fitSeconds = (System.nanoTime() - t1) / 1e9;
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = model.score(x[i]);
    }
    metrics.put("train_auc", ClassificationMetrics.auc(scores, y));
    if (validationAuc != null) {
      metrics.put("validation_auc", validationAuc);
    }
    metrics.put("train_rows", (double) n);
    metrics.put("train_positives", (double) positives);
    metrics.put("positive_rate", (double) positives / n);

    Map<String, Long> sizes = new LinkedHashMap<>();
    sizes.put("rows", (long) n);
    sizes.put("positives", (long) positives);
    sizes.put("validation_rows", (long) validationRows);
    sizes.put("firms", firms);
    sizes.put("candidate_programs", (long) features.candidates().size());
    Map<String, String> details = new LinkedHashMap<>();
    details.put("feature_set", PairFeatures.VERSION);
    details.put("label_days", Long.toString(java.time.temporal.ChronoUnit.DAYS.between(from, to)));
    details.put("sample_share", Double.toString(share));
    details.put("seed", Long.toString(seed));
    details.put("lambda", Double.toString(options.lambda()));
    details.put("validation_share", Double.toString(VALIDATION_SHARE));
    return new Result(
        model, new TrainingInfo(from, to, sizes, details), metrics, collectSeconds, fitSeconds);
  }

  /**
   * AUC on the validation fold of a model fitted on the other firms; null if a fold lacks a class.
   */
  private static Double validationAuc(
      double[][] x, int[] y, boolean[] validation, RankingModel.Options options) {
    int nv = 0;
    int pv = 0;
    int pt = 0;
    for (int i = 0; i < y.length; i++) {
      if (validation[i]) {
        nv++;
        pv += y[i];
      } else {
        pt += y[i];
      }
    }
    int nt = y.length - nv;
    if (pv == 0 || pv == nv || pt == 0 || pt == nt) {
      return null;
    }
    double[][] xt = new double[nt][];
    int[] yt = new int[nt];
    int[] held = new int[nv];
    int[] yv = new int[nv];
    int it = 0;
    int iv = 0;
    for (int i = 0; i < y.length; i++) {
      if (validation[i]) {
        held[iv] = i;
        yv[iv++] = y[i];
      } else {
        xt[it] = x[i];
        yt[it++] = y[i];
      }
    }
    RankingModel m = RankingModel.fit(xt, yt, options);
    double[] sv = new double[nv];
    for (int k = 0; k < nv; k++) {
      sv[k] = m.score(x[held[k]]);
    }
    return ClassificationMetrics.auc(sv, yv);
  }
}
