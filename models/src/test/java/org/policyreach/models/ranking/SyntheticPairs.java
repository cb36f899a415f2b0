package org.policyreach.models.ranking;

import java.util.Random;

/** A feature matrix with a planted logistic signal, split into train and held-out rows. */
public final class SyntheticPairs {
  /** The planted weights on raw features; features 0, 2, 4 and 7 carry the signal. */
  static final double[] TRUE_WEIGHTS = new double[PairFeatures.COUNT];

  static final double TRUE_INTERCEPT = -4.0;

  static {
    TRUE_WEIGHTS[PairFeatures.NEED_MATCH] = 3.0;
    TRUE_WEIGHTS[PairFeatures.PEER_UPTAKE] = 8.0;
    TRUE_WEIGHTS[PairFeatures.DEADLINE_PROXIMITY] = 1.0;
    TRUE_WEIGHTS[PairFeatures.NOT_YET_REACHED] = -1.0;
  }

  final double[][] trainX;
  final int[] trainY;
  final double[][] testX;
  final int[] testY;
  final double[] testTrueLogit;

  SyntheticPairs(int train, int test, long seed) {
    Random r = new Random(seed);
    trainX = new double[train][];
    trainY = new int[train];
    testX = new double[test][];
    testY = new int[test];
    testTrueLogit = new double[test];
    for (int i = 0; i < train + test; i++) {
      double[] x = row(r);
      double logit = TRUE_INTERCEPT;
      for (int j = 0; j < x.length; j++) {
        logit += TRUE_WEIGHTS[j] * x[j];
      }
      int y = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
      if (i < train) {
        trainX[i] = x;
        trainY[i] = y;
      } else {
        testX[i - train] = x;
        testY[i - train] = y;
        testTrueLogit[i - train] = logit;
      }
    }
  }

  /** One random pair-feature row with realistic ranges (shared by the uplift tests). */
  public static double[] row(Random r) {
    double[] x = new double[PairFeatures.COUNT];
    x[PairFeatures.NEED_MATCH] = r.nextDouble();
    x[PairFeatures.MAX_NEED_SCORE] = Math.min(1, x[PairFeatures.NEED_MATCH] + 0.2 * r.nextDouble());
    x[PairFeatures.PEER_UPTAKE] = 0.3 * r.nextDouble();
    x[PairFeatures.PROGRAM_POPULARITY] = 0.2 * r.nextDouble();
    boolean open = r.nextDouble() < 0.8;
    x[PairFeatures.DEADLINE_PROXIMITY] = open ? Math.exp(-r.nextInt(90) / 30.0) : 0;
    x[PairFeatures.OPENS_SOON] = open ? 0 : 1;
    x[PairFeatures.NOVELTY] = r.nextDouble() < 0.9 ? 1 : 0;
    boolean reached = r.nextDouble() < 0.3;
    x[PairFeatures.NOT_YET_REACHED] = reached ? 0 : 1;
    int applications = reached ? 1 + r.nextInt(5) : 0;
    x[PairFeatures.LOG_APPLICATIONS] = Math.log1p(applications);
    x[PairFeatures.AWARD_RATE] =
        applications == 0 ? 0 : r.nextInt(applications + 1) / (double) applications;
    x[PairFeatures.SIZE_MATCH] = new double[] {0, 1, 0.5, 1.0 / 3}[r.nextInt(4)];
    x[PairFeatures.INDUSTRY_TARGETED] = r.nextDouble() < 0.2 ? 1 : 0;
    x[PairFeatures.REGION_TARGETED] = r.nextDouble() < 0.1 ? 1 : 0;
    x[PairFeatures.LOG_FIRM_AGE] = Math.log1p(r.nextInt(80));
    x[PairFeatures.LOG_MAX_AMOUNT] = Math.log1p(new double[] {0.5, 2, 4.5, 10, 15}[r.nextInt(5)]);
    return x;
  }
}
