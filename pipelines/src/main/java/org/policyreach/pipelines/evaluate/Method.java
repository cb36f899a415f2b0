package org.policyreach.pipelines.evaluate;

/**
 * What ranks a firm's eligible programs in a backtest. Every method sees the same eligible programs
 * and the same per-family diversification; only the score differs.
 */
public enum Method {
  /** The trained ranker. */
  MODEL("model"),
  /** Most popular among the eligible: the share of all firms that applied to the family. */
  POPULARITY("popularity"),
  /** Need match only: the firm's mean need score over the program's needs. */
  NEED_MATCH("need_match");

  private final String key;

  Method(String key) {
    this.key = key;
  }

  /** The key in {@code evaluate --json} and the {@code baseline} of {@code gold.model_metrics}. */
  public String key() {
    return key;
  }

  /** {@code gold.model_metrics.baseline}: null for the model itself. */
  public String baselineColumn() {
    return this == MODEL ? null : key;
  }
}
