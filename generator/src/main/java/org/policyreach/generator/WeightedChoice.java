package org.policyreach.generator;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Picks an index with probability proportional to its weight (binary search, no allocation). */
final class WeightedChoice {
  private final double[] cumulative;

  WeightedChoice(double... weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("Cannot build a weighted choice: no weights given");
    }
    cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] < 0 || Double.isNaN(weights[i])) {
        throw new IllegalArgumentException(
            "Cannot build a weighted choice: weight " + i + " is " + weights[i]);
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("Cannot build a weighted choice: all weights are 0");
    }
  }

  int pick(SplittableRandom rng) {
    double u = rng.nextDouble() * cumulative[cumulative.length - 1];
    int i = Arrays.binarySearch(cumulative, u);
    i = i >= 0 ? i + 1 : -i - 1;
    return Math.min(i, cumulative.length - 1);
  }
}
