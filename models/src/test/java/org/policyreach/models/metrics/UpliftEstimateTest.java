package org.policyreach.models.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.policyreach.models.ModelException;

class UpliftEstimateTest {

  /** Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10. */
  @Test
  void matchesNewcombesPublishedIntervals() {
    UpliftEstimate a = UpliftEstimate.of(70, 56, 80, 48);
    assertThat(a.treatedRate()).isEqualTo(0.8);
    assertThat(a.holdoutRate()).isEqualTo(0.6);
    assertThat(a.difference()).isCloseTo(0.2, within(1e-12));
    assertThat(a.lower()).isCloseTo(0.0524, within(5e-5));
    assertThat(a.upper()).isCloseTo(0.3339, within(5e-5));
    assertThat(a.significant()).isTrue();

    UpliftEstimate b = UpliftEstimate.of(10, 9, 10, 3);
    assertThat(b.lower()).isCloseTo(0.1705, within(5e-5));
    assertThat(b.upper()).isCloseTo(0.8090, within(5e-5));

    UpliftEstimate zeros = UpliftEstimate.of(10, 0, 10, 0);
    assertThat(zeros.difference()).isZero();
    assertThat(zeros.lower()).isCloseTo(-0.2775, within(5e-5));
    assertThat(zeros.upper()).isCloseTo(0.2775, within(5e-5));
    assertThat(zeros.significant()).isFalse();
  }

  /** Newcombe (1998), Statistics in Medicine 17:857–872, Table I: 81/263, score method. */
  @Test
  void wilsonIntervalOfAKnownCase() {
    double[] w = UpliftEstimate.wilson(81, 263);
    assertThat(w[0]).isCloseTo(0.2553, within(5e-5));
    assertThat(w[1]).isCloseTo(0.3662, within(5e-5));
  }

  @Test
  void explainsImpossibleCounts() {
    assertThatThrownBy(() -> UpliftEstimate.of(100, 5, 0, 0))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Cannot estimate uplift: the holdout group is empty; a rate needs at least one firm (is the"
                + " holdout share 0?)");
    assertThatThrownBy(() -> UpliftEstimate.of(10, 11, 10, 0))
        .hasMessage(
            "Cannot estimate uplift: 11 of 10 treated firms applied; the count must be between 0 and"
                + " the group size");
  }
}
