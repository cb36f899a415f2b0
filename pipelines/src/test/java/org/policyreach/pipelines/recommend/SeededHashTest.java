package org.policyreach.pipelines.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeededHashTest {
  @Test
  void sameInputsSameDrawAcrossCallsAndKnownValues() {
    double a = SeededHash.unit(7, "holdout", "p", "4010401098455");
    assertThat(SeededHash.unit(7, "holdout", "p", "4010401098455")).isEqualTo(a);
    assertThat(a).isBetween(0.0, 1.0);
    // keys are separated: ("ab", "c") is not ("a", "bc")
    assertThat(SeededHash.unit(7, "ab", "c")).isNotEqualTo(SeededHash.unit(7, "a", "bc"));
    assertThat(SeededHash.unit(8, "holdout", "p", "4010401098455")).isNotEqualTo(a);
  }

  @Test
  void drawsAreUniformInDeciles() {
    int[] deciles = new int[10];
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      deciles[(int) (SeededHash.unit(20261126L, "x", Integer.toString(i)) * 10)]++;
    }
    for (int d : deciles) {
      // expected 10,000 ± 4σ (σ ≈ 95)
      assertThat(d).isBetween(9_620, 10_380);
    }
  }
}
