package org.policyreach.models.ranking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyreach.models.ModelException;
import org.policyreach.models.metrics.ClassificationMetrics;
import smile.classification.LogisticRegression;

class RankingModelTest {
  static SyntheticPairs data;
  static RankingModel model;

  @BeforeAll
  static void fit() {
    data = new SyntheticPairs(20_000, 10_000, 17);
    model = RankingModel.fit(data.trainX, data.trainY, RankingModel.Options.defaults());
  }

  @Test
  void learnsThePlantedSignalOnHeldOutRows() {
    double[] scores = new double[data.testX.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = model.score(data.testX[i]);
    }
    double auc = ClassificationMetrics.auc(scores, data.testY);
    double oracle = ClassificationMetrics.auc(data.testTrueLogit, data.testY);

    assertThat(auc).isGreaterThan(0.7).isGreaterThan(oracle - 0.01);
    // signs of the planted weights are recovered
    double[] w = model.weights();
    assertThat(w[PairFeatures.PEER_UPTAKE]).isPositive();
    assertThat(w[PairFeatures.NEED_MATCH]).isPositive();
    assertThat(w[PairFeatures.NOT_YET_REACHED]).isNegative();
    assertThat(model.featureSet()).isEqualTo(PairFeatures.VERSION);
    assertThat(model.featureNames()).isEqualTo(PairFeatures.names());
  }

  @Test
  void plainJavaScoreEqualsSmilesPrediction() {
    RankingModel.Options o = RankingModel.Options.defaults();
    double[][] z = model.standardizer().transform(data.trainX);
    LogisticRegression.Binomial smile =
        LogisticRegression.binomial(z, data.trainY, o.lambda(), o.tolerance(), o.maxIterations());

    double[] w = smile.coefficients();
    assertThat(model.intercept()).isEqualTo(w[PairFeatures.COUNT]);
    assertThat(model.weights()).containsExactly(Arrays.copyOf(w, PairFeatures.COUNT));
    for (double[] x : data.testX) {
      double[] posteriori = new double[2];
      smile.predict(model.standardizer().transform(x), posteriori);
      assertThat(model.score(x)).isCloseTo(posteriori[1], within(1e-9));
      assertThat(model.score(x))
          .isCloseTo(smile.score(model.standardizer().transform(x)), within(1e-9));
    }
  }

  @Test
  void contributionsSumToTheLogitMinusTheIntercept() {
    for (int i = 0; i < 1_000; i++) {
      double[] x = data.testX[i];
      double[] c = model.contributions(x);
      assertThat(Arrays.stream(c).sum())
          .isCloseTo(model.logit(x) - model.intercept(), within(1e-9));
      Explanation e = model.explain(x);
      assertThat(e.contributions()).containsExactly(c, within(1e-12));
      assertThat(e.logit()).isCloseTo(model.logit(x), within(1e-9));
      assertThat(e.score()).isCloseTo(model.score(x), within(1e-12));
    }
  }

  @Test
  void explainsBadTrainingData() {
    double[][] x = {
      SyntheticPairs.row(new java.util.Random(1)), SyntheticPairs.row(new java.util.Random(2))
    };
    assertThatThrownBy(() -> RankingModel.fit(x, new int[] {0, 0}, RankingModel.Options.defaults()))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Cannot fit ranking model: the 2 rows have 0 positive labels; both applied and"
                + " not-applied pairs are needed (widen the label window or the sample)");
    assertThatThrownBy(() -> RankingModel.fit(x, new int[] {0, 2}, RankingModel.Options.defaults()))
        .hasMessage("Cannot fit ranking model: label 2 of row 1 is not 0 or 1");
    assertThatThrownBy(
            () ->
                RankingModel.fit(
                    "custom",
                    List.of("a", "b"),
                    new double[][] {{1, 2, 3}},
                    new int[] {1},
                    RankingModel.Options.defaults()))
        .hasMessage(
            "Cannot fit ranking model: the training matrix row 0 has 3 values, expected 2 (one per"
                + " feature)");
    assertThatThrownBy(() -> model.score(new double[3]))
        .hasMessageStartingWith(
            "Cannot score with ranking model (pair-v1): got 3 feature values, expected 15 [need_match,");
  }
}
