package org.policyreach.pipelines.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.policyreach.core.CorporateNumber;
import org.policyreach.pipelines.PipelineException;

class HoldoutTest {
  static final int FIRMS = 20_000;

  static String cn(int i) {
    return CorporateNumber.ofBase(String.format("%012d", 300_000_000L + i)).value();
  }

  @Property(tries = 25)
  void shareIsWithinFourSigmaOfTheSetting(
      @ForAll @DoubleRange(min = 0.02, max = 0.5) double share, @ForAll long seed) {
    Holdout h = new Holdout(share, seed);
    int held = 0;
    for (int i = 0; i < FIRMS; i++) {
      held += h.isHeldOut("monozukuri-21", cn(i)) ? 1 : 0;
    }
    double sigma = Math.sqrt(share * (1 - share) / FIRMS);
    assertThat((double) held / FIRMS)
        .isCloseTo(share, org.assertj.core.data.Offset.offset(4 * sigma));
  }

  @Property(tries = 50)
  void assignmentIsDeterministicForASeed(
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll("programIds") String program) {
    Holdout a = new Holdout(0.1, seed);
    Holdout b = new Holdout(0.1, seed);
    for (int i = 0; i < 500; i++) {
      assertThat(a.isHeldOut(program, cn(i))).isEqualTo(b.isHeldOut(program, cn(i)));
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> programIds() {
    return net.jqwik.api.Arbitraries.of("monozukuri-21", "it-donyu-2026-r2", "jizokuka-19");
  }

  @Test
  void anotherSeedOrProgramDrawsAnotherHoldout() {
    Holdout a = new Holdout(0.1, 20261126L);
    Holdout b = new Holdout(0.1, 7L);
    int differ = 0;
    int otherProgram = 0;
    for (int i = 0; i < 5000; i++) {
      differ += a.isHeldOut("p", cn(i)) != b.isHeldOut("p", cn(i)) ? 1 : 0;
      otherProgram += a.isHeldOut("p", cn(i)) != a.isHeldOut("q", cn(i)) ? 1 : 0;
    }
    // independent 10% draws disagree on about 18% of firms
    assertThat(differ).isBetween(700, 1100);
    assertThat(otherProgram).isBetween(700, 1100);
  }

  @Test
  void zeroAndFullShares() {
    for (int i = 0; i < 1000; i++) {
      assertThat(new Holdout(0, 1).isHeldOut("p", cn(i))).isFalse();
      assertThat(new Holdout(1, 1).isHeldOut("p", cn(i))).isTrue();
    }
  }

  @Test
  void shareOutsideZeroOneIsBadInput() {
    assertThatThrownBy(() -> new Holdout(1.5, 1))
        .isInstanceOf(PipelineException.class)
        .hasMessageContaining("targets.holdout_share must be in [0, 1]")
        .matches(e -> ((PipelineException) e).isBadInput());
  }
}
