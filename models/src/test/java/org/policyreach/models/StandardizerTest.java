package org.policyreach.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardizerTest {

  @Test
  void fitsPopulationMeanAndSdAndKeepsConstantColumnsAtZero() {
    double[][] rows = {{1, 5, 7}, {3, 5, 7}, {5, 5, 7}};
    Standardizer s = Standardizer.fit(rows);

    assertThat(s.mean()).containsExactly(3, 5, 7);
    assertThat(s.sd(0)).isCloseTo(Math.sqrt(8.0 / 3), within(1e-12));
    assertThat(s.sd(1)).isEqualTo(1.0);
    assertThat(s.transform(new double[] {3, 5, 7})).containsExactly(0, 0, 0);
    assertThat(s.transform(new double[] {5, 6, 7})[0])
        .isCloseTo(2 / Math.sqrt(8.0 / 3), within(1e-12));
  }

  @Test
  void inverseUndoesTransform() {
    Standardizer s = Standardizer.fit(new double[][] {{1, 10}, {2, 30}, {4, 20}});
    double[] x = {3.5, -7};
    assertThat(s.inverse(s.transform(x))).containsExactly(new double[] {3.5, -7}, within(1e-12));
  }

  @Test
  void rejectsWrongWidthAndMissingValues() {
    Standardizer s = Standardizer.fit(new double[][] {{1, 2}, {3, 4}});
    assertThatThrownBy(() -> s.transform(new double[] {1}))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Cannot standardize: the vector has 1 values, the standardizer was fitted on 2 columns");
    assertThatThrownBy(() -> Standardizer.fit(new double[][] {{1, 2}, {Double.NaN, 4}}))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("row 1, column 0 is NaN; replace missing values before fitting");
  }
}
