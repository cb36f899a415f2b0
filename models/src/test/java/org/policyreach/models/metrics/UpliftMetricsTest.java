package org.policyreach.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.policyreach.models.ModelException;

class UpliftMetricsTest {
  // Six rows whose scores are not in index order. By score descending the ranks are
  //   rank: 1     2     3     4     5     6
  //   row:  1     4     3     5     0     2
  //   arm:  T     C     T     T     C     C
  //   y:    1     0     1     0     1     0
  //   e:    0     0.2   0.3   0     0.1   0.4
  static final double[] SCORE = {0.5, 0.9, 0.4, 0.7, 0.8, 0.6};
  static final boolean[] TREATED = {false, true, false, true, false, true};
  static final int[] Y = {1, 1, 0, 1, 0, 0};
  static final double[] EFFECT = {0.1, 0.0, 0.4, 0.3, 0.2, 0.0};

  @Test
  void qiniCurveOfAHandWorkedExample() {
    // Q(k) = Y_T(k) − Y_C(k)·N_T(k)/N_C(k), control term 0 while N_C(k) = 0
    double[] expected = {
      0,
      1, // YT=1 NT=1, no control row yet
      1 - 0 * 1.0 / 1, // YT=1 NT=1 YC=0 NC=1
      2 - 0 * 2.0 / 1, // YT=2 NT=2 YC=0 NC=1
      2 - 0 * 3.0 / 1, // YT=2 NT=3 YC=0 NC=1
      2 - 1 * 3.0 / 2, // YT=2 NT=3 YC=1 NC=2
      2 - 1 * 3.0 / 3 // YT=2 NT=3 YC=1 NC=3
    };
    assertThat(UpliftMetrics.qiniCurve(SCORE, TREATED, Y)).containsExactly(expected);

    // trapezoid area over k = 0..6 minus the line to (6, Q(6)), over n = 6
    double area = 0;
    for (int k = 1; k <= 6; k++) {
      area += (expected[k - 1] + expected[k]) / 2;
    }
    double line = 6 * expected[6] / 2;
    assertThat(UpliftMetrics.qiniCoefficient(SCORE, TREATED, Y))
        .isCloseTo((area - line) / 6, within(1e-12))
        .isPositive();
  }

  @Test
  void incrementalAtFractionReadsTheCurveAtCeilFractionN() {
    double[] q = UpliftMetrics.qiniCurve(SCORE, TREATED, Y);
    assertThat(UpliftMetrics.incrementalAtFraction(SCORE, TREATED, Y, 0.5)).isEqualTo(q[3]);
    assertThat(UpliftMetrics.incrementalAtFraction(SCORE, TREATED, Y, 0.1)).isEqualTo(q[1]);
    assertThat(UpliftMetrics.incrementalAtFraction(SCORE, TREATED, Y, 0.7)).isEqualTo(q[5]);
    assertThat(UpliftMetrics.incrementalAtFraction(SCORE, TREATED, Y, 1.0 / 3)).isEqualTo(q[2]);
    assertThat(UpliftMetrics.incrementalAtFraction(SCORE, TREATED, Y, 1.0)).isEqualTo(q[6]);
    // 0.07 · 100 is 7.000000000000001 in floating point; it still means the top 7
    assertThat(UpliftMetrics.top(0.07, 100)).isEqualTo(7);
    assertThat(UpliftMetrics.top(0.071, 100)).isEqualTo(8);
    assertThat(UpliftMetrics.top(1e-6, 100)).isEqualTo(1);
  }

  @Test
  void plantedCaptureAndAuucOfAHandWorkedExample() {
    double total = 0.1 + 0.0 + 0.4 + 0.3 + 0.2 + 0.0;
    // top 3 by score: rows 1, 4, 3
    assertThat(UpliftMetrics.plantedCapture(SCORE, EFFECT, 0.5))
        .isCloseTo((0.0 + 0.2 + 0.3) / total, within(1e-12));
    assertThat(UpliftMetrics.plantedCapture(SCORE, EFFECT, 0.1)).isEqualTo(0.0);
    assertThat(UpliftMetrics.plantedCapture(SCORE, EFFECT, 1.0)).isCloseTo(1.0, within(1e-12));

    // G by the model's order: 0, 0, .2, .5, .5, .6, 1.0; by the perfect order (.4 .3 .2 .1 0 0):
    // 0, .4, .7, .9, 1, 1, 1; random: k·total/6
    double[] model = {0, 0, .2, .5, .5, .6, 1.0};
    double[] perfect = {0, .4, .7, .9, 1, 1, 1};
    double aModel = 0;
    double aPerfect = 0;
    double aRandom = 0;
    for (int k = 1; k <= 6; k++) {
      aModel += (model[k - 1] + model[k]) / 2;
      aPerfect += (perfect[k - 1] + perfect[k]) / 2;
      aRandom += ((k - 1) * total / 6 + k * total / 6) / 2;
    }
    assertThat(UpliftMetrics.plantedAuuc(SCORE, EFFECT))
        .isCloseTo((aModel - aRandom) / (aPerfect - aRandom), within(1e-12))
        .isNegative();
  }

