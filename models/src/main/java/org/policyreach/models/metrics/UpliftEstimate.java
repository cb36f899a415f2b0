package org.policyreach.models.metrics;

import org.policyreach.models.ModelException;

/**
 * Application rate of notified (treated) firms versus the random holdout, the difference and its
 * 95% confidence interval by Newcombe's hybrid score method (Newcombe 1998, method 10: Wilson score
 * intervals of each rate combined), which stays inside [−1, 1] and behaves at rates near 0.
 */
public record UpliftEstimate(
    long treated,
    long treatedApplied,
    long holdout,
    long holdoutApplied,
    double treatedRate,
    double holdoutRate,
    double difference,
    double lower,
    double upper) {

  public static final String METHOD = "newcombe_hybrid_score_95";
  private static final double Z = 1.959963984540054;

  public static UpliftEstimate of(
      long treated, long treatedApplied, long holdout, long holdoutApplied) {
    check(treated, treatedApplied, "treated");
    check(holdout, holdoutApplied, "holdout");
    double p1 = (double) treatedApplied / treated;
    double p0 = (double) holdoutApplied / holdout;
    double[] w1 = wilson(treatedApplied, treated);
    double[] w0 = wilson(holdoutApplied, holdout);
    double d = p1 - p0;
    double lower = d - Math.sqrt(square(p1 - w1[0]) + square(w0[1] - p0));
    double upper = d + Math.sqrt(square(w1[1] - p1) + square(p0 - w0[0]));
    return new UpliftEstimate(
        treated, treatedApplied, holdout, holdoutApplied, p1, p0, d, lower, upper);
  }

  /** Whether the interval excludes 0. */
  public boolean significant() {
    return lower > 0 || upper < 0;
  }

  /** The Wilson score interval {lower, upper} of x successes in n trials. */
  static double[] wilson(long x, long n) {
    double p = (double) x / n;
    double z2 = Z * Z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  private static double square(double x) {
    return x * x;
  }

  private static void check(long n, long x, String group) {
    ModelException.check(
        n > 0,
        "estimate uplift",
        "the %s group is empty; a rate needs at least one firm (is the holdout share 0?)",
        group);
    ModelException.check(
        x >= 0 && x <= n,
        "estimate uplift",
        "%d of %d %s firms applied; the count must be between 0 and the group size",
        x,
        n,
        group);
  }
}
