package org.policyreach.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.Jsic;
import org.policyreach.core.Prefecture;
import org.policyreach.core.SizeClass;

/** Distributions of a 20,000-firm population. */
class FirmPopulationTest {
  private static final int N = 20_000;
  private static final LocalDate AS_OF = GeneratorConfig.DEFAULT_AS_OF;
  private static final Map<SizeClass, Integer> SIZES = new EnumMap<>(SizeClass.class);
  private static final Map<Jsic, Integer> INDUSTRIES = new EnumMap<>(Jsic.class);
  private static final Map<Prefecture, Integer> PREFECTURES = new EnumMap<>(Prefecture.class);
  private static final Map<Integer, Integer> KINDS = new HashMap<>();
  private static final Set<String> NUMBERS = new HashSet<>();
  private static int closed;
  private static int valid;

  @BeforeAll
  static void generate() {
    FirmPopulation pop = new FirmPopulation(42, AS_OF, LocalDate.of(2026, 10, 31));
    for (int i = 0; i < N; i++) {
      Firm f = pop.firm(i);
      SIZES.merge(f.facts().sizeClass().orElseThrow(), 1, Integer::sum);
      INDUSTRIES.merge(f.jsic(), 1, Integer::sum);
      PREFECTURES.merge(f.prefecture(), 1, Integer::sum);
      KINDS.merge(f.kind(), 1, Integer::sum);
      NUMBERS.add(f.cn().value());
      valid += CorporateNumber.isValid(f.cn().value()) ? 1 : 0;
      closed += f.active() ? 0 : 1;
      assertThat(f.established()).isBefore(AS_OF);
      assertThat(pop.prefectureOf(i)).isEqualTo(f.prefecture());
      if (f.kind() == 302) {
        assertThat(f.established()).isBefore(FirmPopulation.COMPANIES_ACT);
      }
    }
  }

  @Test
  void sizeClassesFollowTheSmeAgencyShares() {
    assertThat(share(SIZES.get(SizeClass.SMALL_SCALE))).isCloseTo(0.847, within(0.012));
    assertThat(share(SIZES.get(SizeClass.SME))).isCloseTo(0.150, within(0.012));
    assertThat(share(SIZES.get(SizeClass.LARGE))).isCloseTo(0.003, within(0.0015));
  }

  @Test
  void industriesAreWeightedLikeJapanesesCorporations() {
    for (Jsic many : new Jsic[] {Jsic.D, Jsic.E, Jsic.I, Jsic.K}) {
      assertThat(share(INDUSTRIES.get(many))).as(many.name()).isGreaterThan(0.09);
    }
    for (Jsic few : new Jsic[] {Jsic.F, Jsic.S, Jsic.Q, Jsic.C}) {
      assertThat(share(INDUSTRIES.getOrDefault(few, 0))).as(few.name()).isLessThan(0.01);
    }
    assertThat(INDUSTRIES.get(Jsic.I)).isGreaterThan(INDUSTRIES.get(Jsic.D));
  }

  @Test
  void prefecturesAreWeightedByPopulation() {
    Prefecture top =
        PREFECTURES.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat(top).isEqualTo(Prefecture.TOKYO);
    assertThat(PREFECTURES.get(Prefecture.OSAKA))
        .isGreaterThan(PREFECTURES.get(Prefecture.SHIZUOKA));
    assertThat(PREFECTURES.get(Prefecture.AICHI))
        .isGreaterThan(PREFECTURES.get(Prefecture.TOTTORI) * 8);
    assertThat(PREFECTURES).hasSize(47);
  }

  @Test
  void corporateNumbersAreValidAndUnique() {
    assertThat(valid).isEqualTo(N);
    assertThat(NUMBERS).hasSize(N);
  }

  @Test
  void kindsAreMostlyKabushikiGodoAndYugen() {
    int main = KINDS.getOrDefault(301, 0) + KINDS.getOrDefault(302, 0) + KINDS.getOrDefault(305, 0);
    assertThat(share(main)).isGreaterThan(0.97);
    assertThat(KINDS.get(301))
        .isGreaterThan(KINDS.get(302))
        .isGreaterThan(KINDS.get(303) == null ? 0 : KINDS.get(303));
    assertThat(share(closed)).isCloseTo(FirmPopulation.CLOSED_SHARE, within(0.006));
  }

  @Test
  void theSameIndexAlwaysGivesTheSameFirm() {
    FirmPopulation a = new FirmPopulation(42, AS_OF, LocalDate.of(2026, 10, 31));
    FirmPopulation b = new FirmPopulation(42, AS_OF, LocalDate.of(2026, 10, 31));
    assertThat(a.firm(12_345)).isEqualTo(b.firm(12_345));
    assertThat(new FirmPopulation(43, AS_OF, LocalDate.of(2026, 10, 31)).firm(12_345))
        .isNotEqualTo(a.firm(12_345));
  }

  private static double share(int count) {
    return (double) count / N;
  }
}
