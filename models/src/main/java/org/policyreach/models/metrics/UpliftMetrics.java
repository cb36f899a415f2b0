package org.policyreach.models.metrics;

import java.util.Arrays;
import org.policyreach.models.ModelException;

/**
 * Uplift curves of a scored campaign (rows pushed or held out, each applied or not) and, for
 * synthetic data, of a planted per-row effect.
 *
 * <p>Ranking: rows sorted by score descending; equal scores keep ascending row index (so results
 * are deterministic, and unchanged by any strictly increasing transform of the scores). "The top k"
 * is the first k rows of that order, and the top {@code fraction} of n rows is the top {@code k =
 * ceil(fraction·n)}, at least 1 (a {@code fraction·n} within a relative 1e-9 of an integer counts
 * as that integer, so 0.07·100 gives 7, not 8).
 *
 * <p>Qini curve (Radcliffe 2007): with {@code Y_T(k)}, {@code N_T(k)} the applied and all treated
 * rows in the top k and {@code Y_C(k)}, {@code N_C(k)} the same for control rows,
 *
 * <pre>  Q(k) = Y_T(k) − Y_C(k) · N_T(k) / N_C(k)      (control term 0 while N_C(k) = 0),  Q(0) = 0
 * </pre>
 *
 * the estimated number of applications among the treated top-k rows that the push caused.
 *
 * <p>Areas are trapezoidal over k = 0..n with unit steps: {@code A(f) = Σ_{k=1..n} (f(k−1) + f(k))
 * / 2}.
 */
public final class UpliftMetrics {
  private UpliftMetrics() {}

  /**
   * The Qini curve {@code Q(0..n)} (length n+1, {@code Q(0) = 0}); see the class comment.
   *
   * @param y 1 if the row applied, else 0
   */
  public static double[] qiniCurve(double[] score, boolean[] treated, int[] y) {
    String action = "compute the Qini curve";
    checkCampaign(action, score, treated, y);
    int n = score.length;
    int[] order = order(score);
    double[] curve = new double[n + 1];
    long yt = 0;
    long nt = 0;
    long yc = 0;
    long nc = 0;
    for (int k = 1; k <= n; k++) {
      int i = order[k - 1];
      if (treated[i]) {
        nt++;
        yt += y[i];
      } else {
        nc++;
        yc += y[i];
      }
      curve[k] = nc == 0 ? yt : yt - yc * (double) nt / nc;
    }
    return curve;
  }

  /**
   * The Qini coefficient: the area between the Qini curve and the straight line from {@code (0, 0)}
   * to {@code (n, Q(n))} (the expected curve of a random ranking), divided by n:
   *
   * <pre>  q = [ A(Q) − n·Q(n)/2 ] / n = [ Σ_{k=1..n−1} Q(k) + Q(n)/2 − n·Q(n)/2 ] / n
   * </pre>
   *
   * It is the mean height of the curve above the random line, in applications: ≈ 0 for a random
   * ranking, positive when rows with larger effects rank first, negative when they rank last. It
   * scales with the number of rows and the size of the effect; compare models on the same rows.
   */
  public static double qiniCoefficient(double[] score, boolean[] treated, int[] y) {
    double[] q = qiniCurve(score, treated, y);
    int n = score.length;
    return (area(q) - n * q[n] / 2.0) / n;
  }

  /**
   * Estimated incremental applications in the top {@code fraction} of rows: {@code Q(k)} with
   * {@code k = ceil(fraction·n)}.
   *
   * @param fraction in (0, 1]
   */
  public static double incrementalAtFraction(
      double[] score, boolean[] treated, int[] y, double fraction) {
    checkFraction("compute incremental applications", fraction);
    return qiniCurve(score, treated, y)[top(fraction, score.length)];
  }

  /**
   * With a planted effect: the share of {@code Σ trueEffect} in the top {@code fraction} of rows by
   * score, {@code Σ_{top k} e_i / Σ_i e_i}. The best achievable value is that of ranking by {@code
   * trueEffect} itself; a random ranking scores {@code ≈ fraction}.
   *
   * @param trueEffect per-row effect ≥ 0 (the realised {@code Y(1) − Y(0)} or the effect
   *     probability)
   * @param fraction in (0, 1]
   * @return the share, or NaN if {@code Σ trueEffect = 0}
   */
  public static double plantedCapture(double[] score, double[] trueEffect, double fraction) {
    String action = "compute the planted-effect capture";
    checkPlanted(action, score, trueEffect);
    checkFraction(action, fraction);
    double total = sum(trueEffect);
    if (total == 0) {
      return Double.NaN;
    }
    int[] order = order(score);
    int k = top(fraction, score.length);
    double captured = 0;
    for (int r = 0; r < k; r++) {
      captured += trueEffect[order[r]];
    }
    return captured / total;
  }

