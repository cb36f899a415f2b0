package org.policyreach.models.uplift;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.policyreach.models.ModelException;
import org.policyreach.models.ranking.PairFeatures;
import org.policyreach.models.ranking.RankingModel;

/**
 * Two-model (T-learner) uplift: {@code u(x) = P(apply | x, pushed) − P(apply | x, not pushed)},
 * each probability a {@link RankingModel} (logistic on the standardized {@link PairFeatures}
 * columns) fitted on one arm of a campaign: the <em>treated</em> arm (firms that were pushed) and
 * the <em>control</em> arm (the random holdout that was not). Under random assignment of the
 * holdout, {@code u(x)} estimates the conditional average treatment effect of a push on a pair with
 * features {@code x}; it lies in [−1, 1] and is negative where the models say a push lowers the
 * chance of applying.
 *
 * <p>Each arm's model is fitted and standardized on its own rows only, so the two intercepts and
 * weights are not comparable term by term; compare the scores. Serializable, immutable,
 * thread-safe; scoring allocates nothing.
 */
public final class UpliftModel implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The {@link PairFeatures} columns (feature set {@value PairFeatures#VERSION}), same order. */
  public static final String FEATURE_SET = "uplift-v1";

  /** Each arm needs at least this many positive and this many negative rows. */
  static final int MIN_PER_CLASS = 2;

  private final RankingModel treated;
  private final RankingModel control;

  /**
   * @param treated {@code P(apply | x, pushed)}, on the {@value PairFeatures#VERSION} features
   * @param control {@code P(apply | x, not pushed)}, on the same features
   */
  public UpliftModel(RankingModel treated, RankingModel control) {
    this.treated = Objects.requireNonNull(treated, "treated model is null");
    this.control = Objects.requireNonNull(control, "control model is null");
    checkArm(treated, "treated");
    checkArm(control, "control");
  }

  private static void checkArm(RankingModel model, String arm) {
    ModelException.check(
        model.featureSet().equals(PairFeatures.VERSION)
            && model.featureNames().equals(PairFeatures.names()),
        "create uplift model",
        "the %s model was trained on feature set %s %s, an uplift model needs %s %s; re-fit it"
            + " on PairFeatures rows",
        arm,
        model.featureSet(),
        model.featureNames(),
        PairFeatures.VERSION,
        PairFeatures.names());
  }

  /**
   * Fits one {@link RankingModel} per arm with the same options.
   *
   * @param x rows of {@link PairFeatures#COUNT} finite features
   * @param treated {@code true} for a pair whose firm was pushed, {@code false} for the holdout
   * @param y 1 if the pair applied in the label window, else 0
   * @throws ModelException if the shapes disagree, a label is not 0/1, or an arm has fewer than 2
   *     positive or fewer than 2 negative rows
   */
  public static UpliftModel fit(
      double[][] x, boolean[] treated, int[] y, RankingModel.Options options) {
    String action = "fit uplift model";
    Objects.requireNonNull(options, "options is null");
    ModelException.checkMatrix(action, "the training matrix", x, PairFeatures.COUNT);
    ModelException.check(
        treated != null && treated.length == x.length,
        action,
        "%s treatment flags for %d rows; give one flag (pushed or holdout) per row",
        treated == null ? "no" : String.valueOf(treated.length),
        x.length);
    ModelException.checkLabels(action, y, x.length, "rows");
    int[] rows = new int[2]; // [control, treated]
    int[] positives = new int[2];
    for (int i = 0; i < y.length; i++) {
      int arm = treated[i] ? 1 : 0;
      rows[arm]++;
      positives[arm] += y[i];
    }
    checkCounts(action, "treated arm (pushed firms)", rows[1], positives[1], "campaign history");
    checkCounts(
        action,
        "control arm (holdout firms)",
        rows[0],
        positives[0],
        "campaign history or a larger holdout share");
    double[][][] xs = {new double[rows[0]][], new double[rows[1]][]};
    int[][] ys = {new int[rows[0]], new int[rows[1]]};
    int[] next = new int[2];
    for (int i = 0; i < x.length; i++) {
      int arm = treated[i] ? 1 : 0;
      xs[arm][next[arm]] = x[i];
      ys[arm][next[arm]++] = y[i];
    }
    return new UpliftModel(
        RankingModel.fit(xs[1], ys[1], options), RankingModel.fit(xs[0], ys[0], options));
  }

  private static void checkCounts(
      String action, String arm, int rows, int positives, String remedy) {
    int negatives = rows - positives;
    ModelException.check(
        positives >= MIN_PER_CLASS && negatives >= MIN_PER_CLASS,
        action,
        "the %s has %d rows, %d applied and %d did not; each arm needs at least %d of each"
            + " (use more %s)",
        arm,
        rows,
        positives,
        negatives,
        MIN_PER_CLASS,
        remedy);
  }

  /** {@code treated.score(x) − control.score(x)}: the estimated effect of a push, in [−1, 1]. */
  public double uplift(double[] x) {
    return treated.score(x) - control.score(x);
  }

  /** {@code P(apply | x, pushed)}. */
  public double treatedScore(double[] x) {
    return treated.score(x);
  }

  /** {@code P(apply | x, not pushed)}: the baseline propensity. */
  public double controlScore(double[] x) {
    return control.score(x);
  }

  public RankingModel treated() {
    return treated;
  }

  public RankingModel control() {
    return control;
  }

  /** {@value #FEATURE_SET}. */
  public String featureSet() {
    return FEATURE_SET;
  }

  /** The {@link PairFeatures#names()}, in column order. */
  public List<String> featureNames() {
    return treated.featureNames();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UpliftModel m && treated.equals(m.treated) && control.equals(m.control);
  }

  @Override
  public int hashCode() {
    return Objects.hash(treated, control);
  }

  @Override
  public String toString() {
    return "UpliftModel[" + FEATURE_SET + ", treated=" + treated + ", control=" + control + "]";
  }
}
