package org.policyreach.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

  @Test
  void aucCountsPairsAndHalvesTies() {
    assertThat(
            ClassificationMetrics.auc(new double[] {0.1, 0.4, 0.35, 0.8}, new int[] {0, 0, 1, 1}))
        .isEqualTo(0.75);
    assertThat(ClassificationMetrics.auc(new double[] {0.5, 0.5, 0.2, 0.9}, new int[] {1, 0, 0, 1}))
        .isEqualTo(0.875);
    assertThat(ClassificationMetrics.auc(new double[] {1, 1, 1}, new int[] {1, 0, 0}))
        .isEqualTo(0.5);
  }

  @Test
  void needsBothClasses() {
    assertThatThrownBy(() -> ClassificationMetrics.auc(new double[] {1, 2}, new int[] {1, 1}))
        .hasMessage("Cannot compute AUC: 2 positives and 0 negatives; both classes are needed");
  }
}
