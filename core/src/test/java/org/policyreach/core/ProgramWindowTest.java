package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramWindowTest {
  private static final ProgramWindow W =
      new ProgramWindow(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31));

  @Test
  void openDaysAreInclusive() {
    assertThat(W.isOpenOn(LocalDate.of(2026, 11, 30))).isFalse();
    assertThat(W.isOpenOn(LocalDate.of(2026, 12, 1))).isTrue();
    assertThat(W.isOpenOn(LocalDate.of(2026, 12, 31))).isTrue();
    assertThat(W.isOpenOn(LocalDate.of(2027, 1, 1))).isFalse();
    assertThat(W.isClosedOn(LocalDate.of(2027, 1, 1))).isTrue();
  }

  @Test
  void opensWithinCountsOnlyWindowsNotYetOpen() {
    LocalDate today = LocalDate.of(2026, 11, 26);
    assertThat(W.opensWithin(today, 5)).isTrue();
    assertThat(W.opensWithin(today, 4)).isFalse();
    assertThat(W.opensWithin(LocalDate.of(2026, 12, 1), 60)).isFalse();
    assertThat(W.isOpenOrOpensWithin(LocalDate.of(2026, 12, 1), 0)).isTrue();
    assertThatThrownBy(() -> W.opensWithin(today, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void daysLeftAndUntilOpen() {
    assertThat(W.daysLeft(LocalDate.of(2026, 12, 31))).isZero();
    assertThat(W.daysLeft(LocalDate.of(2026, 12, 1))).isEqualTo(30);
    assertThat(W.daysLeft(LocalDate.of(2027, 1, 2))).isEqualTo(-2);
    assertThat(W.daysUntilOpen(LocalDate.of(2026, 11, 26))).isEqualTo(5);
  }

  @Test
  void validation() {
    assertThatThrownBy(() -> new ProgramWindow(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("opens 2026-02-01 after it closes 2026-01-01");
    assertThatThrownBy(() -> new ProgramWindow(null, LocalDate.of(2026, 1, 1)))
        .hasMessage("opens is null");
  }

  @Test
  void programValidation() {
    assertThatThrownBy(
            () ->
                new Program(
                    "p",
                    "n",
                    null,
                    "p",
                    List.of(),
                    W,
                    EligibilityRules.NONE,
                    List.of(),
                    1,
                    0.5,
                    "https://x",
                    null))
        .hasMessageContaining("has no needs");
    assertThatThrownBy(
            () ->
                new Program(
                    "p",
                    "n",
                    null,
                    "p",
                    List.of("rnd"),
                    W,
                    EligibilityRules.NONE,
                    List.of(),
                    1,
                    1.5,
                    "https://x",
                    null))
        .hasMessageContaining("subsidyRate must be in (0, 1], got 1.5");
    assertThatThrownBy(
            () ->
                new EligibilityRules(
                    java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), -1, null, null))
        .hasMessageContaining("minYearsEstablished must be >= 0, got -1");
  }
}
