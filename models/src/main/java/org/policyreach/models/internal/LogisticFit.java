package org.policyreach.models.internal;

import smile.classification.LogisticRegression;

/** The only place that calls Smile's logistic regression. */
public final class LogisticFit {
  private LogisticFit() {}

  /** Coefficients {@code w[0..p-1]} and intercept {@code w[p]} of an L2-penalized fit. */
  public static double[] binomial(
      double[][] x, int[] y, double lambda, double tolerance, int maxIterations) {
    LogisticRegression.Binomial model =
        LogisticRegression.binomial(x, y, lambda, tolerance, maxIterations);
    return model.coefficients().clone();
  }
}