  @Test
  void equalScoresRankByAscendingIndex() {
    Random r = new Random(5);
    int n = 40;
    boolean[] treated = new boolean[n];
    int[] y = new int[n];
    double[] effect = new double[n];
    double[] byIndex = new double[n];
    for (int i = 0; i < n; i++) {
      treated[i] = r.nextBoolean();
      y[i] = r.nextInt(2);
      effect[i] = r.nextDouble();
      byIndex[i] = n - i;
    }
    double[] tied = new double[n]; // all 0, and −0.0 ties with 0.0
    tied[3] = -0.0;
    assertThat(UpliftMetrics.qiniCurve(tied, treated, y))
        .containsExactly(UpliftMetrics.qiniCurve(byIndex, treated, y));
    assertThat(UpliftMetrics.plantedCapture(tied, effect, 0.25))
        .isEqualTo(UpliftMetrics.plantedCapture(byIndex, effect, 0.25));
    assertThat(UpliftMetrics.plantedAuuc(tied, effect))
        .isEqualTo(UpliftMetrics.plantedAuuc(byIndex, effect));
  }

  @Test
  void perfectOrderingIsBestAndReversingLowersBoth() {
    Random r = new Random(11);
    int n = 1_000;
    double[] effect = new double[n];
    double[] noisy = new double[n];
    for (int i = 0; i < n; i++) {
      effect[i] = r.nextDouble() < 0.6 ? 0.0 : r.nextDouble(); // many ties at 0
      noisy[i] = effect[i] + 0.3 * r.nextGaussian();
    }
    double[] sorted = effect.clone();
    Arrays.sort(sorted);
    double total = Arrays.stream(effect).sum();
    double[] reversed = Arrays.stream(effect).map(e -> -e).toArray();

    assertThat(UpliftMetrics.plantedAuuc(effect, effect)).isCloseTo(1.0, within(1e-12));
    assertThat(UpliftMetrics.plantedAuuc(reversed, effect)).isCloseTo(-1.0, within(1e-12));
    for (double f : new double[] {0.01, 0.1, 0.25, 0.5}) {
      int k = (int) Math.ceil(f * n);
      double best = 0;
      for (int i = 0; i < k; i++) {
        best += sorted[n - 1 - i];
      }
      assertThat(UpliftMetrics.plantedCapture(effect, effect, f))
          .isCloseTo(best / total, within(1e-12));
      assertThat(UpliftMetrics.plantedCapture(noisy, effect, f))
          .isLessThanOrEqualTo(best / total + 1e-12)
          .isGreaterThan(f); // better than random
      assertThat(UpliftMetrics.plantedCapture(reversed, effect, f))
          .isLessThan(UpliftMetrics.plantedCapture(effect, effect, f));
      assertThat(
              UpliftMetrics.plantedCapture(Arrays.stream(noisy).map(s -> -s).toArray(), effect, f))
          .isLessThan(UpliftMetrics.plantedCapture(noisy, effect, f));
    }
    double noisyAuuc = UpliftMetrics.plantedAuuc(noisy, effect);
    assertThat(noisyAuuc).isBetween(0.0, 1.0);
    assertThat(UpliftMetrics.plantedAuuc(Arrays.stream(noisy).map(s -> -s).toArray(), effect))
        .isLessThan(noisyAuuc);
  }

  @Test
  void degeneratePlantedEffectsGiveNaN() {
    double[] score = {3, 2, 1};
    assertThat(UpliftMetrics.plantedCapture(score, new double[3], 0.5)).isNaN();
    assertThat(UpliftMetrics.plantedAuuc(score, new double[3])).isNaN();
    assertThat(UpliftMetrics.plantedAuuc(score, new double[] {0.1, 0.1, 0.1})).isNaN();
  }

  /** A campaign whose effect is planted in a hidden per-row probability. */
  record Campaign(boolean[] treated, int[] y, double[] effect) {
    static Campaign draw(int n, long seed) {
      Random r = new Random(seed);
      boolean[] treated = new boolean[n];
      int[] y = new int[n];
      double[] effect = new double[n];
      for (int i = 0; i < n; i++) {
        treated[i] = r.nextDouble() < 0.5;
        double base = 0.1 + 0.2 * r.nextDouble();
        effect[i] = r.nextDouble() < 0.3 ? 0.4 * r.nextDouble() : 0.0;
        y[i] = r.nextDouble() < base + (treated[i] ? effect[i] : 0) ? 1 : 0;
      }
      return new Campaign(treated, y, effect);
    }
  }