  /**
   * With a planted effect: the normalised area under the cumulative planted-effect curve {@code
   * G(k) = Σ_{top k} e_i},
   *
   * <pre>  (A(G_model) − A(G_random)) / (A(G_perfect) − A(G_random))
   * </pre>
   *
   * where the perfect ordering sorts by {@code trueEffect} descending and the random one is its
   * expectation {@code E[G(k)] = k·Σe/n}, so {@code A(G_random) = n·Σe/2}. 1 for a perfect ranking,
   * ≈ 0 for a random one, negative for one worse than random (−1 for the exact reverse of a perfect
   * ranking).
   *
   * @param trueEffect per-row effect ≥ 0
   * @return the normalised area, or NaN if every row has the same effect (including all 0), when
   *     every ordering is as good as any other
   */
  public static double plantedAuuc(double[] score, double[] trueEffect) {
    checkPlanted("compute the planted-effect AUUC", score, trueEffect);
    int n = score.length;
    double total = sum(trueEffect);
    double random = n * total / 2.0;
    double[] sorted = trueEffect.clone();
    Arrays.sort(sorted);
    double perfect = 0;
    double g = 0;
    for (int r = 0; r < n; r++) {
      double previous = g;
      g += sorted[n - 1 - r];
      perfect += (previous + g) / 2.0;
    }
    // all effects equal: the perfect and random areas agree up to rounding
    if (!(perfect - random > 1e-9 * n * total)) {
      return Double.NaN;
    }
    int[] order = order(score);
    double model = 0;
    g = 0;
    for (int r = 0; r < n; r++) {
      double previous = g;
      g += trueEffect[order[r]];
      model += (previous + g) / 2.0;
    }
    return (model - random) / (perfect - random);
  }

  /**
   * The row indices of the top {@code fraction} by score (the rows the other measures' top slice
   * holds), best first.
   */
  public static int[] topRows(double[] score, double fraction) {
    String action = "take the top rows";
    checkScores(action, score);
    checkFraction(action, fraction);
    return Arrays.copyOf(order(score), top(fraction, score.length));
  }

  /** Row indices by score descending, ties by ascending index. */
  static int[] order(double[] score) {
    Integer[] boxed = new Integer[score.length];
    Arrays.setAll(boxed, i -> i);
    // stable sort: equal scores keep ascending index; + 0.0 turns −0.0 into 0.0 so the two tie
    Arrays.sort(boxed, (a, b) -> Double.compare(score[b] + 0.0, score[a] + 0.0));
    int[] order = new int[boxed.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = boxed[i];
    }
    return order;
  }

  /** {@code ceil(fraction·n)}, within [1, n]; a near-integer {@code fraction·n} is that integer. */
  static int top(double fraction, int n) {
    double exact = fraction * n;
    double rounded = Math.rint(exact);
    double k = Math.abs(exact - rounded) <= 1e-9 * Math.max(1, n) ? rounded : Math.ceil(exact);
    return (int) Math.max(1, Math.min(n, k));
  }

  private static double area(double[] curve) {
    double a = 0;
    for (int k = 1; k < curve.length; k++) {
      a += (curve[k - 1] + curve[k]) / 2.0;
    }
    return a;
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }

  private static void checkCampaign(String action, double[] score, boolean[] treated, int[] y) {
    checkScores(action, score);
    ModelException.check(
        treated != null && treated.length == score.length,
        action,
        "%s treatment flags for %d scores; give one flag (pushed or holdout) per row",
        treated == null ? "no" : String.valueOf(treated.length),
        score.length);
    ModelException.checkLabels(action, y, score.length, "scores");
  }

  private static void checkPlanted(String action, double[] score, double[] trueEffect) {
    checkScores(action, score);
    ModelException.check(
        trueEffect != null && trueEffect.length == score.length,
        action,
        "%s planted effects for %d scores; give one effect per row",
        trueEffect == null ? "no" : String.valueOf(trueEffect.length),
        score.length);
    for (int i = 0; i < trueEffect.length; i++) {
      ModelException.check(
          Double.isFinite(trueEffect[i]) && trueEffect[i] >= 0,
          action,
          "the planted effect of row %d is %s; effects must be finite and ≥ 0",
          i,
          trueEffect[i]);
    }
  }

  private static void checkScores(String action, double[] score) {
    ModelException.check(
        score != null && score.length > 0, action, "no scores; give at least one scored row");
    for (int i = 0; i < score.length; i++) {
      ModelException.check(
          Double.isFinite(score[i]),
          action,
          "the score of row %d is %s; scores must be finite (check the model's inputs)",
          i,
          score[i]);
    }
  }

  private static void checkFraction(String action, double fraction) {
    ModelException.check(
        fraction > 0 && fraction <= 1,
        action,
        "fraction %s is outside (0, 1]; give the share of rows to target, e.g. 0.1",
        fraction);
  }
}
