package org.policyreach.models.ranking;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.policyreach.models.ModelException;
import org.policyreach.models.Standardizer;
import org.policyreach.models.internal.LogisticFit;

/**
 * A logistic ranking model: {@code P(apply) = σ(b + Σ w_j · (x_j − μ_j) / σ_j)}. Fitted with
 * Smile's L2-penalized logistic regression on standardized features; scored in plain Java from the
 * coefficients and the standardizer, so the same object runs in Spark executors and in the server.
 * Immutable, thread-safe; {@link #score} and {@link #logit} allocate nothing.
 */
public final class RankingModel implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * @param lambda L2 penalty on the standardized weights (Smile: {@code λ/2·‖w‖²} added to the
   *     negative log-likelihood sum)
   * @param tolerance convergence tolerance of L-BFGS
   * @param maxIterations L-BFGS iterations
   */
  public record Options(double lambda, double tolerance, int maxIterations) {
    public Options {
      ModelException.check(
          lambda >= 0 && tolerance > 0 && maxIterations > 0,
          "configure ranking model",
          "lambda (%s) must be ≥ 0, tolerance (%s) > 0 and maxIterations (%d) > 0",
          lambda,
          tolerance,
          maxIterations);
    }

    public static Options defaults() {
      return new Options(1.0, 1e-6, 500);
    }
  }

  private final String featureSet;
  private final List<String> featureNames;
  private final Standardizer standardizer;
  private final double intercept;
  private final double[] weights;
  private final double lambda;
  // σ(b' + Σ a_j x_j) with a_j = w_j / σ_j and b' = b − Σ a_j μ_j: one multiply-add per feature
  private final double[] rawWeights;
  private final double rawIntercept;

  public RankingModel(
      String featureSet,
      List<String> featureNames,
      Standardizer standardizer,
      double intercept,
      double[] weights,
      double lambda) {
    this.featureSet = Objects.requireNonNull(featureSet, "featureSet is null");
    this.featureNames = List.copyOf(featureNames);
    this.standardizer = Objects.requireNonNull(standardizer, "standardizer is null");
    int p = this.featureNames.size();
    ModelException.check(
        weights != null && weights.length == p && standardizer.width() == p,
        "create ranking model",
        "%d feature names, %s weights and a standardizer of %d columns do not match",
        p,
        weights == null ? "no" : String.valueOf(weights.length),
        standardizer.width());
    ModelException.check(
        Double.isFinite(intercept) && Arrays.stream(weights).allMatch(Double::isFinite),
        "create ranking model",
        "coefficients must be finite; the fit diverged (try a larger lambda)");
    this.intercept = intercept;
    this.weights = weights.clone();
    this.lambda = lambda;
    this.rawWeights = new double[p];
    double b = intercept;
    for (int j = 0; j < p; j++) {
      rawWeights[j] = weights[j] / standardizer.sd(j);
      b -= rawWeights[j] * standardizer.mean(j);
    }
    this.rawIntercept = b;
  }

  /** Fits a model on the {@link PairFeatures} matrix ({@code y[i]} is 1 if the pair applied). */
  public static RankingModel fit(double[][] x, int[] y, Options options) {
    return fit(PairFeatures.VERSION, PairFeatures.names(), x, y, options);
  }

  /** Fits a model on any named feature matrix. */
  public static RankingModel fit(
      String featureSet, List<String> featureNames, double[][] x, int[] y, Options options) {
    String action = "fit ranking model";
    ModelException.checkMatrix(action, "the training matrix", x, featureNames.size());
    int positives = ModelException.checkLabels(action, y, x.length, "rows");
    ModelException.check(
        positives > 0 && positives < y.length,
        action,
        "the %d rows have %d positive labels; both applied and not-applied pairs are needed"
            + " (widen the label window or the sample)",
        y.length,
        positives);
    Standardizer standardizer = Standardizer.fit(x);
    double[][] z = standardizer.transform(x);
    double[] w;
    try {
      w =
          LogisticFit.binomial(
              z, y, options.lambda(), options.tolerance(), options.maxIterations());
    } catch (RuntimeException e) {
      throw new ModelException(
          "Cannot fit ranking model on "
              + x.length
              + " rows: the logistic regression failed ("
              + e.getMessage()
              + "); check the training matrix or raise lambda",
          e);
    }
    int p = featureNames.size();
    return new RankingModel(
        featureSet, featureNames, standardizer, w[p], Arrays.copyOf(w, p), options.lambda());
  }

  /** The log-odds of the pair applying. */
  public double logit(double[] x) {
    checkWidth(x);
    double t = rawIntercept;
    for (int j = 0; j < rawWeights.length; j++) {
      t += rawWeights[j] * x[j];
    }
    return t;
  }

  /** The probability of the pair applying in the label horizon. */
  public double score(double[] x) {
    return 1.0 / (1.0 + Math.exp(-logit(x)));
  }

  /** Per-feature contributions to the logit; they sum to {@code logit(x) − intercept()}. */
  public double[] contributions(double[] x) {
    double[] out = new double[weights.length];
    contributions(x, out);
    return out;
  }

  public void contributions(double[] x, double[] out) {
    checkWidth(x);
    for (int j = 0; j < weights.length; j++) {
      out[j] = weights[j] * standardizer.standardize(j, x[j]);
    }
  }

  public Explanation explain(double[] x) {
    checkWidth(x);
    double[] z = standardizer.transform(x);
    double[] c = new double[weights.length];
    double t = intercept;
    for (int j = 0; j < weights.length; j++) {
      c[j] = weights[j] * z[j];
      t += c[j];
    }
    return new Explanation(1.0 / (1.0 + Math.exp(-t)), t, c, z);
  }

  private void checkWidth(double[] x) {
    if (x == null || x.length != weights.length) {
      throw new ModelException(
          "Cannot score with ranking model ("
              + featureSet
              + "): got "
              + (x == null ? "no" : String.valueOf(x.length))
              + " feature values, expected "
              + weights.length
              + " "
              + featureNames);
    }
  }

  public String featureSet() {
    return featureSet;
  }

  public List<String> featureNames() {
    return featureNames;
  }

  public Standardizer standardizer() {
    return standardizer;
  }

  /** The intercept on the standardized scale (the logit of an average pair). */
  public double intercept() {
    return intercept;
  }

  /** The weights on the standardized scale, one per feature. */
  public double[] weights() {
    return weights.clone();
  }

  public double lambda() {
    return lambda;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RankingModel m
        && featureSet.equals(m.featureSet)
        && featureNames.equals(m.featureNames)
        && standardizer.equals(m.standardizer)
        && Double.compare(intercept, m.intercept) == 0
        && Arrays.equals(weights, m.weights)
        && Double.compare(lambda, m.lambda) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        featureSet, featureNames, standardizer, intercept, Arrays.hashCode(weights));
  }

  @Override
  public String toString() {
    return "RankingModel["
        + featureSet
        + ", intercept="
        + intercept
        + ", weights="
        + Arrays.toString(weights)
        + "]";
  }
}
