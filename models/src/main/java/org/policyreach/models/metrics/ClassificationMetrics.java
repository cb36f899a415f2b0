package org.policyreach.models.metrics;

import java.util.Arrays;
import org.policyreach.models.ModelException;

/** Metrics of a scored binary outcome. */
public final class ClassificationMetrics {
  private ClassificationMetrics() {}

  /**
   * ROC AUC as the Mann–Whitney statistic: the probability that a random positive scores above a
   * random negative, ties counting one half.
   */
  public static double auc(double[] scores, int[] labels) {
    ModelException.check(
        scores.length == labels.length,
        "compute AUC",
        "%d scores for %d labels",
        scores.length,
        labels.length);
    int n = scores.length;
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSumPositives = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int m = i; m <= j; m++) {
        if (labels[order[m]] == 1) {
          rankSumPositives += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    ModelException.check(
        positives > 0 && negatives > 0,
        "compute AUC",
        "%d positives and %d negatives; both classes are needed",
        positives,
        negatives);
    return (rankSumPositives - positives * (positives + 1) / 2.0)
        / ((double) positives * negatives);
  }
}
