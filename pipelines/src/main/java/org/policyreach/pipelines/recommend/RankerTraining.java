package org.policyreach.pipelines.recommend;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
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
import org.policyreach.models.ModelException;
import org.policyreach.models.metrics.ClassificationMetrics;
import org.policyreach.models.ranking.PairFeatures;
import org.policyreach.models.ranking.RankingModel;
import org.policyreach.models.registry.TrainingInfo;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.build.AsOfSilver;

/**
 * Trains the ranker on time splits so that it predicts what a firm will do next, not what it did:
 * at each origin {@code o}, features as of {@code o} (profiles, peers, candidate programs and
 * eligibility of that date) and labels = the programs the firm applied to in {@code (o, o + h]},
 * with every label window ending by the training date T. Several origins a quarter apart are
 * stacked: with one origin the program-level features (deadline, popularity, amount…) would only
 * tell a dozen programs of one season apart and would not carry over to the next season. The matrix
 * is computed in Spark over a seeded sample of firms and collected; the model is fitted in the
 * driver with Smile (through {@link RankingModel#fit}).
 */
public final class RankerTraining {
  /** Share of sampled firms kept out of the first fit to measure the validation AUC. */
  public static final double VALIDATION_SHARE = 0.2;

  /** The training rows of one origin. */
  public record Origin(LocalDate featuresAt, LocalDate labelsTo, long firms, List<Row> rows) {}

  /**
   * @param collectSeconds time to compute and collect the matrices of every origin
   * @param fitSeconds time to fit (validation fit included)
   */
  public record Result(
      RankingModel model,
      TrainingInfo info,
      Map<String, Double> metrics,
      double collectSeconds,
      double fitSeconds) {}

  private RankerTraining() {}

  /**
   * The training rows of one origin, from a seeded sample of about {@code sampleFirms} firms.
   *
   * @param features ranking inputs as of the origin
   * @param labelSilver silver as visible at the end of the label window
   */
  public static Origin collect(
      RankingInputs features, AsOfSilver labelSilver, int sampleFirms, long seed) {
    Dataset<Row> labels =
        labelSilver
            .applications()
            .filter(col("submitted_date").gt(lit(Date.valueOf(features.day()))))
            .groupBy(FirmFrame.CN)
            .agg(collect_set("program_id").as(TrainingRows.LABELS));
    return collect(features, labels, labelSilver.asOf(), sampleFirms, seed);
  }

  /**
   * As {@link #collect(RankingInputs, AsOfSilver, int, long)} with the labels given: {@code
   * (corporate_number, labels ARRAY<STRING>)}, the programs each firm applied to in the window
   * ending {@code labelsTo}.
   */
  public static Origin collect(
      RankingInputs features, Dataset<Row> labels, LocalDate labelsTo, int sampleFirms, long seed) {
    long firms = features.frame().count();
    double share = firms == 0 ? 1.0 : Math.min(1.0, (double) sampleFirms / firms);
    List<Row> rows =
        features
            .frame()
            .join(labels, Spark.seq(FirmFrame.CN), "left")
            .mapPartitions(
                new TrainingRows(
                    features.candidates(),
                    features.familyOf(),
                    features.day(),
                    features.peers(),
                    seed,
                    share,
                    VALIDATION_SHARE),
                Encoders.row(TrainingRows.SCHEMA))
            .collectAsList();
    return new Origin(features.day(), labelsTo, firms, rows);
  }

  /** Fits the model on the stacked rows of {@code origins}. */
  public static Result fit(
      List<Origin> origins,
      LocalDate trainedAt,
      long seed,
      RankingModel.Options options,
      double collectSeconds) {
    int n = origins.stream().mapToInt(o -> o.rows().size()).sum();
    double[][] x = new double[n][];
    int[] y = new int[n];
    boolean[] validation = new boolean[n];
    int positives = 0;
    int validationRows = 0;
    int i = 0;
    for (Origin o : origins) {
      for (Row r : o.rows()) {
        List<Double> f = r.getList(0);
        x[i] = new double[f.size()];
        for (int j = 0; j < x[i].length; j++) {
          x[i][j] = f.get(j);
        }
        y[i] = r.getInt(1);
        validation[i] = r.getBoolean(2);
        positives += y[i];
        validationRows += validation[i] ? 1 : 0;
        i++;
      }
    }
    LocalDate from =
        origins.stream().map(Origin::featuresAt).min(LocalDate::compareTo).orElse(trainedAt);
    if (positives < 2 || positives == n) {
      throw PipelineException.badInput(
          "Cannot train the ranker as of "
              + trainedAt
              + ": the "
              + n
              + " eligible (firm, program) pairs of the training origins "
              + origins.stream().map(o -> o.featuresAt().toString()).toList()
              + " have "
              + positives
              + " applications in their label windows; ingest the application history (and"
              + " check --as-of) or lower ranker.label_days / ranker.train_origins");
    }

    long t1 = System.nanoTime();
    Double validationAuc = validationAuc(x, y, validation, options);
    RankingModel model;
    try {
      model = RankingModel.fit(x, y, options);
    } catch (ModelException e) {
      throw PipelineException.failure(
          "Cannot train the ranker as of " + trainedAt + ": " + e.getMessage(), e);
    }
    double fitSeconds = (System.nanoTime() - t1) / 1e9;
    double[] scores = new double[n];
    for (int k = 0; k < n; k++) {
      scores[k] = model.score(x[k]);
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
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
    sizes.put("origins", (long) origins.size());
    Map<String, String> details = new LinkedHashMap<>();
    details.put("feature_set", PairFeatures.VERSION);
    List<String> windows = new ArrayList<>();
    for (Origin o : origins) {
      windows.add(o.featuresAt() + ".." + o.labelsTo() + " (" + o.rows().size() + " rows)");
    }
    details.put("origins", String.join("; ", windows));
    details.put("seed", Long.toString(seed));
    details.put("lambda", Double.toString(options.lambda()));
    details.put("validation_share", Double.toString(VALIDATION_SHARE));
    return new Result(
        model,
        new TrainingInfo(from, trainedAt, sizes, details),
        metrics,
        collectSeconds,
        fitSeconds);
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