  @Test
  void randomRankingsScoreNearZeroOnAverage() {
    Campaign c = Campaign.draw(2_000, 23);
    double oracle = UpliftMetrics.qiniCoefficient(c.effect(), c.treated(), c.y());
    assertThat(oracle).isPositive();
    double[] reversed = Arrays.stream(c.effect()).map(e -> -e).toArray();
    assertThat(UpliftMetrics.qiniCoefficient(reversed, c.treated(), c.y())).isNegative();

    int seeds = 300;
    double sum = 0;
    for (int seed = 0; seed < seeds; seed++) {
      Random r = new Random(1_000 + seed);
      double[] score = new double[c.y().length];
      for (int i = 0; i < score.length; i++) {
        score[i] = r.nextDouble();
      }
      sum += UpliftMetrics.qiniCoefficient(score, c.treated(), c.y());
    }
    assertThat(Math.abs(sum / seeds)).isLessThan(0.1 * oracle);
  }

  @Property(tries = 200)
  void qiniIsInvariantToAStrictlyIncreasingTransform(
      @ForAll @IntRange(min = 1, max = 60) int n, @ForAll long seed) {
    Random r = new Random(seed);
    double[] score = new double[n];
    boolean[] treated = new boolean[n];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      score[i] = r.nextInt(20) - 10; // integers, so ties happen
      treated[i] = r.nextBoolean();
      y[i] = r.nextInt(2);
    }
    double[] transformed = Arrays.stream(score).map(s -> 5 + Math.exp(s / 4)).toArray();
    assertThat(UpliftMetrics.qiniCoefficient(transformed, treated, y))
        .isEqualTo(UpliftMetrics.qiniCoefficient(score, treated, y));
    assertThat(UpliftMetrics.qiniCurve(transformed, treated, y))
        .containsExactly(UpliftMetrics.qiniCurve(score, treated, y));
  }

  @Test
  void explainsBadInputs() {
    assertThatThrownBy(() -> UpliftMetrics.qiniCurve(SCORE, new boolean[5], Y))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Cannot compute the Qini curve: 5 treatment flags for 6 scores; give one flag (pushed"
                + " or holdout) per row");
    assertThatThrownBy(() -> UpliftMetrics.qiniCoefficient(SCORE, TREATED, new int[7]))
        .hasMessage("Cannot compute the Qini curve: 7 labels for 6 scores; give one label per row");
    assertThatThrownBy(() -> UpliftMetrics.qiniCurve(SCORE, TREATED, new int[] {0, 1, 2, 0, 0, 0}))
        .hasMessage("Cannot compute the Qini curve: label 2 of row 2 is not 0 or 1");
    assertThatThrownBy(
            () -> UpliftMetrics.qiniCurve(new double[] {0.1, Double.NaN, 0, 0, 0, 0}, TREATED, Y))
        .hasMessage(
            "Cannot compute the Qini curve: the score of row 1 is NaN; scores must be finite"
                + " (check the model's inputs)");
    assertThatThrownBy(() -> UpliftMetrics.qiniCurve(new double[0], new boolean[0], new int[0]))
        .hasMessage("Cannot compute the Qini curve: no scores; give at least one scored row");
    for (double f : new double[] {0, -0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> UpliftMetrics.incrementalAtFraction(SCORE, TREATED, Y, f))
          .hasMessage(
              "Cannot compute incremental applications: fraction "
                  + f
                  + " is outside (0, 1]; give the share of rows to target, e.g. 0.1");
      assertThatThrownBy(() -> UpliftMetrics.plantedCapture(SCORE, EFFECT, f))
          .hasMessageStartingWith("Cannot compute the planted-effect capture: fraction ");
    }
    assertThatThrownBy(() -> UpliftMetrics.plantedCapture(SCORE, new double[2], 0.5))
        .hasMessage(
            "Cannot compute the planted-effect capture: 2 planted effects for 6 scores; give one"
                + " effect per row");
    assertThatThrownBy(() -> UpliftMetrics.plantedAuuc(SCORE, new double[] {0, 0, -0.5, 0, 0, 0}))
        .hasMessage(
            "Cannot compute the planted-effect AUUC: the planted effect of row 2 is -0.5; effects"
                + " must be finite and ≥ 0");
  }
}
