package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SizeClassTest {

  private static final long BIG_CAPITAL = 10_000_000_000L;
  private static final int MANY = 100_000;

  @ParameterizedTest
  @EnumSource(IndustryGroup.class)
  void capitalBoundaryAloneDecides(IndustryGroup g) {
    long limit = g.capitalLimitYen();
    assertThat(SizeClass.classify(g, limit, MANY)).contains(SizeClass.SME);
    assertThat(SizeClass.classify(g, limit + 1, MANY)).contains(SizeClass.LARGE);
  }

  @ParameterizedTest
  @EnumSource(IndustryGroup.class)
  void employeeBoundaryAloneDecides(IndustryGroup g) {
    int limit = g.employeeLimit();
    assertThat(SizeClass.classify(g, BIG_CAPITAL, limit)).contains(SizeClass.SME);
    assertThat(SizeClass.classify(g, BIG_CAPITAL, limit + 1)).contains(SizeClass.LARGE);
  }

  @ParameterizedTest
  @EnumSource(IndustryGroup.class)
  void smallScaleBoundary(IndustryGroup g) {
    int small = g.smallScaleEmployeeLimit();
    assertThat(SizeClass.classify(g, 1_000_000L, small)).contains(SizeClass.SMALL_SCALE);
    assertThat(SizeClass.classify(g, 1_000_000L, small + 1)).contains(SizeClass.SME);
    assertThat(SizeClass.classify(g, 1_000_000L, 0)).contains(SizeClass.SMALL_SCALE);
    // Small-scale depends on employees only: a big capital does not stop it while the
    // employee count keeps the firm an SME.
    assertThat(SizeClass.classify(g, BIG_CAPITAL, small)).contains(SizeClass.SMALL_SCALE);
  }

  @ParameterizedTest
  @EnumSource(IndustryGroup.class)
  void capitalOrEmployeesEitherSuffices(IndustryGroup g) {
    assertThat(SizeClass.classify(g, g.capitalLimitYen(), g.employeeLimit() + 1))
        .contains(SizeClass.SME);
    assertThat(SizeClass.classify(g, g.capitalLimitYen() + 1, g.employeeLimit()))
        .contains(SizeClass.SME);
    assertThat(SizeClass.classify(g, g.capitalLimitYen() + 1, g.employeeLimit() + 1))
        .contains(SizeClass.LARGE);
  }

  @ParameterizedTest
  @EnumSource(IndustryGroup.class)
  void unknownInputs(IndustryGroup g) {
    assertThat(SizeClass.classify(g, null, null)).isEmpty();
    // Capital fits, employees unknown: an SME, small-scale unknown -> SME.
    assertThat(SizeClass.classify(g, g.capitalLimitYen(), null)).contains(SizeClass.SME);
    // Employees known: decides alone when they fit.
    assertThat(SizeClass.classify(g, null, g.smallScaleEmployeeLimit()))
        .contains(SizeClass.SMALL_SCALE);
    assertThat(SizeClass.classify(g, null, g.employeeLimit())).contains(SizeClass.SME);
    // The known input exceeds its limit and the other is unknown: it might still qualify.
    assertThat(SizeClass.classify(g, null, g.employeeLimit() + 1)).isEmpty();
    assertThat(SizeClass.classify(g, g.capitalLimitYen() + 1, null)).isEmpty();
  }

  @Test
  void decreeIndustriesDifferFromTheirParentRow() {
    // 800 staff and ¥1bn capital: large in manufacturing, SME in rubber products.
    assertThat(SizeClass.classify(IndustryGroup.MANUFACTURING_AND_OTHER, 1_000_000_000L, 800))
        .contains(SizeClass.LARGE);
    assertThat(SizeClass.classify(IndustryGroup.RUBBER_PRODUCTS, 1_000_000_000L, 800))
        .contains(SizeClass.SME);
    // Software with ¥200M capital and 250 staff: SME; as plain services it would be large.
    assertThat(SizeClass.classify(IndustryGroup.SOFTWARE_IT, 200_000_000L, 250))
        .contains(SizeClass.SME);
    assertThat(SizeClass.classify(IndustryGroup.SERVICES, 200_000_000L, 250))
        .contains(SizeClass.LARGE);
    // A ryokan with 150 staff and ¥80M: SME; a general service firm would be large.
    assertThat(SizeClass.classify(IndustryGroup.RYOKAN, 80_000_000L, 150)).contains(SizeClass.SME);
    assertThat(SizeClass.classify(IndustryGroup.SERVICES, 80_000_000L, 150))
        .contains(SizeClass.LARGE);
  }

  @Test
  void idsAndLabels() {
    assertThat(SizeClass.ofId("small_scale")).isSameAs(SizeClass.SMALL_SCALE);
    assertThat(SizeClass.ofId("SME")).isSameAs(SizeClass.SME);
    assertThat(SizeClass.ofId("大企業")).isSameAs(SizeClass.LARGE);
    assertThat(SizeClass.SMALL_SCALE.labelJa()).isEqualTo("小規模事業者");
    assertThat(SizeClass.LARGE.isSmeOrSmaller()).isFalse();
    assertThatThrownBy(() -> SizeClass.ofId("medium"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("SIZE_CLASS_UNKNOWN"))
        .hasMessageContaining("'medium'")
        .hasMessageContaining("small_scale, sme or large");
    assertThat(Optional.of(SizeClass.SME)).contains(SizeClass.SME);
  }
}
